"""Time quote extraction adds to coding: parse (spaCy) vs parse + extract_quotes, same run.

Until the coder lands, the baseline is the spaCy parse of the same articles, which is the bulk
of coding time; with `tacitus.coder` importable the baseline is `Coder.code_articles` and the
quote stage runs on its docs, actors and resolver. Prints the ratio quotes/baseline.

Usage (from the repo root):
    PYTHONPATH=src python benchmarks/quotes_overhead.py \
        [--corpus news_allsides_us_politics.jsonl] [--limit 300]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from tacitus.nlp import load_model
from tacitus.quotes import extract_quotes
from tacitus.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))


def _articles(path: Path, limit: int) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(Article(id=str(record["id"]), text=record["text"], date=record.get("date")))
            if len(articles) >= limit:
                break
    return articles


def _with_coder(articles: list[Article]) -> tuple[float, float, int]:
    from tacitus.coder import Coder  # type: ignore[import-not-found]

    coder = Coder()
    started = time.perf_counter()
    coded = list(coder.code_articles(articles))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    count = sum(
        len(extract_quotes(c.article, c.doc, actors=c.actors, resolver=coder.resolver))
        for c in coded
        if c.doc is not None
    )
    return baseline, time.perf_counter() - started, count


def _with_parser(articles: list[Article]) -> tuple[float, float, int]:
    nlp = load_model()
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16))
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    count = sum(len(extract_quotes(a, d)) for a, d in zip(articles, docs, strict=True))
    return baseline, time.perf_counter() - started, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        default="news_allsides_us_politics.jsonl",
        help="a file under shared/data/corpus",
    )
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    path = SHARED / "data" / "corpus" / args.corpus
    if not path.exists():
        print(f"needs {path} (development data, not shipped with Tacitus)", file=sys.stderr)
        return 2
    articles = _articles(path, args.limit)
    load_model()  # model loading is not part of either timing
    has_coder = (
        importlib.util.find_spec("tacitus.coder") is not None
        and importlib.util.find_spec("tacitus.coder").submodule_search_locations is not None
    )
    baseline_name = "coder" if has_coder else "spacy parse"
    baseline, quotes_time, count = (_with_coder if has_coder else _with_parser)(articles)
    print(f"articles {len(articles)}, quotes {count}")
    print(f"baseline ({baseline_name}) {baseline:.2f}s, quotes {quotes_time:.2f}s")
    print(f"quotes/baseline ratio {quotes_time / baseline:.3f} (budget 0.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
