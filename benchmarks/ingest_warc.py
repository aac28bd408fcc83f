"""WARC ingestion: records/s, every record accounted for, texts equal to the HTML path's.

Usage (from the repo root, ../shared present or TACITUS_SHARED set):

    PYTHONPATH=src python benchmarks/ingest_warc.py [--rounds 3]

Speed is CPU time of this process (time.process_time; the machine is shared), best of
`--rounds` alternating runs of each system, as records per CPU-second.

Tacitus = `read_articles` on warc_zyte_news_pages.warc.gz with default options
(English only, dedup marking on). HTML path = `read_articles` on the Zyte JSONL
(the same 181 pages as `html` fields). Baseline in the same run = fastwarc
iteration + `trafilatura.extract` per response record, no cleaning or language id.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura
from fastwarc.warc import ArchiveIterator, WarcRecordType

from tacitus.ingest import Skip, read_articles

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
WARC = SHARED / "data" / "corpus" / "warc_zyte_news_pages.warc.gz"
PAGES = SHARED / "data" / "corpus" / "html_zyte_article_extraction_benchmark.jsonl"


def baseline_seconds() -> tuple[int, float]:
    start, records = time.process_time(), 0
    with WARC.open("rb") as handle:
        for record in ArchiveIterator(handle, record_types=WarcRecordType.response):
            trafilatura.extract(record.reader.read().decode("utf-8", "replace"))
            records += 1
    return records, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per system (best kept)")
    rounds = max(parser.parse_args().rounds, 1)
    if not WARC.exists() or not PAGES.exists():
        sys.exit(f"needs {WARC} and {PAGES} (development data, not shipped with Tacitus)")
    base = ours = float("inf")
    for _ in range(rounds):
        records, seconds = baseline_seconds()
        base = min(base, seconds)
        start = time.process_time()
        warc_items = list(read_articles([str(WARC)]))
        ours = min(ours, time.process_time() - start)
    html_items = list(read_articles([str(PAGES)]))
    page_urls = [json.loads(line)["url"] for line in PAGES.open(encoding="utf-8")]
    by_url_html = {url: item for url, item in zip(page_urls, html_items, strict=True)}
    outcomes = Counter(item.reason if isinstance(item, Skip) else "article" for item in warc_items)
    equal = differ = 0
    for item in warc_items:
        if isinstance(item, Skip):
            continue
        twin = by_url_html.get(item.url or "")
        if twin is not None and not isinstance(twin, Skip) and twin.text == item.text:
            equal += 1
        else:
            differ += 1
    print(f"WARC response records: {records}; Tacitus items: {len(warc_items)}")
    print("outcomes: " + ", ".join(f"{key} {value}" for key, value in sorted(outcomes.items())))
    print(f"articles whose text equals the HTML path's: {equal}; differing: {differ}")
    print(f"{'system':<40}{'records/s':>10}")
    print(f"{'fastwarc + trafilatura.extract':<40}{records / base:>10.1f}")
    print(f"{'Tacitus read_articles (WARC)':<40}{records / ours:>10.1f}")
    print(f"ratio Tacitus/baseline speed: {base / ours:.2f}x")


if __name__ == "__main__":
    main()
