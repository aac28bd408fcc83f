"""Real-news accuracy of the coder: P/R/F1 exact and by country+root, event rate, errors by cause.

The gold file holds real passages (first sentences of readouts, wire and BBC stories) hand-coded
in CAMEO by an expert, each expected event with its sentence index. The coder runs with its
defaults (the shipped dictionaries, the default confidence threshold) unless told otherwise.

Every false event and every miss is put in one cause, the first that fits:
  sub-code or role  - the country+root triple is right, the exact one is not
  wrong code        - the same countries in that sentence, another root
  wrong actors      - that sentence's event has the same root, other countries (`---` side: unresolved)
  other event       - that sentence has events on both sides, none alike
  no gold event     - (false events) the sentence has no event in the gold
  nothing coded     - (misses) the coder found nothing in that sentence

Usage (from the repo root):
    PYTHONPATH=src python benchmarks/real_news.py [--gold FILE] [--min-confidence X] [--show N]
    PYTHONPATH=src python benchmarks/real_news.py --rate news_allsides_2012_2020 --limit 500
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from tacitus.coder import Coder
from tacitus.evaluate.metrics import Counts, relax
from tacitus.records import Article, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "eval" / "real_news_dev.jsonl"
_WORD = re.compile(r"\w+")

Triple = tuple[str, str, str]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _kept(events: list[Event], threshold: float | None) -> list[Event]:
    kept = [e for e in events if not e.negated and e.modality != "hypothetical"]
    if threshold is not None:
        kept = [e for e in kept if getattr(e, "confidence", 1.0) >= threshold]
    return kept


def _cause(
    triple: Triple, sentence: int, other: dict[int, set[Triple]], other_relaxed: set[Triple], empty: str
) -> str:
    """The cause of one false event (`other` = the gold) or one miss (`other` = the coded events)."""
    if relax(triple) in other_relaxed:
        return "sub-code or role"
    same = other.get(sentence, set())
    pairs = {relax(t)[:2] for t in same}
    pair = relax(triple)[:2]
    if pair in pairs or pair[::-1] in pairs:
        return "wrong code"
    if any(t[2][:2] == triple[2][:2] for t in same):
        return "wrong actors (unresolved side)" if "---" in (triple[0][:3], triple[1][:3]) else "wrong actors"
    return "other event" if same else empty


def evaluate(gold_path: Path, threshold: float | None, show: int) -> dict[str, Any]:
    records = [
        json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    coder = Coder()
    articles = [Article(id=r["id"], text=r["text"], date=r.get("date")) for r in records]
    exact, relaxed = Counts(), Counts()
    false_causes: Counter[str] = Counter()
    miss_causes: Counter[str] = Counter()
    gold_events = coded_events = words = 0
    shown = 0
    for record, coded in zip(records, coder.code_articles(articles), strict=True):
        events = _kept(coded.events, threshold)
        got = {(e.source, e.target, e.code) for e in events}
        want = {(e["source"], e["target"], e["code"]) for e in record["expected"]}
        exact.add(got, want)
        relaxed.add({relax(t) for t in got}, {relax(t) for t in want})
        gold_events += len(want)
        coded_events += len(got)
        words += _words(record["text"])
        gold_index: dict[int, set[Triple]] = {}
        coded_index: dict[int, set[Triple]] = {}
        for e in record["expected"]:
            gold_index.setdefault(int(e.get("sentence", 0)), set()).add((e["source"], e["target"], e["code"]))
        for ev in events:
            coded_index.setdefault(ev.sentence, set()).add((ev.source, ev.target, ev.code))
        for sentence, triples in coded_index.items():
            for triple in triples - want:
                cause = _cause(triple, sentence, gold_index, {relax(t) for t in want}, "no gold event")
                false_causes[cause] += 1
                if shown < show:
                    print(f"FALSE  {record['id'][:60]:60} s{sentence} {' '.join(triple):28} {cause}")
                    shown += 1
        for sentence, triples in gold_index.items():
            for triple in triples - got:
                cause = _cause(triple, sentence, coded_index, {relax(t) for t in got}, "nothing coded")
                miss_causes[cause] += 1
                if shown < show:
                    print(f"MISS   {record['id'][:60]:60} s{sentence} {' '.join(triple):28} {cause}")
                    shown += 1
    return {
        "records": len(records),
        "exact": exact.as_dict(),
        "relaxed": relaxed.as_dict(),
        "events_per_1000_words": {
            "tacitus": round(1000 * coded_events / max(words, 1), 2),
            "gold": round(1000 * gold_events / max(words, 1), 2),
        },
        "false_events_by_cause": dict(false_causes.most_common()),
        "misses_by_cause": dict(miss_causes.most_common()),
    }


def event_rate(corpus: str, limit: int, threshold: float | None) -> dict[str, Any]:
    """Events per 1,000 words on the first `limit` articles of a shared corpus."""
    path = SHARED / "data" / "corpus" / f"{corpus}.jsonl"
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles.append(Article(id=record["id"], text=record.get("text") or "", date=record.get("date")))
            if len(articles) >= limit:
                break
    coder = Coder()
    events = words = 0
    for coded in coder.code_articles(articles):
        events += len(_kept(coded.events, threshold))
        words += _words(coded.article.text or "")
    return {
        "corpus": corpus,
        "articles": len(articles),
        "words": words,
        "events": events,
        "events_per_1000_words": round(1000 * events / max(words, 1), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="keep events at or above this confidence (default: the coder's default)",
    )
    parser.add_argument("--show", type=int, default=0, help="print this many false events and misses")
    parser.add_argument("--rate", metavar="CORPUS", help="measure events per 1,000 words on a shared corpus")
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    threshold = args.min_confidence if args.min_confidence is not None else _default_threshold()
    if args.rate:
        print(json.dumps(event_rate(args.rate, args.limit, threshold), indent=1))
        return 0
    if not args.gold.exists():
        print(f"gold file not found: {args.gold} - this benchmark needs ../shared (set TACITUS_SHARED)")
        return 2
    print(json.dumps(evaluate(args.gold, threshold, args.show), indent=1))
    return 0


def _default_threshold() -> float | None:
    """The coder's default threshold; None for a coder without a confidence model (an older
    checkout measured for comparison: every event counts)."""
    try:
        from tacitus.events.confidence import default_min_confidence
    except ImportError:
        return None
    return default_min_confidence()


if __name__ == "__main__":
    sys.exit(main())
