"""Tacitus's own verb lexicon (`events/data/lexicon.json`): consultation, praise, blame, stance verbs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tacitus.errors import DictionaryError

__all__ = ["Lexicon", "VerbSense", "lexicon"]

FILE = "lexicon.json"


@dataclass(frozen=True, slots=True)
class VerbSense:
    """How one verb (or event noun) codes, read from the lexicon.

    `object`: what a direct object is (``target``, ``topic`` or ``none``); `preps`: the
    prepositions whose object is a target; `line`: where the entry sits in the file
    (events cite it as their rule)."""

    key: str
    code: str
    reverse: str | None
    reciprocal: bool
    object: str
    preps: frozenset[str]
    line: int
    needs_target: bool = False
    needs_person: bool = False
    possessor_targets: bool = False
    in_person: str | None = None
    needs_prep: str | None = None
    otherwise: str | None = None
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class StanceNoun:
    """``reaffirmed their commitment to NATO``: the noun's code and its target prepositions."""

    key: str
    code: str
    preps: frozenset[str]
    line: int


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The whole lexicon, typed; see the comments in the JSON file for each part."""

    verbs: dict[str, VerbSense]
    clause_codes: dict[str, str]
    no_default: frozenset[str]
    stance_verbs: frozenset[str]
    stance_nouns: dict[str, StanceNoun]
    light_verbs: frozenset[str]
    event_nouns: dict[str, VerbSense]
    phone_cues: frozenset[str]
    video_cues: frozenset[str]
    in_person_cues: frozenset[str]
    locative_preps: frozenset[str]
    topic_preps: frozenset[str]
    partner_preps: frozenset[str]
    standin_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    reciprocal_verbs: frozenset[str]
    owner_roots: frozenset[str]
    violence_roots: frozenset[str]
    violence_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    request_roots: frozenset[str]
    request_preps: frozenset[str]
    place_target_roots: frozenset[str]
    city_target_roots: frozenset[str]
    place_source_roots: frozenset[str]
    unasserted_nouns: frozenset[str]
    follow_up_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    failure_heads: frozenset[str]


def _line_of(text: str, key: str, after: int = 0) -> int:
    """1-based line of ``"key":`` in the JSON text (at or after line `after`)."""
    lines = text.splitlines()
    pattern = re.compile(r'^\s*"' + re.escape(key) + r'"\s*:')
    for number in range(after, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return 0


def _sense(key: str, entry: dict[str, Any], line: int, kind: str) -> VerbSense:
    try:
        return VerbSense(
            key=key,
            code=str(entry["code"]),
            reverse=entry.get("reverse") or None,
            reciprocal=bool(entry.get("reciprocal", False)),
            object=entry.get("object", "none"),
            preps=frozenset(entry.get("preps", ())),
            line=line,
            needs_target=bool(entry.get("needs_target", False)),
            needs_person=bool(entry.get("needs_person", False)),
            possessor_targets=bool(entry.get("possessor_targets", False)),
            in_person=entry.get("in_person"),
            needs_prep=entry.get("needs_prep"),
            otherwise=entry.get("otherwise"),
            mode=entry.get("mode"),
        )
    except (KeyError, TypeError) as exc:
        raise DictionaryError(f"{kind} {key!r} lacks a code - fix the entry", path=FILE, line=line) from exc


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon, read and checked once."""
    text = resources.files("tacitus.events").joinpath("data", FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    verbs_at = _line_of(text, "verbs")
    nouns_at = _line_of(text, "event_nouns")
    stances_at = _line_of(text, "stance_nouns")
    words = {name: frozenset(data[name]) for name in _WORD_LISTS}
    return Lexicon(
        verbs={k: _sense(k, v, _line_of(text, k, verbs_at), "verb") for k, v in data["verbs"].items()},
        event_nouns={
            k: _sense(k, v, _line_of(text, k, nouns_at), "event noun") for k, v in data["event_nouns"].items()
        },
        clause_codes={str(k): str(v) for k, v in data["clause_codes"].items()},
        stance_nouns={
            k: StanceNoun(k, str(v["code"]), frozenset(v["preps"]), _line_of(text, k, stances_at))
            for k, v in data["stance_nouns"].items()
        },
        **words,
    )


_WORD_LISTS = (
    "no_default",
    "stance_verbs",
    "light_verbs",
    "phone_cues",
    "video_cues",
    "in_person_cues",
    "locative_preps",
    "topic_preps",
    "partner_preps",
    "standin_nouns",
    "attack_nouns",
    "partitive_nouns",
    "reciprocal_verbs",
    "owner_roots",
    "violence_roots",
    "violence_preps",
    "noun_target_preps",
    "request_roots",
    "request_preps",
    "place_target_roots",
    "city_target_roots",
    "place_source_roots",
    "unasserted_nouns",
    "follow_up_verbs",
    "directive_verbs",
    "failure_heads",
)
