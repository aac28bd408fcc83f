"""White House readouts: is the consultation with the partner the title names coded both ways?

Each readout's title names the meeting or call and its partner ("Readout of President Biden's
Call with President Emmanuel Macron of France"). The partner phrase (after " with ", up to
" on "/" to "/" about "/" regarding "/" at ") is resolved on the readout's date; readouts whose
partner is a foreign government official (a known person, or a government role: "Prime
Minister Netanyahu", "President Duda of Poland") or an IGO are the partner readouts. One passes when the coder
finds a consultation (CAMEO root 04) from `USAGOV` to the partner's country and one back.

Usage (from the repo root):
    PYTHONPATH=src python benchmarks/readouts.py [--limit N] [--show K] [--min-confidence X]
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
from tacitus.events.confidence import default_min_confidence
from tacitus.records import Article, Event

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "corpus" / "pd_whitehouse_readouts.jsonl"
_PARTNER = re.compile(r"\bwith (?:his |her )?(?P<partner>.+?)(?: on | to | about | regarding | at |$)")
_US = "USA"


def partner_of(coder: Coder, title: str, day: str | None) -> str | None:
    """The partner's country (first code block) from the title, or None when it names none
    (a domestic meeting, a group of leaders) or the partner is American."""
    match = _PARTNER.search(title.replace("’", "'"))
    if match is None:
        return None
    actor = coder.resolver.resolve(match["partner"], day)
    if actor is None or not actor.code or actor.code.startswith("---") or actor.code.startswith('"'):
        return None
    country = actor.code[:3]
    # A foreign leader or official ("President Macron of France", "Prime Minister Netanyahu")
    # or an IGO; not a word of a domestic title the dictionaries happen to know ("Youth
    # Voting Groups", "Cuban American Leaders").
    official = actor.name is not None or (actor.sector or "").startswith("GOV") or country == "IGO"
    return None if country == _US or not official else country


def consults(events: list[Event], partner: str) -> tuple[bool, bool]:
    """(USAGOV → partner, partner → USAGOV) consultations found."""
    out = any(e.source == "USAGOV" and e.target[:3] == partner and e.root_code == "04" for e in events)
    back = any(e.target == "USAGOV" and e.source[:3] == partner and e.root_code == "04" for e in events)
    return out, back


def evaluate(limit: int | None, show: int, threshold: float | None) -> dict[str, Any]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        records = records[:limit]
    coder = Coder()
    partners = {r["id"]: partner_of(coder, r.get("title") or "", r.get("date")) for r in records}
    chosen = [r for r in records if partners[r["id"]]]
    articles = [Article(id=r["id"], text=r["text"], date=r.get("date"), title=r.get("title")) for r in chosen]
    outcome: Counter[str] = Counter()
    verdicts: dict[str, str] = {}
    shown = 0
    for record, coded in zip(chosen, coder.code_articles(articles), strict=True):
        events = [e for e in coded.events if not e.negated]
        if threshold is not None:
            events = [e for e in events if e.confidence is None or e.confidence >= threshold]
        out, back = consults(events, partners[record["id"]] or "")
        verdict = "both" if out and back else "one way" if out or back else "neither"
        outcome[verdict] += 1
        verdicts[record["id"]] = verdict
        if verdict != "both" and shown < show:
            shown += 1
            found = sorted({(e.source, e.target, e.code) for e in events})[:6]
            print(f"{verdict:8} {partners[record['id']]} {record['title'][:90]}\n         {found}")
    total = sum(outcome.values())
    dump = os.environ.get("TACITUS_READOUT_VERDICTS")  # each readout's verdict, to compare two runs
    if dump:
        Path(dump).write_text(json.dumps(verdicts, indent=0, sort_keys=True))
    return {
        "readouts": len(records),
        "partner_readouts": total,
        "both_ways": outcome["both"],
        "one_way": outcome["one way"],
        "neither": outcome["neither"],
        "share_both_ways": round(outcome["both"] / total, 4) if total else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=0, help="print this many readouts that fail")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="keep events at or above this confidence (default: the coder's default)")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} - this benchmark needs ../shared (set TACITUS_SHARED)")
        return 2
    threshold = args.min_confidence if args.min_confidence is not None else default_min_confidence()
    print(json.dumps(evaluate(args.limit, args.show, threshold), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
