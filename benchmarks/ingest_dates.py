"""Undated articles per shared corpus: how many articles ingestion leaves without a date, and why.

Usage (from the repo root, ../shared present or TACITUS_SHARED set):

    PYTHONPATH=src python benchmarks/ingest_dates.py

Each data/corpus/*.jsonl file and the WARC file is ingested on its own with default options
(`iter_articles`: cleaning, English only, duplicates marked) and the `SkipReport` counts are
printed: articles, undated (no date in the source / a date that cannot be read), and the most
common reasons a date could not be read.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from tacitus.dates import MISSING
from tacitus.ingest import SkipReport, iter_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "corpus"


def main() -> None:
    paths = sorted(CORPUS.glob("*.jsonl")) + sorted(CORPUS.glob("*.warc.gz"))
    if not paths:
        sys.exit(f"needs {CORPUS}/*.jsonl (development data, not shipped with Tacitus)")
    print(f"{'corpus':<46}{'articles':>9}{'undated':>9}{'no date':>9}{'unreadable':>11}")
    for path in paths:
        report = SkipReport()
        reasons: Counter[str] = Counter()
        for article in iter_articles([str(path)], report=report):
            if article.date_problem not in (None, MISSING):
                reasons[str(article.date_problem).split(": ", 1)[-1]] += 1
        missing = report.undated - report.unreadable_dates
        print(
            f"{path.name:<46}{report.articles:>9}{report.undated:>9}{missing:>9}{report.unreadable_dates:>11}"
        )
        for reason, count in reasons.most_common(3):
            print(f"    {count} x {reason}")


if __name__ == "__main__":
    main()
