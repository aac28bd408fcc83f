"""`ingest`: read inputs and write Articles as JSONL (and skips, if asked), returning the counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
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
) -> SkipReport:
    """Write one JSON object per Article to `out` (and per Skip to `skips`); return the counts."""
    report = SkipReport()
    for item in read_articles(inputs, options=options):
        if isinstance(item, Skip):
            report.add_skip(item)
            if skips is not None:
                skips.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
            continue
        report.articles += 1
        report.duplicates += item.duplicate_of is not None
        out.write(json.dumps(item.as_dict(), ensure_ascii=False) + "\n")
    return report
