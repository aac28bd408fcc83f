"""Event filters shared by the list, aggregate and time-series endpoints, as SQL with parameters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request

from tacitus.api.errors import ApiError

__all__ = [
    "EventFilters",
    "MinConfidence",
    "confidence_condition",
    "event_filters",
    "parse_dyad",
    "request_min_confidence",
    "server_min_confidence",
]

# Actor and event codes are short upper-case CAMEO strings; anything else is a mistake.
ACTOR_PATTERN = r"^[A-Za-z0-9]{1,24}$"
CODE_PATTERN = r"^[0-9]{1,4}[A-Za-z]?$"


def parse_dyad(value: str) -> tuple[str, str]:
    """``CHN,RUS`` → (``CHN``, ``RUS``); a malformed pair is a 422."""
    parts = [part.strip().upper() for part in value.split(",")]
    if len(parts) != 2 or not all(part.isalnum() and len(part) <= 24 for part in parts):
        raise ApiError(422, f"dyad {value!r} is not a pair of actor codes - use A,B, e.g. dyad=CHN,RUS")
    return parts[0], parts[1]


@dataclass(slots=True, frozen=True)
class EventFilters:
    """Which events a request selects. Actor codes and `code` match by prefix (``CHN``
    matches ``CHNGOV``, ``04`` matches ``042``); `dyad` matches both directions;
    `min_confidence` leaves out events scored below it (None: no threshold; events never
    scored always pass)."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    root: str | None = None
    quad_class: int | None = None
    country: str | None = None
    place: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    q: str | None = None
    min_confidence: float | None = None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """A SQL condition over `events AS alias` and its parameters (``TRUE`` if no filter)."""
        col = f"{alias}."
        conditions: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            conditions.append(sql)
            params.extend(values)

        if self.source:
            add(f"starts_with({col}source, ?)", self.source)
        if self.target:
            add(f"starts_with({col}target, ?)", self.target)
        if self.actor:
            add(f"(starts_with({col}source, ?) OR starts_with({col}target, ?))", self.actor, self.actor)
        if self.dyad:
            a, b = self.dyad
            add(
                f"((starts_with({col}source, ?) AND starts_with({col}target, ?)) OR "
                f"(starts_with({col}source, ?) AND starts_with({col}target, ?)))",
                a,
                b,
                b,
                a,
            )
        if self.code:
            add(f"starts_with({col}code, ?)", self.code)
        if self.root:
            add(f"{col}root_code = ?", self.root)
        if self.quad_class is not None:
            add(f"{col}quad_class = ?", self.quad_class)
        if self.country:
            add(
                f"(? IN ({col}source_actor_country, {col}target_actor_country) OR "
                f"starts_with({col}source, ?) OR starts_with({col}target, ?))",
                self.country,
                self.country,
                self.country,
            )
        if self.place:
            # Where the event happened (its location) or a place its article names.
            loc = f"{col}location"
            add(
                f"(lower({loc} ->> '$.name') = lower(?) OR {loc} ->> '$.gazetteer_id' = ? "
                f"OR {loc} ->> '$.country' = ? OR EXISTS (SELECT 1 FROM places AS p "
                f"WHERE p.doc_id = {col}doc_id AND "
                "(lower(p.name) = lower(?) OR p.gazetteer_id = ? OR p.country = ?)))",
                *(self.place, self.place, self.place.upper()) * 2,
            )
        if self.start:
            add(f"{col}date >= ?", self.start)
        if self.end:
            add(f"{col}date <= ?", self.end)
        if self.q:
            add(f"contains(lower({col}evidence_text), lower(?))", self.q)
        if self.min_confidence is not None:
            add(confidence_condition(alias), self.min_confidence)
        return (" AND ".join(conditions) or "TRUE"), params


def confidence_condition(alias: str = "e") -> str:
    """The SQL test of an event against a confidence threshold (one parameter): unscored events
    (stored before schema 3) pass, as in the store's readers."""
    return f"({alias}.confidence IS NULL OR {alias}.confidence >= ?)"


def server_min_confidence(request: Request) -> float | None:
    """The app's default threshold (`create_app(min_confidence=...)`, `tacitus serve
    --min-confidence`), None for none."""
    value: float | None = getattr(request.app.state, "min_confidence", None)
    return value


def request_min_confidence(request: Request, value: float | None) -> float | None:
    """A request's threshold: its `min_confidence` parameter, else the app's default; 0 is none."""
    threshold = server_min_confidence(request) if value is None else value
    return threshold or None


MinConfidence = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="Leave out events whose confidence is below this (0 keeps all; default: the "
        "server's threshold, see /api/stats)",
    ),
]


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


async def event_filters(
    source: Annotated[
        str | None, Query(pattern=ACTOR_PATTERN, description="Source actor code prefix, e.g. CHN")
    ] = None,
    target: Annotated[
        str | None, Query(pattern=ACTOR_PATTERN, description="Target actor code prefix")
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=ACTOR_PATTERN, description="Either side's actor code prefix")
    ] = None,
    dyad: Annotated[
        str | None, Query(max_length=50, description="Two actor codes, both directions: CHN,RUS")
    ] = None,
    code: Annotated[
        str | None, Query(pattern=CODE_PATTERN, description="CAMEO event code prefix, e.g. 04 or 042")
    ] = None,
    root: Annotated[
        str | None, Query(pattern=r"^(0[1-9]|1[0-9]|20)$", description="CAMEO root code 01-20")
    ] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{3}$", description="Country code of either actor")
    ] = None,
    place: Annotated[
        str | None,
        Query(
            min_length=1, max_length=200, description="Place named in the article: name, gazetteer id or ISO3"
        ),
    ] = None,
    start: Annotated[dt.date | None, Query(description="First date (inclusive), YYYY-MM-DD")] = None,
    end: Annotated[dt.date | None, Query(description="Last date (inclusive), YYYY-MM-DD")] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description="Words in the evidence sentence")
    ] = None,
    min_confidence: MinConfidence = None,
    *,
    request: Request,
) -> EventFilters:
    """FastAPI dependency: the event filters of a request, validated. Async because it only
    computes: a sync dependency costs a round trip to the thread pool on every request."""
    if start and end and start > end:
        raise ApiError(422, f"start {start} is after end {end} - swap them")
    return EventFilters(
        source=_upper(source),
        target=_upper(target),
        actor=_upper(actor),
        dyad=parse_dyad(dyad) if dyad else None,
        code=code,
        root=root,
        quad_class=quad_class,
        country=_upper(country),
        place=place,
        start=start,
        end=end,
        q=q,
        min_confidence=request_min_confidence(request, min_confidence),
    )
