"""Measuring the places stage against gold files: document countries and event locations.

The caller passes the gold paths; nothing here knows where development data lives.

* `score_countries`: micro precision/recall/F1 of per-document country sets (`tacitus.evaluate.prf`).
* `evaluate_event_locations`: PLOVER-style records (``text``, ``markup`` with ``(EVT: …)`` and
  ``(LOC: …)`` spans, ``location`` {``name``}): an event is built on the first marked event word
  of each record's sentence and located; the share placed in the right country and, where the gold
  place is a city, the right city. Gold countries come from an annotation file of
  ``{gold name: {"country": ISO3, "city": bool}}``. With `with_actors`, the event also carries
  the record's gold actor and recipient (their countries) and the quad class of its PLOVER type,
  as a coded event would: the event rules then look in the actors' countries.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.evaluate.gold import gold_lines
from tacitus.evaluate.prf import Counts, share
from tacitus.places.gazetteer import Gazetteer
from tacitus.records import Actor, Article, Event, Span

__all__ = [
    "LocationScore",
    "evaluate_event_locations",
    "event_from_markup",
    "gold_actors",
    "score_countries",
]

EVENT_MARK = re.compile(r"\(EVT: ([^()]+)\)")


def score_countries(pairs: Iterable[tuple[set[str], set[str]]]) -> dict[str, float | int]:
    """Micro precision, recall and F1 over (document, country) pairs of (found, gold) sets."""
    true_pos = n_found = n_gold = 0
    for found, gold in pairs:
        true_pos += len(found & gold)
        n_found += len(found)
        n_gold += len(gold)
    counts = Counts(tp=true_pos, fp=n_found - true_pos, fn=n_gold - true_pos)
    return {
        **counts.figures(),
        "found": n_found,
        "gold": n_gold,
        "true_positives": true_pos,
    }


def gold_actors(record: dict[str, Any]) -> tuple[Actor | None, Actor | None, int | None]:
    """The first gold actor and recipient of a PLOVER record as actors, and its quad class (the
    commonest quad class of the CAMEO codes of its PLOVER type)."""
    text = record["text"]

    def first(key: str) -> Actor | None:
        entries = record.get(key) or []
        if not entries or not entries[0].get("code"):
            return None
        entry = entries[0]
        written = entry.get("actorText") or entry["code"]
        start = text.find(written)
        end = start + len(written) if start >= 0 else -1
        code = entry["code"] + (entry.get("sector") or "")
        return Actor(text=written, code=code, country=entry["code"], start=start, end=end)

    return first("actor"), first("recipient"), _plover_quads().get(record.get("event_type") or "")


def _plover_quads() -> dict[str, int]:
    from tacitus.cameo import event_codes

    votes: dict[str, Counter[int]] = defaultdict(Counter)
    for info in event_codes().values():
        if info.plover_event and info.quad_class is not None:
            votes[info.plover_event][info.quad_class] += 1
    return {name: counts.most_common(1)[0][0] for name, counts in votes.items()}


def event_from_markup(record_id: str, text: str, markup: str) -> Event | None:
    """An event on the first ``(EVT: …)`` span of `markup`, the whole sentence as evidence.

    The event's verb is the span's words; `event_verb_token` prefers the verb among them.
    """
    match = EVENT_MARK.search(markup)
    if match is None:
        return None
    return Event(
        doc_id=record_id,
        sentence=0,
        date=None,
        source="",
        target="",
        code="",
        root_code="",
        quad_class=None,
        goldstein=None,
        plover={},
        source_actor=None,
        target_actor=None,
        evidence=Span(text, 0, len(text)),
        verb=match.group(1).strip(),
        rule=None,
    )


@dataclass(slots=True)
class LocationScore:
    """Counts of the event-location evaluation."""

    events: int = 0
    with_loc_markup: int = 0
    located: int = 0
    country_correct: int = 0
    city_events: int = 0
    city_correct: int = 0
    placed_without_gold: int = 0
    events_without_gold: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "events_with_gold_location": self.events,
            "of_which_with_loc_markup": self.with_loc_markup,
            "located": self.located,
            "country_accuracy": round(share(self.country_correct, self.events), 4),
            "city_events": self.city_events,
            "city_accuracy": round(share(self.city_correct, self.city_events), 4),
            "events_without_gold_location": self.events_without_gold,
            "placed_without_gold": self.placed_without_gold,
        }


def evaluate_event_locations(
    gold_path: Path, annotations_path: Path, *, geocoder: Any, nlp: Any, with_actors: bool = False
) -> LocationScore:
    """Locate the marked event of every record of `gold_path` and score it (see module doc)."""
    annotations = json.loads(annotations_path.read_text(encoding="utf-8"))
    records = [data for _, data in gold_lines(gold_path)]
    score = LocationScore()
    docs = nlp.pipe(record["text"] for record in records)
    for record, doc in zip(records, docs, strict=True):
        event = event_from_markup(record["id"], record["text"], record.get("markup") or "")
        if event is None:
            continue
        if with_actors:
            event.source_actor, event.target_actor, event.quad_class = gold_actors(record)
        geocoder.locate(Article(id=record["id"], text=record["text"]), doc, [event])
        gold = (record.get("location") or {}).get("name")
        if not gold:
            score.events_without_gold += 1
            score.placed_without_gold += event.location is not None
            continue
        _score_one(score, event, annotations[gold], gold, record, geocoder.gazetteer)
    return score


def _score_one(
    score: LocationScore,
    event: Event,
    annotation: dict[str, Any],
    gold: str,
    record: dict[str, Any],
    gazetteer: Gazetteer,
) -> None:
    score.events += 1
    score.with_loc_markup += "(LOC:" in (record.get("markup") or "")
    location = event.location
    score.located += location is not None
    if location is not None and location.country == annotation["country"]:
        score.country_correct += 1
    if annotation.get("city"):
        score.city_events += 1
        name = gold.removeprefix("town of ").removeprefix("city of ")
        ids = {
            str(place.geonameid)
            for place, _ in gazetteer.lookup(name)
            if place.kind == "city" and place.iso3 == annotation["country"]
        }
        score.city_correct += location is not None and location.gazetteer_id in ids
