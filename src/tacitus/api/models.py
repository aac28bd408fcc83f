"""The JSON shapes the API answers with (they make the OpenAPI schema at /openapi.json)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from tacitus.store.rows import ACTOR_FIELDS

__all__ = [
    "ActorOut",
    "ActorSummary",
    "ArticleOut",
    "ArticleRef",
    "ConfidenceBin",
    "ConfidenceOut",
    "DyadOut",
    "EventOut",
    "EventPage",
    "PlaceOut",
    "QuoteOut",
    "QuotePage",
    "SpanOut",
    "StatsOut",
    "TimePoint",
    "TimeSeries",
    "TextSpan",
    "actor_from_row",
    "event_from_row",
]


class SpanOut(BaseModel):
    text: str
    start: int
    end: int


class ActorOut(BaseModel):
    text: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None


class ArticleRef(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    href: str


class EventOut(BaseModel):
    """One stored event mention; `id` is ``doc_id:ordinal`` (its address in this store), `event_id`
    the coder's stable id (the same in every run; null for events stored before schema 3),
    `mirror_of` the `event_id` of the forward event a reverse half mirrors, `confidence` the
    model's probability that the event is right (null: never scored)."""

    id: str
    event_id: str | None = None
    mirror_of: str | None = None
    confidence: float | None = None
    doc_id: str
    ordinal: int
    sentence: int
    date: str | None = None
    source: str
    target: str
    code: str
    name: str | None = None
    root_code: str
    quad_class: int | None = None
    goldstein: float | None = None
    plover: dict[str, str | None] = {}
    source_actor: ActorOut | None = None
    target_actor: ActorOut | None = None
    reported_by: ActorOut | None = None
    evidence: SpanOut
    verb: str
    negated: bool
    modality: str
    rule: dict[str, Any] | None = None
    issues: list[str] = []
    location: dict[str, Any] | None = None
    location_source: str | None = None
    article: ArticleRef | None = None


class EventPage(BaseModel):
    events: list[EventOut]
    next: str | None
    sort: str
    limit: int
    min_confidence: float | None = None  # the threshold applied (null: none)


class TextSpan(BaseModel):
    """A highlighted stretch of article text: what kind of thing it is and what it stands for."""

    kind: str  # actor | event | quote | place
    start: int
    end: int
    text: str
    label: str
    ref: str | None = None  # the event id, for event spans
    confidence: float | None = None  # the event's, for event spans


class ArticleOut(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    status: str
    skip_reason: str | None = None
    duplicate_of: str | None = None
    text: str
    n_events: int
    spans: list[TextSpan]


class ActorSummary(BaseModel):
    code: str
    name: str | None = None
    country: str | None = None
    events: int
    as_source: int
    as_target: int


class ActorSuggestion(BaseModel):
    code: str
    name: str | None = None
    events: int
    matched: str = Field(description="The code, country name or mention (person, phrase) that matched")
    via: str = Field(description="code, country or mention")


class DyadOut(BaseModel):
    source: str
    target: str
    events: int
    goldstein_sum: float | None = None
    goldstein_mean: float | None = None
    quad_counts: dict[str, int]


class TimePoint(BaseModel):
    period: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein_sum: float | None = None
    goldstein_mean: float | None = None


class ConfidenceBin(BaseModel):
    low: float
    high: float
    events: int


class ConfidenceOut(BaseModel):
    """How the events matching the filters spread over confidence: `events` at or above
    `min_confidence` (unscored ones included), `below` under it, `unscored` never scored."""

    min_confidence: float | None = None
    events: int
    below: int
    unscored: int
    bins: list[ConfidenceBin]


class TimeSeries(BaseModel):
    interval: str
    points: list[TimePoint]
    undated: int = Field(0, description="Matching events without a date: in no period")


class QuoteOut(BaseModel):
    id: str
    doc_id: str
    ordinal: int
    kind: str
    sentence: int
    content: SpanOut
    cue: SpanOut | None = None
    speaker: ActorOut | None = None
    article: ArticleRef | None = None


class QuotePage(BaseModel):
    quotes: list[QuoteOut]
    next: str | None


class PlaceOut(BaseModel):
    name: str
    gazetteer_id: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int
    articles: int
    events: int


class StatsOut(BaseModel):
    """Totals; events, merged events, actors, dates and QuadClass counts are of the events at or
    above `min_confidence`, and `below_threshold` counts the others."""

    articles: dict[str, int]
    events: int
    below_threshold: int = 0
    min_confidence: float | None = None
    merged_events: int
    actors: int
    quotes: int
    places: int
    first_date: str | None = None
    last_date: str | None = None
    undated_articles: int = 0
    undated_events: int = 0
    by_quad: dict[str, int]


def actor_from_row(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    """The actor stored in the `prefix_*` columns of a row (an `ActorOut` as JSON), or None."""
    values = {name: row.get(f"{prefix}_{name}") for name in ACTOR_FIELDS}
    if values["text"] is None and values["code"] is None:
        return None
    return values


def _plover(value: Any) -> dict[str, str | None]:
    if not value:
        return {}
    if isinstance(value, dict) and set(value) == {"key", "value"} and isinstance(value["key"], list):
        return dict(zip(value["key"], value["value"], strict=True))  # older DuckDB MAP form
    return dict(value)


def _location(value: str | None) -> dict[str, Any] | None:
    """An event location column (a Location as JSON text) as an object."""
    return json.loads(value) if value else None


def event_from_row(row: dict[str, Any], article: dict[str, Any] | None = None) -> dict[str, Any]:
    """An `events` row (with `name`, the CAMEO name) as the API's event: an `EventOut` as JSON.

    Built as plain JSON, not as models: the hot list endpoints return it directly, and the
    schemathesis test checks it against the `EventOut` schema.
    """
    rule = None
    if row.get("rule_file") is not None:
        rule = {"file": row["rule_file"], "line": row["rule_line"], "pattern": row["rule_pattern"]}
    return {
        "id": f"{row['doc_id']}:{row['ordinal']}",
        "event_id": row.get("event_id"),
        "mirror_of": row.get("mirror_of"),
        "confidence": row.get("confidence"),
        "doc_id": row["doc_id"],
        "ordinal": row["ordinal"],
        "sentence": row["sentence"],
        "date": row["date"],
        "source": row["source"],
        "target": row["target"],
        "code": row["code"],
        "name": row.get("name"),
        "root_code": row["root_code"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": _plover(row["plover"]),
        "source_actor": actor_from_row(row, "source_actor"),
        "target_actor": actor_from_row(row, "target_actor"),
        "reported_by": actor_from_row(row, "reported_by"),
        "evidence": {
            "text": row["evidence_text"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
        },
        "verb": row["verb"],
        "negated": row["negated"],
        "modality": row["modality"],
        "rule": rule,
        "issues": list(row.get("issues") or []),
        "location": _location(row.get("location")),
        "location_source": row.get("location_source"),
        "article": article,
    }
