"""Counts over the store: actors, dyads, time series, places, totals and the spread of confidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from tacitus.api.db import ReadOnlyStore
from tacitus.api.filters import (
    DateFrom,
    DateTo,
    MinConfidence,
    date_window,
    event_filters,
    request_min_confidence,
)
from tacitus.api.hot import split_undated
from tacitus.api.models import (
    ActorSuggestion,
    ActorSummary,
    ConfidenceBin,
    ConfidenceOut,
    DyadOut,
    PlaceOut,
    StatsOut,
    TimeSeries,
)
from tacitus.api.responses import FastJSONResponse
from tacitus.api.routes.common import get_store
from tacitus.cameo import countries
from tacitus.store.filters import EventFilter, confidence_condition
from tacitus.store.names import actor_names, suggest_actors
from tacitus.store.summary import merged_events_sql

__all__ = ["router"]

router = APIRouter(tags=["aggregates"])

Store = Annotated[ReadOnlyStore, Depends(get_store)]
Filters = Annotated[EventFilter, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=1000)]

# Goldstein sums and means rounded to 6 decimals (the scale has one): the last digits of a sum of
# doubles depend on the order of the additions, which differs between thread counts and between
# this query and the start-up index's per-period sums; rounded, every path gives the same bytes.
GOLDSTEIN_ROUNDED = (
    "round(sum(e.goldstein), 6) AS goldstein_sum, round(avg(e.goldstein), 6) AS goldstein_mean"
)
_QUADS = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {n}) AS quad{n}" for n in range(1, 5))
# date_trunc parts by interval name: constants, so no user text reaches the SQL.
_TRUNC = {"day": "day", "week": "week", "month": "month"}


@router.get("/actors", response_model=list[ActorSummary], summary="Top actors, or actors matching a search")
def list_actors(
    store: Store,
    filters: Filters,
    search: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Part of a code or name")
    ] = None,
    limit: Limit = 50,
) -> list[ActorSummary]:
    """Actor codes by the number of events they take part in, as source or target. `name` is
    what the code stands for (`tacitus.store.names.actor_names`): a country, an organisation, or
    a description from the CAMEO tables, never one mention's person."""
    where, params = filters.where("e")
    match, match_params = "TRUE", []
    if search:
        match = (
            "(contains(code, upper(?)) OR code IN (SELECT code FROM actors WHERE "
            "contains(lower(name), lower(?)) OR contains(lower(text), lower(?))))"
        )
        match_params = [search, search, search]
    rows = store.rows(
        f"WITH sides AS (SELECT e.source AS code, 1 AS src FROM events AS e WHERE {where} "
        f"UNION ALL SELECT e.target, 0 FROM events AS e WHERE {where}) "
        f"SELECT code, count(*) AS events, sum(src) AS as_source, count(*) - sum(src) AS as_target "
        f"FROM sides WHERE {match} GROUP BY code ORDER BY events DESC, code LIMIT ?",
        [*params, *params, *match_params, limit],
    )
    names = actor_names(store.cursor(), [row["code"] for row in rows])
    known = countries()
    return [
        ActorSummary(
            **row, name=names.get(row["code"]), country=row["code"][:3] if row["code"][:3] in known else None
        )
        for row in rows
    ]


@router.get(
    "/actors/suggest", response_model=list[ActorSuggestion], summary="Actor codes for a typed name or code"
)
def suggest(
    store: Store,
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=100, description="What the user typed: code, country or name")
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    min_confidence: MinConfidence = None,
) -> list[ActorSuggestion]:
    """The search box of the actor and dyad pages: codes starting with `q`, codes of countries
    whose name holds it, and codes of the actor mentions (people, organisations) whose name or
    text holds it; only codes with events at the threshold, the exact code first, then by events."""
    where, params = EventFilter(min_confidence=request_min_confidence(request, min_confidence)).where("e")
    found = suggest_actors(store.cursor(), q, limit=limit, where=where, params=params)
    return [ActorSuggestion(**match.as_dict()) for match in found]


@router.get("/dyads", response_model=list[DyadOut], summary="Event counts and Goldstein totals per pair")
def list_dyads(store: Store, filters: Filters, limit: Limit = 50) -> FastJSONResponse:
    """Directed (source, target) pairs by number of events."""
    where, params = filters.where("e")
    rows = store.rows(
        f"SELECT e.source, e.target, count(*) AS events, sum(e.goldstein) AS goldstein_sum, "
        f"avg(e.goldstein) AS goldstein_mean, {_QUADS} FROM events AS e WHERE {where} "
        "GROUP BY e.source, e.target ORDER BY events DESC, e.source, e.target LIMIT ?",
        [*params, limit],
    )
    return FastJSONResponse(
        [
            {
                "source": r["source"],
                "target": r["target"],
                "events": r["events"],
                "goldstein_sum": r["goldstein_sum"],
                "goldstein_mean": r["goldstein_mean"],
                "quad_counts": {str(n): r[f"quad{n}"] for n in range(1, 5)},
            }
            for r in rows
        ]
    )


@router.get("/timeseries", response_model=TimeSeries, summary="Counts per QuadClass and Goldstein by period")
async def timeseries(
    store: Store, filters: Filters, interval: Annotated[Literal["day", "week", "month"], Query()] = "week"
) -> FastJSONResponse:
    """Per day, week (starting Monday) or month: events, counts per QuadClass, Goldstein sum and mean.
    Filter with `actor`, `dyad` (directed), `pair` (both directions), `source`/`target` or any
    event filter; undated events are in no
    period, and `undated` says how many of them match."""
    if store.hot is not None:
        # On the event loop like the indexed event lists (see routes.events.list_events).
        found = store.hot.timeseries(filters, interval)
        if found is not None:
            points, undated = found
            return FastJSONResponse({"interval": interval, "points": points, "undated": undated})
    return await run_in_threadpool(_plain_timeseries, store, filters, interval)


def _plain_timeseries(store: ReadOnlyStore, filters: EventFilter, interval: str) -> FastJSONResponse:
    """The time series by the plain query over the store."""
    where, params = filters.where("e")
    part = _TRUNC[interval]
    rows = store.rows(
        f"SELECT date_trunc('{part}', e.date)::DATE AS period, count(*) AS events, {_QUADS}, "
        f"{GOLDSTEIN_ROUNDED} FROM events AS e WHERE {where} "
        "GROUP BY period ORDER BY period NULLS LAST",
        params,
    )
    points, undated = split_undated(rows)
    return FastJSONResponse({"interval": interval, "points": points, "undated": undated})


_PLACE_ORDER = "ORDER BY mentions DESC, name, gazetteer_id NULLS LAST, country NULLS LAST LIMIT ?"


def _mention_places(store: ReadOnlyStore, where: str, params: list[Any], limit: int) -> list[dict[str, Any]]:
    """Places named in articles: mentions, articles, and the events of those articles."""
    return store.rows(
        "WITH per_article AS (SELECT coalesce(p.resolved_name, p.name) AS name, p.gazetteer_id, "
        "p.country, any_value(p.lat) AS lat, any_value(p.lon) AS lon, p.doc_id, count(*) AS n, "
        "any_value(a.n_events) AS n_events FROM places AS p JOIN articles AS a ON a.id = p.doc_id "
        f"WHERE {where} GROUP BY ALL) "
        "SELECT name, gazetteer_id, country, any_value(lat) AS lat, any_value(lon) AS lon, "
        "sum(n)::BIGINT AS mentions, count(*) AS articles, sum(n_events)::BIGINT AS events "
        f"FROM per_article GROUP BY name, gazetteer_id, country {_PLACE_ORDER}",
        [*params, limit],
    )


def _event_places(
    store: ReadOnlyStore, where: str, params: list[Any], limit: int, min_confidence: float | None
) -> list[dict[str, Any]]:
    """Where events happened (the events' own locations): events and articles per place."""
    confident, threshold = (confidence_condition("e"), [min_confidence]) if min_confidence else ("TRUE", [])
    return store.rows(
        "WITH located AS (SELECT "
        "coalesce(e.location ->> '$.resolved_name', e.location ->> '$.name') AS name, "
        "e.location ->> '$.gazetteer_id' AS gazetteer_id, e.location ->> '$.country' AS country, "
        "TRY_CAST(e.location ->> '$.lat' AS DOUBLE) AS lat, "
        "TRY_CAST(e.location ->> '$.lon' AS DOUBLE) AS lon, "
        f"e.doc_id, e.date FROM events AS e WHERE e.location IS NOT NULL AND {confident}) "
        "SELECT coalesce(name, '?') AS name, gazetteer_id, country, any_value(lat) AS lat, "
        "any_value(lon) AS lon, count(*) AS mentions, count(DISTINCT doc_id) AS articles, "
        f"count(*) AS events FROM located AS p WHERE {where} "
        f"GROUP BY name, gazetteer_id, country {_PLACE_ORDER}",
        [*threshold, *params, limit],
    )


@router.get(
    "/places", response_model=list[PlaceOut], summary="Places named in articles, or where events happened"
)
def list_places(
    store: Store,
    request: Request,
    of: Annotated[
        Literal["mentions", "events"],
        Query(description="mentions: places named in articles; events: the events' own locations"),
    ] = "mentions",
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    search: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    since: DateFrom = None,
    until: DateTo = None,
    limit: Limit = 200,
    min_confidence: MinConfidence = None,
    start: Annotated[dt.date | None, Query(description="Deprecated name of `since`", deprecated=True)] = None,
    end: Annotated[dt.date | None, Query(description="Deprecated name of `until`", deprecated=True)] = None,
) -> FastJSONResponse:
    """Places by number of mentions (or of events located there), with coordinates for the map.
    `since`/`until` (deprecated: `start`/`end`) bound the article date (mentions) or the event
    date (events); `min_confidence` applies to events (`of=events`)."""
    since, until = date_window(since, until, start, end)
    date_column = "a.date" if of == "mentions" else "p.date"
    conditions, params = ["TRUE"], []
    for sql, value in (
        ("p.country = ?", country.upper() if country else None),
        ("contains(lower(p.name), lower(?))", search),
        (f"{date_column} >= ?", since),
        (f"{date_column} <= ?", until),
    ):
        if value is not None:
            conditions.append(sql)
            params.append(value)
    where = " AND ".join(conditions)
    if of == "mentions":
        return FastJSONResponse(_mention_places(store, where, params, limit))
    threshold = request_min_confidence(request, min_confidence)
    return FastJSONResponse(_event_places(store, where, params, limit, threshold))


@router.get("/stats", response_model=StatsOut, summary="Totals of the store")
def get_stats(store: Store, request: Request, min_confidence: MinConfidence = None) -> StatsOut:
    """Articles by status; events, merged events, actors, quotes and places; dates (and how many
    articles and events have none); QuadClass totals. Event figures count the events at or above
    `min_confidence` (default: the server's threshold, echoed); `below_threshold` counts the others."""
    threshold = request_min_confidence(request, min_confidence)
    where, params = EventFilter(min_confidence=threshold).where("e")
    articles = store.rows("SELECT status, count(*) AS n FROM articles GROUP BY status ORDER BY status")
    totals = (
        store.one(
            f"WITH kept AS (SELECT * FROM events AS e WHERE {where}) "
            "SELECT (SELECT count(*) FROM kept) AS events, "
            "(SELECT count(*) FROM events) - (SELECT count(*) FROM kept) AS below_threshold, "
            f"(SELECT count(*) FROM ({merged_events_sql(where)})) AS merged_events, "
            "(SELECT count(DISTINCT code) FROM (SELECT source AS code FROM kept UNION ALL "
            "SELECT target FROM kept)) AS actors, (SELECT count(*) FROM quotes) AS quotes, "
            "(SELECT count(*) FROM places) AS places, (SELECT min(date) FROM kept) AS first_date, "
            "(SELECT max(date) FROM kept) AS last_date, "
            "(SELECT count(*) FROM articles WHERE date IS NULL) AS undated_articles, "
            "(SELECT count(*) FROM kept WHERE date IS NULL) AS undated_events",
            [*params, *params],
        )
        or {}
    )
    quads = store.rows(
        f"SELECT quad_class, count(*) AS n FROM events AS e WHERE quad_class IS NOT NULL AND {where} "
        "GROUP BY quad_class ORDER BY quad_class",
        params,
    )
    return StatsOut(
        articles={r["status"]: r["n"] for r in articles},
        **totals,
        min_confidence=threshold,
        by_quad={str(r["quad_class"]): r["n"] for r in quads},
    )


_BINS = 10


@router.get(
    "/confidence", response_model=ConfidenceOut, summary="How the matching events spread over confidence"
)
def confidence_counts(store: Store, filters: Filters) -> ConfidenceOut:
    """The events matching the filters (every filter but the threshold) in ten confidence bins,
    and how many the threshold (`min_confidence`, default the server's) keeps and leaves out:
    what the dashboard says it hides. Unscored events (stored before schema 3) are kept."""
    where, params = replace(filters, min_confidence=None).where("e")
    threshold = filters.min_confidence
    row = store.one(
        "SELECT count(*) FILTER (WHERE e.confidence IS NULL) AS unscored, "
        "count(*) FILTER (WHERE e.confidence < ?) AS below, count(*) AS total, "
        f"list(least(floor(e.confidence * {_BINS}), {_BINS - 1})::INTEGER) FILTER "
        f"(WHERE e.confidence IS NOT NULL) AS bins FROM events AS e WHERE {where}",
        [threshold if threshold is not None else -1.0, *params],
    ) or {"unscored": 0, "below": 0, "total": 0, "bins": []}
    counts = [0] * _BINS
    for k in row["bins"] or []:
        counts[k] += 1
    return ConfidenceOut(
        min_confidence=threshold,
        events=row["total"] - row["below"],
        below=row["below"],
        unscored=row["unscored"],
        bins=[ConfidenceBin(low=k / _BINS, high=(k + 1) / _BINS, events=n) for k, n in enumerate(counts)],
    )
