"""Which rule located the coded events of a corpus sample (`location.method`), and a sample to read.

Codes a deterministic sample of a JSONL corpus with the shipped coder, locates its events with the
places stage, and counts the events a reader sees by default (at the default confidence threshold,
neither negated nor hypothetical) by the rule that placed them: ``clause``, ``lead``,
``actor_country``, ``document``, ``dateline`` or none. `--show N` prints N located events, evenly
spread over all of them, with their sentence, to judge by reading.

The sample: the first `--per-group` records of each id group (``bbc-politics-001`` is in group
``bbc-politics``), in file order; `--per-group 0` takes the first `--limit` records instead;
`--prefix` keeps only ids that start with it (``--prefix bbc-politics --per-group 0``: the first
200 politics stories).

Usage:
    python benchmarks/places_methods.py [--corpus news_bbc_2004_2005] [--per-group 40]
        [--prefix bbc-politics] [--limit 200] [--show 30] [--json out.json]
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(
    os.environ.get("TACITUS_SHARED")
    or next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
)


def sample(path: Path, per_group: int, limit: int, prefix: str = "") -> list[dict[str, Any]]:
    """The first `per_group` records of each id group (or the first `limit` records) among those
    whose id starts with `prefix`."""
    taken: Counter[str] = Counter()
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record.get("text") or not str(record["id"]).startswith(prefix):
                continue
            if per_group:
                group = str(record["id"]).rsplit("-", 1)[0]
                if taken[group] >= per_group:
                    continue
                taken[group] += 1
            records.append(record)
            if not per_group and len(records) >= limit:
                break
    return records


def _text(record: dict[str, Any]) -> str:
    """The text as printed: a separate ``dateline`` field (Reuters-21578) goes back in front."""
    dateline = (record.get("dateline") or "").strip()
    return f"{dateline} {record['text']}" if dateline else str(record["text"])


def _method(event: Any) -> str:
    location = event.location
    if location is None:
        return "none"
    return getattr(location, "method", None) or event.location_source or "unknown"


def run(records: list[dict[str, Any]]) -> tuple[Counter[str], list[dict[str, Any]]]:
    from tacitus.coder import Coder
    from tacitus.events.confidence import default_min_confidence
    from tacitus.places import Geocoder
    from tacitus.records import Article

    threshold = default_min_confidence()
    geocoder = Geocoder()
    with_actors = "actors" in inspect.signature(geocoder.locate).parameters
    articles = [
        Article(id=str(r["id"]), text=_text(r), title=r.get("title"), date=r.get("date")) for r in records
    ]
    counts: Counter[str] = Counter()
    located: list[dict[str, Any]] = []
    for coded in Coder().code_articles(articles):
        if coded.skipped:
            continue
        if with_actors:
            geocoder.locate(coded.article, coded.doc, coded.events, coded.actors)
        else:  # a Geocoder from before `locate` took the actors (to measure the old code)
            geocoder.locate(coded.article, coded.doc, coded.events)
        for event in coded.events:
            if event.negated or event.modality == "hypothetical":
                continue
            if event.confidence is not None and event.confidence < threshold:
                continue
            method = _method(event)
            counts[method] += 1
            if event.location is not None:
                located.append(
                    {
                        "doc_id": event.doc_id,
                        "sentence": event.evidence.text,
                        "event": f"{event.source} -> {event.target} {event.code} ({event.verb})",
                        "place": f"{event.location.name} ({event.location.country})",
                        "method": method,
                    }
                )
    return counts, located


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="news_bbc_2004_2005", help="a JSONL under ../shared/data/corpus")
    parser.add_argument("--per-group", type=int, default=40, help="records per id group (0: --limit)")
    parser.add_argument("--limit", type=int, default=200, help="records when --per-group is 0")
    parser.add_argument("--prefix", default="", help="only records whose id starts with this")
    parser.add_argument("--show", type=int, default=0, help="print this many located events to read")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    path = SHARED / "data" / "corpus" / f"{args.corpus}.jsonl"
    if not path.exists():
        print(f"skipped: needs {path} (development data in ../shared)", file=sys.stderr)
        return 0
    records = sample(path, args.per_group, args.limit, args.prefix)
    counts, located = run(records)
    total = sum(counts.values())
    figures = {
        "articles": len(records),
        "events": total,
        "located": total - counts["none"],
        "by_method": dict(sorted(counts.items())),
    }
    print(json.dumps(figures, indent=2))
    if args.show and located:
        step = max(1, len(located) // args.show)
        for item in located[::step][: args.show]:
            print(f"\n[{item['method']}] {item['place']}  {item['event']}  {item['doc_id']}")
            print(f"    {item['sentence']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
