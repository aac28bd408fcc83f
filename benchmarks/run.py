"""Throughput of `tacitus run` (ingest + code + store) against the coder alone, same texts,
same process, same run. Storing must cost at most 10% on top of coding.

    PYTHONPATH=src python benchmarks/run.py [--corpus NAME.jsonl] [--limit 2000] [--workers 2]

The default corpus is AG News (short wire items): with short texts coding is cheapest per
article, so the store's share is at its largest — the hard case for the 10% budget.
CPU seconds are printed beside wall seconds: on a shared machine wall time is noisy.

Reads ../shared/data/corpus (development data); exits with a message where it is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (ROOT.parent / "shared", ROOT.parent.parent / "shared")
STORE_BUDGET = 0.10  # storing may add at most 10% to coding time


def _corpus(name: str) -> Path:
    for shared in CANDIDATES:
        path = shared / "data" / "corpus" / name
        if path.exists():
            return path
    sys.exit(f"needs ../shared/data/corpus/{name} (development data, not shipped with Tacitus)")


def _sample(corpus: Path, limit: int, folder: Path) -> Path:
    """The first `limit` records of the corpus as a JSONL input file."""
    out = folder / "sample.jsonl"
    with corpus.open(encoding="utf-8") as source:
        lines = list(islice(source, limit))
    if len(lines) < limit:
        sys.exit(f"{corpus.name} has only {len(lines)} records; pass --limit or another --corpus")
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _coder_alone(sample: Path) -> tuple[tuple[float, float], float, float, int, int]:
    """((ingest wall s, CPU s), coding wall s, coding CPU s, articles, events), no store."""
    from tacitus.ingest import read_articles
    from tacitus.pipeline.coding import build_coder
    from tacitus.records import Article

    coder = build_coder()  # loaded before timing, as `run` gets it from the same cache
    warm_up = read_articles([str(sample)])
    for _ in coder.code_articles(a for a in islice(warm_up, 16) if isinstance(a, Article)):
        pass  # first batches pay one-off allocation costs: keep them out of both timings
    started, cpu = time.perf_counter(), time.process_time()
    articles = [a for a in read_articles([str(sample)]) if isinstance(a, Article)]
    articles = [a for a in articles if a.duplicate_of is None]
    ingest_seconds = time.perf_counter() - started
    ingest_cpu = time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    events = sum(len(coded.events) for coded in coder.code_articles(articles))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (ingest_seconds, ingest_cpu), wall, cpu, len(articles), events


def _run(sample: Path, folder: Path, workers: int):
    from tacitus.pipeline import RunOptions, run

    db = folder / f"bench-{workers}.duckdb"
    cpu = time.process_time()
    report = run([str(sample)], db=db, options=RunOptions(workers=workers))
    return report, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="news_agnews_test_short.jsonl")
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2, help="also time a run with N workers")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = _sample(_corpus(args.corpus), args.limit, folder)
        (ingest_s, ingest_cpu), coding_s, coding_cpu, articles, events = _coder_alone(sample)
        one, one_cpu = _run(sample, folder, 1)
        many = _run(sample, folder, args.workers)[0] if args.workers > 1 else None
    base_rate = articles / coding_s
    print(
        f"corpus: {args.corpus}, {args.limit} records -> {articles} articles to code; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"coder alone (1 process): {coding_s:8.1f} s  {base_rate:7.1f} articles/s  "
        f"{events} events  (CPU {coding_cpu:.1f} s)"
    )
    print(f"ingest alone:            {ingest_s:8.1f} s  (CPU {ingest_cpu:.1f} s)")
    store_share = one.store_seconds / coding_s
    cpu_share = one.store_cpu_seconds / coding_cpu
    print(
        f"tacitus run --workers 1: {one.seconds:8.1f} s  {one.coded / one.seconds:7.1f} "
        f"articles/s  {one.events} events  ratio to coder alone "
        f"{(one.coded / one.seconds) / base_rate:.2f}  (CPU {one_cpu:.1f} s = "
        f"{one_cpu / coding_cpu:.2f} x coder alone, ingest included)"
    )
    print(
        f"  of which DuckDB writes: {one.store_seconds:.2f} s = {store_share:.1%} of coding "
        f"wall time; CPU {one.store_cpu_seconds:.2f} s = {cpu_share:.1%} of coding CPU "
        f"(budget {STORE_BUDGET:.0%}: {'OK' if store_share <= STORE_BUDGET else 'OVER'})"
    )
    if many is not None:
        print(
            f"tacitus run --workers {args.workers}: {many.seconds:8.1f} s  "
            f"{many.coded / many.seconds:7.1f} articles/s  ratio to coder alone "
            f"{(many.coded / many.seconds) / base_rate:.2f}  speedup over 1 worker "
            f"{one.seconds / many.seconds:.2f}"
        )
    return 0 if store_share <= STORE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
