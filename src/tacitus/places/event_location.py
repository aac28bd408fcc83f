"""Where an event happened: the rules that place it, in order, and the `method` each records.

An event is placed from its own clause ("clashes in Tbilisi", `attach.py`); else from the places
its sentence and the article's lead name in its actors' countries (target first for material
events, source first for verbal ones); else at an actor's country the article is about; and from
the dateline only when the body names no place for it: the dateline says where the reporter
is. The steps and their parameters are data (``data/event_location.json``); the rule that placed
an event is its location's `method`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.places.attach import clause_location, event_verb_token
from tacitus.places.gazetteer import Gazetteer, Place
from tacitus.records import Actor, Event, Location, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticlePlaces", "EventRules", "actor_document_country", "event_rules", "locate_events"]

STEPS = frozenset({"clause", "sentence", "lead", "country", "dateline"})


@dataclass(frozen=True, slots=True)
class EventRules:
    """The contents of ``data/event_location.json``."""

    steps: tuple[str, ...]
    methods: tuple[str, ...]
    lead_sentences: int
    target_first_quad_classes: frozenset[int]
    document_country_min_mentions: int
    document_country_min_lead: float


@lru_cache(maxsize=1)
def event_rules() -> EventRules:
    """The packaged rules, read and checked once."""
    text = resources.files("tacitus.places").joinpath("data", "event_location.json").read_text("utf-8")
    data = json.loads(text)
    steps = tuple(data["steps"])
    unknown = sorted(set(steps) - STEPS)
    if unknown:
        from tacitus.places import PlacesError

        raise PlacesError(
            f"data/event_location.json names unknown steps {unknown} - use only {sorted(STEPS)}"
        )
    return EventRules(
        steps=steps,
        methods=tuple(data["methods"]),
        lead_sentences=int(data["lead_sentences"]),
        target_first_quad_classes=frozenset(int(q) for q in data["target_first_quad_classes"]),
        document_country_min_mentions=int(data["document_country_min_mentions"]),
        document_country_min_lead=float(data["document_country_min_lead"]),
    )


@dataclass(slots=True)
class ArticlePlaces:
    """What the article says about where it is, as the event rules read it.

    `places`: the body's places with their head tokens, in text order; `lead_end`: where the
    lead ends (a character offset); `about`: the countries the article is about (ISO3), in the
    order the body first names them, the actors' document country first.
    """

    doc: Doc
    gazetteer: Gazetteer
    places: list[tuple[Location, int]]
    dateline: Location | None
    lead_end: int
    about: list[str]


def actor_document_country(actors: Iterable[Actor], gazetteer: Gazetteer) -> str | None:
    """The state the article's actor mentions name most, when one clearly leads (at least the
    rules' minimum of mentions and that many times as often as the next); else None."""
    rules = event_rules()
    counts = Counter(a.country for a in actors if a.country and a.country in gazetteer.iso3_to_iso2)
    ranked = counts.most_common(2) + [("", 0), ("", 0)]
    (country, top), (_, second) = ranked[0], ranked[1]
    if not country or top < rules.document_country_min_mentions:
        return None
    return country if top >= rules.document_country_min_lead * second else None


def lead_end(doc: Doc, body_start: int) -> int:
    """The character offset where the lead ends: the end of the rules' number of sentences after
    `body_start` (the end of the dateline)."""
    wanted = event_rules().lead_sentences
    end = body_start
    for sent in doc.sents:
        if sent.end_char <= body_start:
            continue
        end = sent.end_char
        wanted -= 1
        if wanted <= 0:
            break
    return end


def locate_events(events: Sequence[Event], article: ArticlePlaces) -> None:
    """Fill each event's `location` (its `method` set) and `location_source` (the same method).

    The reverse half of a pair (`mirror_of`) takes the place of the event it mirrors: "Russia and
    China agreed" happened in one place."""
    placed: dict[str, Location | None] = {}
    for event in events:
        location = placed.get(event.mirror_of) if event.mirror_of in placed else _place(event, article)
        event.location = location
        event.location_source = location.method if location is not None else None
        if event.event_id is not None:
            placed[event.event_id] = location


def _place(event: Event, article: ArticlePlaces) -> Location | None:
    by_country_done = False
    for step in event_rules().steps:
        found: Location | None = None
        if step == "clause":
            found = clause_location(article.doc, event, article.places)
        elif step == "dateline":
            found = article.dateline
        elif not by_country_done:
            # sentence, lead and country run together, one actor country at a time.
            by_country_done = True
            found = _by_country(event, article)
            if found is not None:
                return found
            continue
        if found is not None:
            return replace(found, method=step)
    return None


def _by_country(event: Event, article: ArticlePlaces) -> Location | None:
    """The sentence, lead and country steps, for each of the event's countries in turn."""
    steps = [s for s in event_rules().steps if s in ("sentence", "lead", "country")]
    countries = _event_countries(event, article.gazetteer)
    # An event without a state actor looks in all the article's countries at once.
    groups = [[c] for c in countries] if countries else [article.about]
    method_of_country = "actor_country" if countries else "document"
    sentence = _sentence_range(article.doc, event)
    actor_spans = _actor_spans(event)
    for group in groups:
        wanted = set(group)
        for step in steps:
            if step == "sentence":
                found = _finest(article, wanted, sentence, _verb_index(article.doc, event), actor_spans)
            elif step == "lead":
                found = _finest(article, wanted, (0, article.lead_end), None, actor_spans)
            else:
                found = _country_location(event, article, [c for c in group if c in article.about])
                step = method_of_country
            if found is not None:
                return _refined(replace(found, method=step), article.dateline)
    return None


def _event_countries(event: Event, gazetteer: Gazetteer) -> list[str]:
    """The event's state countries: target first for material events, source first for verbal."""
    source = _actor_country(event.source_actor, event.source, gazetteer)
    target = _actor_country(event.target_actor, event.target, gazetteer)
    rules = event_rules()
    target_first = event.quad_class is None or event.quad_class in rules.target_first_quad_classes
    ordered = [target, source] if target_first else [source, target]
    return list(dict.fromkeys(c for c in ordered if c))


def _actor_country(actor: Actor | None, code: str, gazetteer: Gazetteer) -> str | None:
    country = actor.country if actor is not None and actor.country else (code or "")[:3]
    return country if country in gazetteer.iso3_to_iso2 else None


def _sentence_range(doc: Doc, event: Event) -> tuple[int, int]:
    verb = event_verb_token(doc, event)
    if verb is not None:
        return verb.sent.start_char, verb.sent.end_char
    return event.evidence.start, event.evidence.end


def _verb_index(doc: Doc, event: Event) -> int | None:
    verb = event_verb_token(doc, event)
    return verb.i if verb is not None else None


def _actor_spans(event: Event) -> list[tuple[int, int]]:
    """Where the event's actors are written: "Russia" in "Russia criticized Iran" names the actor,
    not a place the event happened in (the country step may still place it there)."""
    actors = (event.source_actor, event.target_actor)
    return [(a.start, a.end) for a in actors if a is not None and a.start >= 0]


def _finest(
    article: ArticlePlaces,
    countries: set[str],
    span: tuple[int, int],
    verb: int | None,
    actor_spans: list[tuple[int, int]],
) -> Location | None:
    """The body place in `span` lying in one of `countries`, not an actor's own words: below
    country level first, then the nearest to the verb (or the first in the text)."""
    start, end = span
    candidates = [
        (
            location.geo_type == 1,
            abs(root - verb) if verb is not None else 0,
            location.evidence.start,
            location,
        )
        for location, root in article.places
        if location.country in countries
        and start <= location.evidence.start < end
        and not any(a <= location.evidence.start < b for a, b in actor_spans)
    ]
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def _country_location(event: Event, article: ArticlePlaces, countries: list[str]) -> Location | None:
    """The first of `countries` as a place: the body's own mention of it, else the gazetteer's
    entry with the actor (or the first body place in it) as evidence."""
    if not countries:
        return None
    iso3 = countries[0]
    named = [loc for loc, _ in article.places if loc.country == iso3]
    whole = [loc for loc in named if loc.geo_type == 1]
    if whole:
        return whole[0]
    place = article.gazetteer.countries.get(article.gazetteer.iso3_to_iso2[iso3])
    if place is None:
        return None
    actors = [a for a in (event.target_actor, event.source_actor) if a is not None and a.country == iso3]
    if actors and actors[0].start >= 0:
        evidence, how = Span(actors[0].text, actors[0].start, actors[0].end), "actor"
    elif named:
        evidence, how = named[0].evidence, "document"
    else:
        evidence, how = Span(place.name, -1, -1), "actor" if actors else "document"
    return _location_of(event.doc_id, place, evidence, how)


def _location_of(doc_id: str, place: Place, evidence: Span, mention: str) -> Location:
    """The country `place` as an event's location: named as the gazetteer names it ("women" of
    GBRCVL is no place name), its evidence the actor or body place that points to it."""
    return place.location(doc_id, name=place.name, confidence=1.0, evidence=evidence, mention=mention)


def _refined(location: Location, dateline: Location | None) -> Location:
    """A country-level place made the dateline's place when the dateline lies in that country
    (the method stays: the country came from the rule, the point from the dateline)."""
    if (
        dateline is None
        or location.geo_type != 1
        or dateline.geo_type == 1
        or dateline.country != location.country
    ):
        return location
    return replace(dateline, method=location.method)
