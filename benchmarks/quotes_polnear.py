"""PolNeAR evaluation of tacitus.quotes: content-span P/R/F1 and speaker accuracy, per kind.

A predicted quote matches a gold attribution when their content spans overlap by at least
half of the shorter one; precision counts predictions matching some gold attribution, recall
gold attributions matched by some prediction; speaker accuracy is over matched gold
attributions that have a source: the best-matching prediction's speaker span must overlap it.

Usage (from the repo root):
    PYTHONPATH=src python benchmarks/quotes_polnear.py [--split dev|train] [--limit N] [--errors K]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from tacitus.nlp import load_model
from tacitus.quotes import extract_quotes
from tacitus.quotes.evaluate import QuoteScores, matches, read_gold, score_article
from tacitus.records import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "eval" / "quotes"


def _show_errors(record, quotes, gold, limit: int) -> int:  # type: ignore[no-untyped-def]
    text = record["text"]
    shown = 0
    for g in gold:
        if not any(matches(q, g) for q in quotes) and shown < limit:
            s, e = g.content[0][0], g.content[-1][1]
            print(f"MISS [{g.kind}] {text[max(0, s - 60) : s]!r} >>> {text[s:e][:160]!r}")
            shown += 1
    for q in quotes:
        if not any(matches(q, g) for g in gold) and shown < limit:
            print(f"FP   [{q.kind}] cue={q.cue and q.cue.text!r} {q.content.text[:160]!r}")
            shown += 1
    return shown


def _show_speaker_errors(record, quotes, gold) -> None:  # type: ignore[no-untyped-def]
    text = record["text"]
    for g in gold:
        best = max(quotes, key=lambda q: matches(q, g), default=None)
        if best is None or not matches(best, g) or not g.source:
            continue
        sp = best.speaker
        if sp and any(sp.start < e and s < sp.end for s, e in g.source):
            continue
        gold_source = " ".join(text[s:e] for s, e in g.source)
        print(
            f"SPK [{g.kind}] gold={gold_source!r} got={sp and sp.text!r} "
            f"cue={best.cue and best.cue.text!r} "
            f"{best.content.text[:90]!r}"
        )


def _parsed(articles: list[Article]) -> list[tuple[Any, list[Any], Any]]:
    """Full spaCy parses of the articles, no actors or resolver."""
    nlp = load_model()
    return [(doc, [], None) for doc in nlp.pipe([a.text for a in articles], batch_size=16)]


def _coded(articles: list[Article]) -> list[tuple[Any, list[Any], Any]]:
    """The coder's docs, actor mentions and resolver: what the pipeline hands the quote stage."""
    from tacitus.coder import Coder

    coder = Coder()
    return [(c.doc, c.actors, coder.resolver) for c in coder.code_articles(articles)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--offset", type=int, default=0, help="skip the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print up to K errors per article")
    parser.add_argument("--speaker-errors", action="store_true", help="print wrong speakers")
    parser.add_argument(
        "--coder", action="store_true", help="run on the coder's docs, actors and resolver (pipeline)"
    )
    args = parser.parse_args()
    path = GOLD / f"polnear_{args.split}.jsonl"
    if not path.exists():
        print(f"needs {path} (development data, not shipped with Tacitus)", file=sys.stderr)
        return 2
    records = list(read_gold(path))
    records = records[args.offset :]
    if args.limit:
        records = records[: args.limit]
    articles = [
        Article(id=r["id"], text=r["text"], date=r["meta"].get("publication_date")) for r, _ in records
    ]
    started = time.perf_counter()
    coded = _coded(articles) if args.coder else _parsed(articles)
    parsed = time.perf_counter()
    scores = QuoteScores()
    for (record, gold), article, (doc, actors, resolver) in zip(records, articles, coded, strict=True):
        quotes = extract_quotes(article, doc, actors=actors, resolver=resolver)
        score_article(scores, quotes, gold)
        if args.speaker_errors:
            _show_speaker_errors(record, quotes, gold)
        if args.errors:
            _show_errors(record, quotes, gold, args.errors)
    done = time.perf_counter()
    report = scores.report()
    report["articles"] = len(records)
    report["split"] = args.split
    print(json.dumps(report, indent=1))
    print(f"parse {parsed - started:.1f}s, quotes {done - parsed:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
