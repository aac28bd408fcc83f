"""`ingest`: read inputs and write Articles as JSONL (and skips, if asked), returning the counts."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from tacitus.ingest.core import read_articles
from tacitus.ingest.options import IngestOptions
from tacitus.ingest.skips import Skip, SkipReport

__all__ = ["ingest"]


def ingest(
    inputs: Sequence[str],
    out: TextIO,
    *,
    options: IngestOptions | None = None,
    skips: TextIO | None = None,
    progress: Callable[[SkipReport], None] | None = None,
    every: int = 200,
) -> SkipReport:
    """Write one JSON object per Article to `out` (and per Skip to `skips`); return the counts.

    `progress`, if given, is called with the running counts every `every` items.
    """
    report = SkipReport()
    for number, item in enumerate(read_articles(inputs, options=options), start=1):
        if progress is not None and number % every == 0:
            progress(report)
        if isinstance(item, Skip):
            report.add_skip(item)
            if skips is not None:
                skips.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
            continue
        report.add_article(item)
        out.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
    return report
