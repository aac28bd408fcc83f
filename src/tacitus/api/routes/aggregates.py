"""Counts over the store: actors, dyads, time series, places, totals and the spread of confidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

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
from tacitus.store.aggregates import (
    CONFIDENCE_BINS,
    actor_counts,
    confidence_spread,
    dyad_counts,
    event_places,
    mention_places,
    period_counts,
    store_totals,
)
from tacitus.store.filters import EventFilter
from tacitus.store.names import actor_names, suggest_actors

__all__ = ["router"]

router = APIRouter(tags=["aggregates"])

Store = Annotated[ReadOnlyStore, Depends(get_store)]
Filters = Annotated[EventFilter, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=1000)]


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
    rows = actor_counts(store.cursor(), filters, search, limit)
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
    rows = dyad_counts(store.cursor(), filters, limit)
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
    points, undated = split_undated(period_counts(store.cursor(), filters, interval))
    return FastJSONResponse({"interval": interval, "points": points, "undated": undated})


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
    if of == "mentions":
        rows = mention_places(
            store.cursor(), country=country, search=search, since=since, until=until, limit=limit
        )
    else:
        threshold = request_min_confidence(request, min_confidence)
        rows = event_places(
            store.cursor(),
            country=country,
            search=search,
            since=since,
            until=until,
            limit=limit,
            min_confidence=threshold,
        )
    return FastJSONResponse(rows)


@router.get("/stats", response_model=StatsOut, summary="Totals of the store")
def get_stats(store: Store, request: Request, min_confidence: MinConfidence = None) -> StatsOut:
    """Articles by status; events, merged events, actors, quotes and places; dates (and how many
    articles and events have none); QuadClass totals. Event figures count the events at or above
    `min_confidence` (default: the server's threshold, echoed); `below_threshold` counts the others."""
    threshold = request_min_confidence(request, min_confidence)
    articles, totals, quads = store_totals(store.cursor(), EventFilter(min_confidence=threshold))
    return StatsOut(
        articles=articles,
        **totals,
        min_confidence=threshold,
        by_quad=quads,
    )


_BINS = CONFIDENCE_BINS


@router.get(
    "/confidence", response_model=ConfidenceOut, summary="How the matching events spread over confidence"
)
def confidence_counts(store: Store, filters: Filters) -> ConfidenceOut:
    """The events matching the filters (every filter but the threshold) in ten confidence bins,
    and how many the threshold (`min_confidence`, default the server's) keeps and leaves out:
    what the dashboard says it hides. Unscored events (stored before schema 3) are kept."""
    spread = confidence_spread(store.cursor(), filters)
    counts = spread["counts"]
    return ConfidenceOut(
        min_confidence=filters.min_confidence,
        events=spread["total"] - spread["below"],
        below=spread["below"],
        unscored=spread["unscored"],
        bins=[ConfidenceBin(low=k / _BINS, high=(k + 1) / _BINS, events=n) for k, n in enumerate(counts)],
    )
