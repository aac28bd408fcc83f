"""`/api/events`: filtered, keyset-paginated event lists and single events with their evidence."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from tacitus.api.db import ReadOnlyStore
from tacitus.api.errors import ApiError
from tacitus.api.filters import event_filters
from tacitus.api.hot import HotPage
from tacitus.api.models import EventOut, EventPage, event_from_row
from tacitus.api.pagination import SORTS, decode_cursor, encode_cursor
from tacitus.api.responses import FastJSONResponse, dumps
from tacitus.api.routes.common import article_refs, cameo_name, get_store
from tacitus.store.filters import EventFilter
from tacitus.store.pages import event_page, event_row

__all__ = ["router"]

router = APIRouter(tags=["events"])

Store = Annotated[ReadOnlyStore, Depends(get_store)]


@router.get("/events", response_model=EventPage, summary="Events matching filters, one page at a time")
async def list_events(
    store: Store,
    filters: Annotated[EventFilter, Depends(event_filters)],
    sort: Annotated[Literal["date", "-date", "goldstein", "-goldstein"], Query()] = "date",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000, description="`next` of the previous page")] = None,
) -> Response:
    """Events in a fixed order (`sort`, then article id and position); follow `next` for more.
    Events below `min_confidence` (default: the server's threshold, echoed in the answer) are left
    out; `/api/confidence` counts them."""
    if store.hot is not None and not cursor:
        # The index answers in about a millisecond: on the event loop, which costs less than
        # the hand-off to a worker thread. The plain query can take far longer: in a thread.
        page = store.hot.events_page(filters, sort, limit)
        if page is not None:
            return _hot_response(page, sort, limit, filters.min_confidence)
    return await run_in_threadpool(_plain_events, store, filters, sort, limit, cursor)


def _plain_events(
    store: ReadOnlyStore, filters: EventFilter, sort: str, limit: int, cursor: str | None
) -> FastJSONResponse:
    """A page of events by the plain query over the store."""
    keyset = SORTS[sort]
    after = decode_cursor(cursor, keyset) if cursor else None
    rows = event_page(store.cursor(), filters, keyset, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    refs = article_refs(store, [row["doc_id"] for row in rows])
    events = [
        event_from_row({**row, "name": cameo_name(row["code"])}, refs.get(row["doc_id"])) for row in rows
    ]
    last = rows[-1] if rows else None
    next_cursor = (
        encode_cursor(sort, last["sort_key"], last["doc_id"], last["ordinal"]) if more and last else None
    )
    return FastJSONResponse(
        {
            "events": events,
            "next": next_cursor,
            "sort": sort,
            "limit": limit,
            "min_confidence": filters.min_confidence,
        }
    )


def _hot_response(page: HotPage, sort: str, limit: int, min_confidence: float | None) -> Response:
    """An `EventPage` spliced from the index's pre-rendered events: no per-request model or dict
    building, which was ~40 % of a page's CPU time."""
    last = page.last
    next_cursor = encode_cursor(sort, *last) if page.more and last else None
    body = b"".join(
        (
            b'{"events":[',
            b",".join(page.events),
            b'],"next":',
            dumps(next_cursor),
            b',"sort":',
            dumps(sort),
            b',"limit":',
            dumps(limit),
            b',"min_confidence":',
            dumps(min_confidence),
            b"}",
        )
    )
    return Response(body, media_type="application/json")


def split_event_id(event_id: str) -> tuple[str, int]:
    """``doc_id:ordinal`` → (doc_id, ordinal); the article id may itself hold colons."""
    doc_id, _, ordinal = event_id.rpartition(":")
    if not doc_id or not ordinal.isdigit() or len(ordinal) > 9:
        raise ApiError(404, f"no event {event_id!r} - event ids look like ARTICLE_ID:N, as in /api/events")
    return doc_id, int(ordinal)


@router.get("/events/{event_id:path}", response_model=EventOut, summary="One event with its evidence")
async def get_event(
    store: Store,
    event_id: Annotated[
        str, Path(description="ARTICLE_ID:N", pattern=r"^.+:[0-9]{1,9}$", examples=["example-001:0"])
    ],
) -> Response:
    """The event, the sentence span that proves it, and a link to its article."""
    doc_id, ordinal = split_event_id(event_id)
    if store.hot is not None:
        rendered = store.hot.event(doc_id, ordinal)  # a dictionary look-up: on the event loop
        if rendered is not None:
            return Response(rendered, media_type="application/json")
    return await run_in_threadpool(_plain_event, store, event_id, doc_id, ordinal)


def _plain_event(store: ReadOnlyStore, event_id: str, doc_id: str, ordinal: int) -> FastJSONResponse:
    """One event by the plain query over the store."""
    row = event_row(store.cursor(), doc_id, ordinal)
    if row is None:
        raise ApiError(404, f"no event {event_id!r} - list events with /api/events")
    refs = article_refs(store, [doc_id])
    return FastJSONResponse(event_from_row({**row, "name": cameo_name(row["code"])}, refs.get(doc_id)))
