"""Toponym resolution: one gazetteer entry per mention, from priors, containment and context.

A mention's candidates are scored by

* a prior: countries first, then subdivisions, then cities by population (capitals up);
* containment: "Springfield, Illinois" keeps the Springfield inside Illinois;
* the document's context: countries (and subdivisions) of the article's unambiguous places and of
  its actors, and their neighbours; a dateline city counts as context too;
* cues for the names users trip over (Georgia, Congo, Macedonia, Korea): words such as "Tbilisi"
  or "Atlanta" anywhere in the article (``data/cues.json``).

Unambiguous mentions are resolved first and become the context of the ambiguous ones.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tacitus.places.gazetteer import Gazetteer, Place, name_key, population_prior
from tacitus.places.toponyms import Mention

__all__ = ["Context", "Resolution", "resolve_mentions"]

# Bonuses, tuned on the Reuters-21578 TRAIN split (the benchmark reports TEST).
CONTAINED_BONUS = 1.0
DATELINE_CITY_BONUS = 0.4
CONTEXT_BONUS = {"country": 0.3, "admin1": 0.45, "city": 0.25}
NEIGHBOUR_BONUS = 0.1
SAME_ADMIN1_BONUS = 0.3
# A city named like the province around it ("Basra", "Kirkuk") is what a bare mention means.
CITY_OF_SAME_NAME_BONUS = 0.2
# An unambiguous mention: one candidate, or a winner this far ahead without context.
ANCHOR_MARGIN = 0.3
# A primary or English name beats another language's name for a bigger place ("Philadelphia" is
# also an old name of Amman).
PRIMARY_NAME_BONUS = 0.15
# A place found only through its container is known less surely than the place itself.
CONTAINER_ONLY_WEIGHT = 0.8
# A city or region of a country nothing else in the article points to ("Piedmont" in a story about
# Piedmont Aviation of North Carolina) is often a misread name: its confidence is scaled down.
ISOLATED_WEIGHT = 0.5
WELL_KNOWN_CITY = 1_000_000  # capitals and cities this big are not scaled down when isolated
MENTION_CONFIDENCE = {"dateline": 0.95, "entity": 0.9, "token": 0.75, "demonym": 0.6}


@dataclass(slots=True)
class Resolution:
    """The place a mention resolves to, with the resolver's confidence."""

    mention: Mention
    place: Place
    confidence: float


@dataclass(slots=True)
class Context:
    """What the document says about where it is: anchor countries and subdivisions, cue bonuses.

    Counts, not sets, so that a mention can be scored against the context *other* mentions give
    (`without`): an ambiguous name must not vote for its own first guess.
    """

    countries: Counter[str] = field(default_factory=Counter)  # ISO2
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)  # (ISO2, admin1 code)
    neighbours: Counter[str] = field(default_factory=Counter)
    cue_bonus: dict[str, float] = field(default_factory=dict)  # target → bonus

    def add(self, place: Place, gazetteer: Gazetteer, count: int = 1) -> None:
        self.countries[place.iso2] += count
        for neighbour in gazetteer.neighbours.get(place.iso2, frozenset()):
            self.neighbours[neighbour] += count
        if place.admin1:
            self.admin1[(place.iso2, place.admin1)] += count

    def without(self, place: Place | None, gazetteer: Gazetteer) -> Context:
        """This context less one anchor (a copy; the context itself is unchanged)."""
        copy = Context(
            Counter(self.countries), Counter(self.admin1), Counter(self.neighbours), self.cue_bonus
        )
        if place is not None:
            copy.add(place, gazetteer, count=-1)
        return copy


@lru_cache(maxsize=1)
def _cues() -> tuple[float, dict[str, dict[str, list[str]]]]:
    text = resources.files("tacitus.places").joinpath("data", "cues.json").read_text("utf-8")
    data = json.loads(text)
    return float(data["bonus"]), data["names"]


def cue_bonuses(text: str, mentions: Iterable[Mention]) -> dict[str, float]:
    """Bonus per reading of the ambiguous names among `mentions`, from cue words in `text`."""
    bonus, names = _cues()
    lowered = text.casefold()
    found: dict[str, float] = {}
    for key in sorted({name_key(m.lookup) for m in mentions} & names.keys()):
        for target, cues in names[key].items():
            if any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered) for cue in cues):
                found[target] = found.get(target, 0.0) + bonus
    return found


def _candidates(gazetteer: Gazetteer, mention: Mention) -> list[tuple[Place, float]]:
    if mention.kind == "demonym":
        country = gazetteer.countries.get(mention.demonym_iso2 or "")
        return [(country, 1.0)] if country else []
    return gazetteer.lookup(mention.lookup)


def _is_abbreviation(gazetteer: Gazetteer, mention: Mention) -> bool:
    return (mention.container or "").casefold() in gazetteer.state_abbreviations


def _containers(gazetteer: Gazetteer, mention: Mention) -> list[Place]:
    if not mention.container:
        return []
    target = gazetteer.state_abbreviations.get(mention.container.casefold())
    if target:
        place = gazetteer.place(target)
        return [place] if place else []
    return [place for place, _ in gazetteer.lookup(mention.container) if place.kind != "city"]


def _score(
    gazetteer: Gazetteer,
    mention: Mention,
    place: Place,
    weight: float,
    names: list[Place],
    containers: list[Place],
    context: Context | None,
) -> float:
    score = population_prior(place) * weight
    if weight >= 1.0:
        score += PRIMARY_NAME_BONUS
    if any(gazetteer.contains(outer, place) for outer in containers):
        score += CONTAINED_BONUS
    if mention.kind == "dateline" and place.kind == "city":
        score += DATELINE_CITY_BONUS
    if place.kind == "city" and any(
        other.kind == "admin1" and other.iso2 == place.iso2 and other.admin1 == place.admin1
        for other in names
    ):
        score += CITY_OF_SAME_NAME_BONUS
    if context is not None:
        if context.countries[place.iso2] > 0:
            score += CONTEXT_BONUS[place.kind]
        elif context.neighbours[place.iso2] > 0:
            score += NEIGHBOUR_BONUS
        if place.kind == "admin1" and context.admin1[(place.iso2, place.admin1 or "")] > 0:
            score += SAME_ADMIN1_BONUS
        score += context.cue_bonus.get(place.target(), 0.0)
    return score


def _rank(gazetteer: Gazetteer, mention: Mention, context: Context | None) -> list[tuple[float, Place]]:
    candidates = _candidates(gazetteer, mention)
    names = [place for place, _ in candidates]
    containers = _containers(gazetteer, mention)
    if any(place.kind == "country" for place in names):
        containers = []  # "Taiwan, South Korea, Hong Kong" is a list, not containment
    if (
        containers
        and not any(gazetteer.contains(outer, place) for outer in containers for place in names)
        and (not names or mention.kind == "dateline" or _is_abbreviation(gazetteer, mention))
    ):
        # "ELWOOD, Kan." with no Elwood of Kansas in the gazetteer: the state is still known.
        return [(population_prior(place) * CONTAINER_ONLY_WEIGHT, place) for place in containers]
    ranked = [
        (_score(gazetteer, mention, place, weight, names, containers, context), place)
        for place, weight in candidates
    ]
    # Ties go to the larger place, then the lower GeoNames id: the same input, the same answer.
    ranked.sort(key=lambda item: (-item[0], -item[1].population, item[1].geonameid))
    return ranked


def _isolated(mention: Mention, place: Place, context: Context) -> bool:
    """A region or small city of a country that nothing else in the article names."""
    if mention.kind != "entity" or place.kind == "country" or context.countries[place.iso2] > 0:
        return False
    if mention.container:
        return False  # "Springfield, Ill." says where it is
    return place.feature_code != "PPLC" and place.population < WELL_KNOWN_CITY


def _confidence(mention: Mention, ranked: list[tuple[float, Place]], context: Context) -> float:
    base = MENTION_CONFIDENCE[mention.kind]
    place = ranked[0][1]
    if _isolated(mention, place, context):
        if sum(count for count in context.countries.values() if count > 0):
            base *= ISOLATED_WEIGHT
    if len(ranked) == 1:
        return round(base, 3)
    best, second = ranked[0][0], ranked[1][0]
    return round(base * min(1.0, 0.5 + (best - second)), 3)


def resolve_mentions(
    gazetteer: Gazetteer,
    mentions: list[Mention],
    text: str,
    actor_countries: Iterable[str] = (),
) -> list[Resolution]:
    """Resolve every mention that the gazetteer knows; `actor_countries` are ISO3 codes."""
    context = Context(cue_bonus=cue_bonuses(text, mentions))
    for iso3 in sorted(set(actor_countries)):
        country = gazetteer.countries.get(gazetteer.iso3_to_iso2.get(iso3, ""))
        if country is not None:
            context.add(country, gazetteer)
    trap_names = _cues()[1].keys()
    # Each name anchors once: six mentions of "Piedmont" do not make Italy six times as likely.
    anchors: dict[str, Place | None] = {}
    for mention in mentions:
        key = name_key(mention.lookup)
        if key not in anchors:
            anchors[key] = _anchor(gazetteer, mention, trap_names)
            if anchors[key] is not None:
                context.add(anchors[key], gazetteer)  # type: ignore[arg-type]
    resolutions = []
    for mention in mentions:
        others = context.without(anchors[name_key(mention.lookup)], gazetteer)
        ranked = _rank(gazetteer, mention, others)
        if ranked:
            confidence = _confidence(mention, ranked, others)
            resolutions.append(Resolution(mention, ranked[0][1], confidence))
    return resolutions


def _anchor(gazetteer: Gazetteer, mention: Mention, trap_names: Iterable[str]) -> Place | None:
    """The place a mention surely means without context, or None when it is ambiguous."""
    ranked = _rank(gazetteer, mention, None)
    if not ranked:
        return None
    if len(ranked) == 1:
        return ranked[0][1]
    if name_key(mention.lookup) in trap_names:
        return None
    return ranked[0][1] if ranked[0][0] - ranked[1][0] >= ANCHOR_MARGIN else None
