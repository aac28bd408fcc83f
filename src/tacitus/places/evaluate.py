"""Measuring the places stage against gold files: document countries and event locations.

The caller passes the gold paths; nothing here knows where development data lives.

* `score_countries`: micro precision/recall/F1 of per-document country sets (`tacitus.evaluate.prf`).
* `evaluate_event_locations`: PLOVER-style records (``text``, ``markup`` with ``(EVT: …)`` and
  ``(LOC: …)`` spans, ``location`` {``name``}): an event is built on the first marked event word
  of each record's sentence and located; the share placed in the right country and, where the gold
  place is a city, the right city. Gold countries come from an annotation file of
  ``{gold name: {"country": ISO3, "city": bool}}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.evaluate.gold import gold_lines
from tacitus.evaluate.prf import Counts, share
from tacitus.places.gazetteer import Gazetteer
from tacitus.records import Article, Event, Span

__all__ = ["LocationScore", "evaluate_event_locations", "event_from_markup", "score_countries"]

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
    gold_path: Path, annotations_path: Path, *, geocoder: Any, nlp: Any
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
