"""JSONL ingestion: records/s and resident memory over the shared news corpora (~38k articles).

Usage (from the repo root, ../shared present or TACITUS_SHARED set):

    PYTHONPATH=src python benchmarks/ingest_jsonl.py [--duplicates mark|off]

Tacitus = `read_articles` over every data/corpus/news_*.jsonl (cleaning, language id,
dedup). Baseline in the same run = reading the same lines with `json.loads` only.
Speed is records per CPU-second of this process (time.process_time; shared machine).
Resident memory (RSS) is sampled as the run goes: flat with ``--duplicates off``;
with ``mark`` it grows by the dedup index (about a kilobyte per unique article).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from tacitus.ingest import IngestOptions, Skip, read_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "corpus"


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def baseline(paths: list[Path]) -> tuple[int, float]:
    start, records = time.process_time(), 0
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                json.loads(line)
                records += 1
    return records, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duplicates", choices=["mark", "off"], default="mark")
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("news_*.jsonl"))
    if not paths:
        sys.exit(f"needs {CORPUS}/news_*.jsonl (development data, not shipped with Tacitus)")
    records, base_seconds = baseline(paths)
    outcomes: Counter[str] = Counter()
    samples: list[tuple[int, float]] = []
    start = time.process_time()
    options = IngestOptions(duplicates=args.duplicates)
    for number, item in enumerate(read_articles([str(p) for p in paths], options=options), 1):
        if isinstance(item, Skip):
            outcomes[item.reason] += 1
        else:
            outcomes["duplicate_marked" if item.duplicate_of else "article"] += 1
        if number % (records // 4) == 0:
            samples.append((number, rss_mb()))
    seconds = time.process_time() - start
    print(f"files: {', '.join(p.name for p in paths)}")
    print(f"records: {records}; outcomes: {dict(sorted(outcomes.items()))}")
    print("RSS MB at records: " + ", ".join(f"{n}: {mb:.0f}" for n, mb in samples))
    print(f"{'system':<36}{'records/s':>10}")
    print(f"{'json.loads only':<36}{records / base_seconds:>10.0f}")
    print(f"{'Tacitus read_articles':<36}{records / seconds:>10.0f}")


if __name__ == "__main__":
    main()
