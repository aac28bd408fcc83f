"""Records ↔ table rows: how Article, Event, Actor, Quote and Location become columns and back."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from tacitus.dates import read_date
from tacitus.records import Actor, Article, Event, Location, Quote, Rule, Span, Speaker

__all__ = [
    "StoredArticle",
    "ARTICLE_FIELDS",
    "ARTICLE_SCHEMA",
    "EVENT_SCHEMA",
    "ACTOR_SCHEMA",
    "QUOTE_SCHEMA",
    "PLACE_SCHEMA",
    "article_row",
    "event_row",
    "actor_row",
    "quote_row",
    "place_row",
    "event_from_row",
]

log = logging.getLogger(__name__)

ACTOR_FIELDS = ("text", "code", "country", "sector", "name", "start", "end")
# The `Article` fields a stored article gives back (`date_problem` is ingestion's report only).
ARTICLE_FIELDS = (
    "id",
    "text",
    "title",
    "date",
    "url",
    "source",
    "language",
    "content_hash",
    "origin",
    "author",
    "duplicate_of",
)
# Event fields the places stage fills (schema v2).
EVENT_LOCATION_SLOTS = ("location", "source_location", "target_location")


@dataclass(slots=True)
class StoredArticle:
    """What the store writes for one article: the article and everything coded from it.

    `status` is ``coded``, ``skipped`` (the coder dropped it; `skip_reason` says why) or
    ``duplicate`` (same content as the stored article `article.duplicate_of`).
    """

    article: Article
    status: str = "coded"
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    skip_reason: str | None = None
    skip_detail: str | None = None


def _stored_date(value: str | None, record: str) -> dt.date | None:
    """The DATE column of a record's date (any form `tacitus.dates` reads); NULL, with a
    warning naming the record, when it cannot be read."""
    reading = read_date(value)
    if reading.problem:
        log.warning("%s: %s; stored with no date", record, reading.problem)
    return reading.day


def _actor_type(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{prefix}_text", pa.string()),
        (f"{prefix}_code", pa.string()),
        (f"{prefix}_country", pa.string()),
        (f"{prefix}_sector", pa.string()),
        (f"{prefix}_name", pa.string()),
        (f"{prefix}_start", pa.int32()),
        (f"{prefix}_end", pa.int32()),
    ]


ARTICLE_SCHEMA = pa.schema(
    [("id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("date", pa.date32())]
    + [(name, pa.string()) for name in ("source", "language", "content_hash", "duplicate_of")]
    + [(name, pa.string()) for name in ("status", "skip_reason", "skip_detail", "origin")]
    + [("author", pa.string()), ("text", pa.string()), ("n_events", pa.int32())]
)

EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("ordinal", pa.int32()),
        ("sentence", pa.int32()),
        ("date", pa.date32()),
        ("source", pa.string()),
        ("target", pa.string()),
        ("code", pa.string()),
        ("root_code", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("plover", pa.map_(pa.string(), pa.string())),
    ]
    + _actor_type("source_actor")
    + _actor_type("target_actor")
    + [
        ("evidence_text", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
        ("verb", pa.string()),
        ("rule_file", pa.string()),
        ("rule_line", pa.int32()),
        ("rule_pattern", pa.string()),
        ("negated", pa.bool_()),
        ("modality", pa.string()),
    ]
    + _actor_type("reported_by")
    + [("issues", pa.list_(pa.string()))]
    + [(name, pa.string()) for name in (*EVENT_LOCATION_SLOTS, "location_source")]
    + [("verb_start", pa.int32()), ("verb_end", pa.int32())]
    + [("event_id", pa.string()), ("mirror_of", pa.string()), ("confidence", pa.float64())]
)

ACTOR_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("ordinal", pa.int32())]
    + [(name, pa.string()) for name in ACTOR_FIELDS[:5]]
    + [("start", pa.int32()), ("end", pa.int32())]
)

QUOTE_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("ordinal", pa.int32()), ("kind", pa.string())]
    + [("sentence", pa.int32()), ("content_text", pa.string())]
    + [("content_start", pa.int32()), ("content_end", pa.int32())]
    + [("cue_text", pa.string()), ("cue_start", pa.int32()), ("cue_end", pa.int32())]
    + [("speaker_text", pa.string()), ("speaker_start", pa.int32()), ("speaker_end", pa.int32())]
    + [(f"speaker_{name}", pa.string()) for name in ("name", "code", "country", "sector")]
)

PLACE_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("ordinal", pa.int32()), ("name", pa.string())]
    + [(name, pa.string()) for name in ("gazetteer_id", "country", "fips", "admin1")]
    + [("lat", pa.float64()), ("lon", pa.float64()), ("feature_class", pa.string())]
    + [("confidence", pa.float64()), ("evidence_text", pa.string())]
    + [("evidence_start", pa.int32()), ("evidence_end", pa.int32())]
    + [("resolved_name", pa.string()), ("feature_code", pa.string())]
    + [("geo_type", pa.int32()), ("mention", pa.string())]
)


def article_row(stored: StoredArticle) -> dict[str, Any]:
    article = stored.article
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "date": _stored_date(article.date, f"article {article.id}"),
        "source": article.source,
        "language": article.language,
        "content_hash": article.content_hash,
        "duplicate_of": article.duplicate_of,
        "status": stored.status,
        "skip_reason": stored.skip_reason,
        "skip_detail": stored.skip_detail,
        "origin": article.origin,
        "author": article.author,
        "text": article.text,
        "n_events": len(stored.events),
    }


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{name}": None for name in ACTOR_FIELDS}
    return {f"{prefix}_{name}": getattr(actor, name) for name in ACTOR_FIELDS}


def event_row(event: Event, ordinal: int) -> dict[str, Any]:
    """The `events` row of `event`, the `ordinal`-th event of its article."""
    row: dict[str, Any] = {
        "doc_id": event.doc_id,
        "ordinal": ordinal,
        "sentence": event.sentence,
        "date": _stored_date(event.date, f"event {event.doc_id}:{event.sentence}"),
        "source": event.source,
        "target": event.target,
        "code": event.code,
        "root_code": event.root_code,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover": list(event.plover.items()),
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "verb": event.verb,
        "rule_file": event.rule.file if event.rule else None,
        "rule_line": event.rule.line if event.rule else None,
        "rule_pattern": event.rule.pattern if event.rule else None,
        "negated": event.negated,
        "modality": event.modality,
        "issues": list(event.issues),
    }
    row.update(_actor_columns("source_actor", event.source_actor))
    row.update(_actor_columns("target_actor", event.target_actor))
    row.update(_actor_columns("reported_by", event.reported_by))
    locations = (event.location, event.source_location, event.target_location)
    for slot, location in zip(EVENT_LOCATION_SLOTS, locations, strict=True):
        row[slot] = location_json(location) if location is not None else None
    row["location_source"] = event.location_source
    row.update(
        verb_start=event.verb_start,
        verb_end=event.verb_end,
        event_id=event.event_id,
        mirror_of=event.mirror_of,
        confidence=event.confidence,
    )
    return row


def location_json(location: Location) -> str:
    """A Location as the JSON text stored in the events table's location columns."""
    return json.dumps(location.as_dict(), ensure_ascii=False, sort_keys=True)


def location_from_json(text: str) -> Location:
    """The inverse of `location_json` (fields this Location does not know are dropped)."""
    return Location.from_dict(json.loads(text))


def _location_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Event keyword arguments of the location columns."""
    found: dict[str, Any] = {}
    for slot in EVENT_LOCATION_SLOTS:
        found[slot] = location_from_json(row[slot]) if row.get(slot) else None
    found["location_source"] = row.get("location_source")
    return found


def _actor_from_columns(row: dict[str, Any], prefix: str) -> Actor | None:
    if row[f"{prefix}_text"] is None:
        return None
    return Actor(**{name: row[f"{prefix}_{name}"] for name in ACTOR_FIELDS})


def _plover_from_column(value: Any) -> dict[str, str | None]:
    # DuckDB gives a dict, Arrow a list of (key, value) pairs: dict() takes both.
    return dict(value) if value else {}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild the Event of an `events` row (the inverse of `event_row`)."""
    rule = None
    if row["rule_file"] is not None:
        rule = Rule(file=row["rule_file"], line=row["rule_line"], pattern=row["rule_pattern"])
    return Event(
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        date=_iso(row["date"]),
        source=row["source"],
        target=row["target"],
        code=row["code"],
        root_code=row["root_code"],
        quad_class=row["quad_class"],
        goldstein=row["goldstein"],
        plover=_plover_from_column(row["plover"]),
        source_actor=_actor_from_columns(row, "source_actor"),
        target_actor=_actor_from_columns(row, "target_actor"),
        evidence=Span(row["evidence_text"], row["evidence_start"], row["evidence_end"]),
        verb=row["verb"],
        rule=rule,
        negated=row["negated"],
        modality=row["modality"],
        reported_by=_actor_from_columns(row, "reported_by"),
        issues=list(row["issues"] or []),
        **_location_fields(row),
        verb_start=_offset(row.get("verb_start")),
        verb_end=_offset(row.get("verb_end")),
        event_id=row.get("event_id"),
        mirror_of=row.get("mirror_of"),
        confidence=row.get("confidence"),
    )


def _offset(value: int | None) -> int:
    """A verb offset column: NULL (events stored before schema 3) is the record's -1."""
    return -1 if value is None else value


def actor_row(doc_id: str, actor: Actor, ordinal: int) -> dict[str, Any]:
    row: dict[str, Any] = {"doc_id": doc_id, "ordinal": ordinal}
    row.update({name: getattr(actor, name) for name in ACTOR_FIELDS})
    return row


def _span_columns(prefix: str, span: Span | Speaker | None) -> dict[str, Any]:
    return {
        f"{prefix}_text": span.text if span else None,
        f"{prefix}_start": span.start if span else None,
        f"{prefix}_end": span.end if span else None,
    }


def quote_row(quote: Quote, ordinal: int) -> dict[str, Any]:
    speaker = quote.speaker
    row: dict[str, Any] = {
        "doc_id": quote.doc_id,
        "ordinal": ordinal,
        "kind": quote.kind,
        "sentence": quote.sentence,
    }
    row.update(_span_columns("content", quote.content))
    row.update(_span_columns("cue", quote.cue))
    row.update(_span_columns("speaker", speaker))  # Speaker has text/start/end like a Span
    for name in ("name", "code", "country", "sector"):
        row[f"speaker_{name}"] = getattr(speaker, name) if speaker else None
    return row


def place_row(location: Location, ordinal: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "doc_id": location.doc_id,
        "ordinal": ordinal,
        "name": location.name,
        "gazetteer_id": location.gazetteer_id,
        "country": location.country,
        "fips": location.fips,
        "admin1": location.admin1,
        "lat": location.lat,
        "lon": location.lon,
        "feature_class": location.feature_class,
        "confidence": location.confidence,
    }
    row.update(_span_columns("evidence", location.evidence))
    row.update(
        resolved_name=location.resolved_name,
        feature_code=location.feature_code,
        geo_type=location.geo_type,
        mention=location.mention,
    )
    return row
