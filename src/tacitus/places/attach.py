"""Clause and actor locations: the place attached to an event's clause; an actor's own place.

A place attaches to an event when the dependency path from the place up to the event's verb runs
only through locative prepositions ("clashes in Tbilisi"), place nouns ("the town of Rafah"),
noun-phrase arcs and the verb's object or subject noun; or when the place is the direct object of a
movement or attack verb ("troops entered central Iran"). The nearest such place wins. The rules
that place an event without one are in `event_location.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from tacitus.records import Actor, Event, Location

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["attach_actor_locations", "clause_location", "event_verb_token"]

MAX_PATH = 10
NOUN_PHRASE_ARCS = frozenset({"appos", "npadvmod", "nummod", "det"})
# A place modifying a noun ("US mediation", "Iraqi city") locates it only if that noun is a place.
MODIFIER_ARCS = frozenset({"compound", "amod", "nmod"})
SUBJECT_ARCS = frozenset({"nsubj", "nsubjpass"})
OBJECT_ARCS = frozenset({"dobj", "attr", "oprd"})


@dataclass(frozen=True, slots=True)
class Syntax:
    """The word lists of ``data/syntax.json``."""

    prepositions: frozenset[str]
    place_nouns: frozenset[str]
    object_verbs: frozenset[str]
    movement_verbs: frozenset[str]
    actor_nouns: frozenset[str]


@lru_cache(maxsize=1)
def syntax() -> Syntax:
    text = resources.files("tacitus.places").joinpath("data", "syntax.json").read_text("utf-8")
    data = json.loads(text)
    return Syntax(
        prepositions=frozenset(data["locative_prepositions"]),
        place_nouns=frozenset(data["place_nouns"]),
        object_verbs=frozenset(data["direct_object_verbs"]),
        movement_verbs=frozenset(data["movement_verbs"]),
        actor_nouns=frozenset(data["actor_nouns"]),
    )


def event_verb_token(doc: Doc, event: Event) -> Token | None:
    """The token of `doc` that carries the event's verb, inside its evidence span."""
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = set(event.verb.lower().split())
    matches = [t for t in span if t.lower_ in words or t.lemma_.lower() in words]
    verbs = [t for t in matches if t.pos_ == "VERB"]
    token = verbs[0] if verbs else (matches[0] if matches else span.root)
    # "has been put": the auxiliary's head is the verb of the clause.
    return token.head if token.pos_ == "AUX" and token.dep_.startswith("aux") else token


def _arc_allowed(token: Token, verb: Token, rules: Syntax, place: Token) -> bool:
    """Whether the arc from `token` to its head keeps a place attached to the event's clause."""
    head, dep = token.head, token.dep_
    if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return False  # another clause
    if dep == "pobj" or dep in NOUN_PHRASE_ARCS:
        return True
    if dep in MODIFIER_ARCS:
        return _is_place_noun(head, rules) or head.pos_ == "PROPN"
    if dep == "prep":
        word = token.lower_
        if word == "of":
            return _is_place_noun(head, rules) or head.lower_ in rules.prepositions
        if word == "to" and place.head.i == token.i:
            # "sent troops to Bosnia" locates; "halted aid to Serbia" names a recipient.
            return head.i == verb.i and verb.lemma_.lower() in rules.movement_verbs
        return word in rules.prepositions
    if dep in OBJECT_ARCS and head.i == verb.i:
        # The place itself as object only of movement/attack verbs; an object noun carries it.
        return token.i != place.i or verb.lemma_.lower() in rules.object_verbs
    if dep in SUBJECT_ARCS and head.i == verb.i:
        # "Clashes in Tbilisi erupted", "Albanians in south Serbia are demanding"; not the mayor's.
        return (
            token.i != place.i
            and token.pos_ in ("NOUN", "PROPN")
            and not (token.lemma_.lower() in rules.actor_nouns or token.lower_ in rules.actor_nouns)
        )
    return False


def _is_place_noun(token: Token, rules: Syntax) -> bool:
    return token.lemma_.lower() in rules.place_nouns or token.lower_ in rules.place_nouns


def clause_distance(place: Token, verb: Token) -> int | None:
    """Arcs from `place` up to `verb` when the place attaches to the verb's clause, else None."""
    rules = syntax()
    token, steps = place, 0
    while token.i != verb.i:
        if token.head.i == token.i or steps >= MAX_PATH:
            return None
        if not _arc_allowed(token, verb, rules, place):
            return None
        token, steps = token.head, steps + 1
    return steps


def clause_location(doc: Doc, event: Event, places: list[tuple[Location, int]]) -> Location | None:
    """The nearest place attached to the event's clause (`places`: locations and head tokens)."""
    verb = event_verb_token(doc, event)
    if verb is None:
        return None
    best: tuple[int, int, Location] | None = None
    for location, root in places:
        token = doc[root]
        if token.sent.start != verb.sent.start:
            continue
        distance = clause_distance(token, verb)
        if distance is not None and (best is None or (distance, root) < best[:2]):
            best = (distance, root, location)
    return best[2] if best else None


def actor_location(doc: Doc, actor: Actor | None, places: list[tuple[Location, int]]) -> Location | None:
    """The place the text gives for an actor: "Kyiv's mayor", "the mayor of Kyiv", "Kyiv mayor"."""
    if actor is None or actor.start < 0:
        return None
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    head = span.root
    for location, root in places:
        token = doc[root]
        if token.i == head.i:
            continue  # the actor is the place itself ("Russia said"): not a location of it
        if token.head.i == head.i and token.dep_ in ("poss", "compound"):
            return location
        prep = token.head
        if token.dep_ == "pobj" and prep.lower_ in ("of", "from", "in") and prep.head.i == head.i:
            return location
    return None


def attach_actor_locations(doc: Doc, events: list[Event], places: list[tuple[Location, int]]) -> None:
    """Fill `event.source_location` / `event.target_location` where the text gives one."""
    for event in events:
        event.source_location = actor_location(doc, event.source_actor, places)
        event.target_location = actor_location(doc, event.target_actor, places)
