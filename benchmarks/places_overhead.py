"""Time and memory the places stage adds on top of parsing, measured in the same run.

Parses N Reuters-21578 articles with the spaCy model (the baseline: coding costs at least the
parse), then geolocates the same parsed Docs. Prints parse seconds, geolocation seconds, their
ratio (target <= 0.10), the one-time gazetteer load, and the resident memory the gazetteer adds
(target <= 300 MB), read from /proc/self/statm before and after loading it. A second round does
what the pipeline does: the coder parses without NER; the geocoder then reads capitalised runs
that are gazetteer names (default), or runs the model's NER itself (`Geocoder(run_ner=True)`);
both ratios are to the NER-less parse.

Usage:
    python benchmarks/places_overhead.py [--limit 500] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repo (a worktree under wt/ finds it one level further up), or TACITUS_SHARED.
SHARED = Path(
    os.environ.get("TACITUS_SHARED")
    or next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
)
CORPUS = SHARED / "data" / "corpus" / "news_reuters21578.jsonl"


def rss_mb() -> float:
    """Current resident set size of this process, in MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def load_texts(limit: int) -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text"):
                texts.append(f"{row.get('dateline') or ''} {row['text']}".strip())
            if len(texts) >= limit:
                break
    return texts


def _timed_locate(geocoder, docs) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from tacitus.records import Article

    started = time.perf_counter()
    places = 0
    for number, doc in enumerate(docs):
        places += len(geocoder.locate(Article(id=str(number), text=doc.text), doc))
    return time.perf_counter() - started, places


def run(limit: int) -> dict[str, float | int]:
    from tacitus.nlp import load_model
    from tacitus.places import Geocoder

    texts = load_texts(limit)
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_seconds = time.perf_counter() - started
    rss_before = rss_mb()
    started = time.perf_counter()
    geocoder = Geocoder()
    load_seconds = time.perf_counter() - started
    rss_after = rss_mb()
    geo_seconds, places = _timed_locate(geocoder, docs)
    # As the coder gives them: parsed without NER, which the geocoder then runs itself.
    nlp_no_ner = load_model(exclude=["ner"])
    started = time.perf_counter()
    bare_docs = list(nlp_no_ner.pipe(texts, batch_size=64))
    bare_parse_seconds = time.perf_counter() - started
    bare_seconds, _ = _timed_locate(geocoder, bare_docs)
    geo_ner_seconds, _ = _timed_locate(Geocoder(run_ner=True), bare_docs)
    return {
        "articles": len(docs),
        "places": places,
        "parse_seconds": round(parse_seconds, 2),
        "geolocate_seconds": round(geo_seconds, 2),
        "ratio_geolocate_to_parse": round(geo_seconds / parse_seconds, 4),
        "parse_without_ner_seconds": round(bare_parse_seconds, 2),
        "geolocate_without_ner_seconds": round(bare_seconds, 2),
        "ratio_geolocate_without_ner_to_parse_without_ner": round(bare_seconds / bare_parse_seconds, 4),
        "geolocate_run_ner_seconds": round(geo_ner_seconds, 2),
        "ratio_geolocate_run_ner_to_parse_without_ner": round(geo_ner_seconds / bare_parse_seconds, 4),
        "gazetteer_load_seconds": round(load_seconds, 2),
        "rss_before_gazetteer_mb": round(rss_before, 1),
        "rss_added_by_gazetteer_mb": round(rss_after - rss_before, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500, help="articles to parse and locate")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: needs {CORPUS} (development data in ../shared)", file=sys.stderr)
        return 0
    result = run(args.limit)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
