"""White House readouts: is the consultation with the partner the title names coded both ways?

Each readout's title names the meeting or call and its partner ("Readout of President Biden's
Call with President Emmanuel Macron of France"). The partner phrase (after " with ", up to
" on "/" to "/" about "/" regarding "/" at ") is resolved on the readout's date; readouts whose
partner is a foreign government official (a known person, or a government role: "Prime
Minister Netanyahu", "President Duda of Poland") or an IGO are the partner readouts. One passes
when the coder finds a consultation (CAMEO root 04) from `USAGOV` to the partner's country and one
back. `benchmarks/readouts.py` prints the figures; tests/test_coder_gold.py holds them to a floor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.coder import Coder
from tacitus.evaluate.prf import share
from tacitus.records import Article, Event

__all__ = ["ReadoutVerdict", "consults", "partner_of", "readout_verdicts", "summary"]

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


@dataclass(slots=True)
class ReadoutVerdict:
    """One partner readout: its partner country, `both`, `one way` or `neither`, and its events."""

    id: str
    title: str
    partner: str
    verdict: str
    events: list[Event] = field(default_factory=list)


def readout_verdicts(
    records: Sequence[dict[str, Any]], threshold: float | None, coder: Coder | None = None
) -> list[ReadoutVerdict]:
    """Code the partner readouts among `records` (corpus rows: id, title, text, date) and judge each,
    keeping events at or above `threshold` (None: every event)."""
    coder = coder or Coder()
    partners = {r["id"]: partner_of(coder, r.get("title") or "", r.get("date")) for r in records}
    chosen = [r for r in records if partners[r["id"]]]
    articles = [Article(id=r["id"], text=r["text"], date=r.get("date"), title=r.get("title")) for r in chosen]
    verdicts = []
    for record, coded in zip(chosen, coder.code_articles(articles), strict=True):
        events = [e for e in coded.events if not e.negated]
        if threshold is not None:
            events = [e for e in events if e.confidence is None or e.confidence >= threshold]
        partner = partners[record["id"]] or ""
        out, back = consults(events, partner)
        verdict = "both" if out and back else "one way" if out or back else "neither"
        verdicts.append(ReadoutVerdict(record["id"], record.get("title") or "", partner, verdict, events))
    return verdicts


def summary(verdicts: Sequence[ReadoutVerdict], readouts: int) -> dict[str, Any]:
    """The figures: readouts read, partner readouts, how many coded both ways, one way, neither."""
    outcome = Counter(v.verdict for v in verdicts)
    total = len(verdicts)
    return {
        "readouts": readouts,
        "partner_readouts": total,
        "both_ways": outcome["both"],
        "one_way": outcome["one way"],
        "neither": outcome["neither"],
        "share_both_ways": round(share(outcome["both"], total), 4),
    }
