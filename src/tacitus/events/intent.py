"""Intent to cooperate that verb dictionaries miss ("ready to strengthen cooperation with China")."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from tacitus.dictionaries.model import Origin, VerbPattern
from tacitus.events.clauses import modality_of
from tacitus.events.patterns import PatternMatch
from tacitus.events.verbs import CodedVerb, VerbHit

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["intent_to_cooperate"]

_FILE = "intent.json"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = resources.files("tacitus.events").joinpath("data", _FILE).read_text(encoding="utf-8")
    rules: dict[str, Any] = json.loads(text)
    return rules


def _qualifies(verb: Token, rules: dict[str, Any]) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in rules["with_verbs"] and any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    if lemma not in rules["verbs"]:
        return False
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in rules["objects"] for c in verb.children)


def intent_to_cooperate(hit: VerbHit, coded: CodedVerb | None) -> CodedVerb | None:
    """CAMEO 030 for an intended cooperative act the dictionary leaves uncoded;
    otherwise `coded` unchanged."""
    rules = _rules()
    verb = hit.token
    if modality_of(verb) != "intended" or not _qualifies(verb, rules):
        return coded
    block, form = hit.candidates[0]
    pattern = VerbPattern(
        (), (), rules["code"], None, Origin(_FILE, 1), f"intended {verb.lemma_} + cooperation"
    )
    return CodedVerb(rules["code"], None, pattern, block, form, PatternMatch())
