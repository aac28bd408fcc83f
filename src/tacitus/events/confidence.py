"""The confidence model: how likely a coded event is one a careful coder would record, in [0, 1].

A logistic score over features of the finished `Event` and its article (`features`), with
coefficients fitted on the gold sets by `benchmarks/confidence.py` and kept in
``events/data/confidence.json`` together with the default threshold, the one value every
surface (`tacitus code`, `events`, `export`, `eval`, the API and the dashboard) filters at
unless told otherwise. The store keeps every event with its confidence; filtering is a read.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from tacitus.records import Actor, Article, Event

__all__ = [
    "ConfidenceModel",
    "EventContext",
    "article_features",
    "confident",
    "default_min_confidence",
    "features",
    "load_model",
    "score_events",
]

MODEL_FILE = "confidence.json"
WORDS_FILE = "confidence_words.json"
DIGITS = 4  # confidence is rounded: the same input gives the same bytes on every machine


def _data(name: str) -> Any:
    # resources.files("tacitus"), not "tacitus.events": the latter would import the sentence
    # coder, which readers of the threshold (store, API) have no use for.
    path = resources.files("tacitus").joinpath("events", "data", name)
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class _Words:
    pronouns: frozenset[str]
    pair_numbers: frozenset[str]
    pair_nouns: frozenset[str]
    passive: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = _data(WORDS_FILE)
    auxiliaries = "|".join(sorted(map(re.escape, data["passive_auxiliaries"])))
    return _Words(
        pronouns=frozenset(data["pronouns"]),
        pair_numbers=frozenset(data["pair_numbers"]),
        pair_nouns=frozenset(data["pair_nouns"]),
        # BE (+ an adverb in -ly) right before the verb: "was suspended", "were reportedly killed".
        passive=re.compile(rf"\b(?:{auxiliaries})\s+(?:\w+ly\s+)?$", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class EventContext:
    """What a feature may read besides the event itself.

    Attributes:
        article: the article the event was coded from (None: unknown, e.g. a stored event read alone).
        same_verb: how many events the event's verb token produced, this one included.
    """

    article: Article | None = None
    same_verb: int = 1


def _side(code: str) -> str:
    """What an actor code says about its completeness."""
    if not code or code == "---":
        return "unknown"
    if code.startswith('"'):
        return "new_actor"  # an unknown noun phrase coded by its text (`new_actor_length`)
    if code.startswith("---"):
        return "role_only"  # a role with no country: ---GOV
    if code.startswith("IGO"):
        return "igo"
    return "country"


def _anaphoric(actor: Actor | None) -> bool:
    """``he``, ``they``, ``the two sides``: an actor found by in-document coreference."""
    if actor is None or not actor.text:
        return False
    words = actor.text.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    found = _words()
    if len(words) == 1:
        return words[0] in found.pronouns
    return len(words) == 2 and words[0] in found.pair_numbers and words[1] in found.pair_nouns


def _passive(event: Event, article: Article | None) -> bool:
    """A form of BE right before the verb, which is not an -ing form ("was suspended")."""
    if article is None or event.verb_start < 0 or event.verb.lower().endswith("ing"):
        return False
    before = article.text[max(0, event.verb_start - 40) : event.verb_start]
    return _words().passive.search(before) is not None


def features(event: Event, context: EventContext) -> dict[str, float]:
    """The confidence model's inputs for one finished event, by name.

    Every feature is 0 for the plainest event (a dictionary pattern, two known countries, asserted,
    first sentence, one event from its verb), so the intercept is that event's log-odds. To add a
    feature, add a key here and refit (`python benchmarks/confidence.py`); a key without a
    coefficient in ``confidence.json`` weighs nothing, so the model keeps working until then.
    """
    sides = Counter((_side(event.source), _side(event.target)))
    quad = event.quad_class or 0
    pattern = event.rule is not None and not event.rule.pattern.startswith("--- ")
    countries = {event.source[:3], event.target[:3]}
    return {
        # Only the verb's block default fired (``--- VERB [code] ---``), no pattern of its arguments.
        "block_default": float(not pattern),
        "statement": float(event.root_code == "01"),
        "quad2": float(quad == 2),
        "quad3": float(quad == 3),
        "quad4": float(quad == 4),
        "unknown_sides": float(sides["unknown"]),
        "role_only_sides": float(sides["role_only"]),
        "igo_sides": float(sides["igo"]),
        "new_actor_sides": float(sides["new_actor"]),
        "same_country": float(len(countries) == 1 and _side(event.source) == "country"),
        "anaphoric_sides": float(_anaphoric(event.source_actor) + _anaphoric(event.target_actor)),
        "intended": float(event.modality == "intended"),
        "hypothetical": float(event.modality == "hypothetical"),
        "future": float(event.modality == "future"),
        "negated": float(event.negated),
        "reported": float(event.reported_by is not None),
        "later_sentence": math.log1p(event.sentence),
        "verb_events": math.log(max(context.same_verb, 1)),
        "mirror": float(event.mirror_of is not None),
        "passive": float(_passive(event, context.article)),
        # Coded by Tacitus's own lexicon (meet, speak, visit, praise, stance nouns …) rather
        # than by a CAMEO.2.0 pattern or block.
        "lexicon": float(event.rule is not None and event.rule.file == "lexicon.json"),
    }


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A fitted logistic model and the default threshold chosen with it."""

    intercept: float
    coefficients: Mapping[str, float]
    threshold: float

    def score(self, values: Mapping[str, float]) -> float:
        """The probability for one event's feature values, rounded to `DIGITS` places."""
        z = self.intercept + sum(self.coefficients.get(name, 0.0) * value for name, value in values.items())
        z = max(-60.0, min(60.0, z))
        return round(1.0 / (1.0 + math.exp(-z)), DIGITS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConfidenceModel:
        return cls(
            intercept=float(data["intercept"]),
            coefficients={str(k): float(v) for k, v in data["coefficients"].items()},
            threshold=float(data["threshold"]),
        )


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    """The shipped model (``events/data/confidence.json``), read once."""
    return ConfidenceModel.from_dict(_data(MODEL_FILE))


def default_min_confidence() -> float:
    """The default threshold: events scored below it are left out of outputs unless asked for.
    The one place it is defined is ``confidence.json`` (`benchmarks/confidence.py` writes it)."""
    return load_model().threshold


def article_features(events: Iterable[Event], article: Article | None) -> list[dict[str, float]]:
    """`features` of every event of one coded article (all of them: how many events a verb
    produced is counted among them)."""
    events = list(events)
    per_verb = Counter((event.sentence, event.verb_start, event.verb) for event in events)
    return [
        features(event, EventContext(article, per_verb[(event.sentence, event.verb_start, event.verb)]))
        for event in events
    ]


def score_events(
    events: Iterable[Event], article: Article | None, model: ConfidenceModel | None = None
) -> None:
    """Set `confidence` on every event of one coded article."""
    events = list(events)
    model = model or load_model()
    for event, values in zip(events, article_features(events, article), strict=True):
        event.confidence = model.score(values)


def confident(event: Event, min_confidence: float | None) -> bool:
    """Whether `event` passes the threshold; an event never scored (None) always does."""
    return min_confidence is None or event.confidence is None or event.confidence >= min_confidence
