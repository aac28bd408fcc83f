"""`/api/quotes`: quotations with their speakers, by speaker, dyad or pair, article or words."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from tacitus.api.db import ReadOnlyStore
from tacitus.api.filters import ACTOR_PATTERN, parse_pair
from tacitus.api.models import ActorOut, QuoteOut, QuotePage, SpanOut
from tacitus.api.pagination import QUOTE_ORDER, decode_cursor, encode_cursor
from tacitus.api.routes.common import article_refs, get_store
from tacitus.store.filters import EventFilter
from tacitus.store.pages import quote_page

__all__ = ["router"]

router = APIRouter(tags=["quotes"])

Store = Annotated[ReadOnlyStore, Depends(get_store)]


def _events(dyad: str | None, pair: str | None) -> EventFilter | None:
    """The events whose articles' quotes `dyad` (directed) or `pair` (either direction) asks for."""
    if not dyad and not pair:
        return None
    return EventFilter(
        dyad=parse_pair(dyad, "dyad") if dyad else None, pair=parse_pair(pair, "pair") if pair else None
    )


def _quote(row: dict[str, Any], refs: dict[str, Any]) -> QuoteOut:
    speaker = None
    if row["speaker_text"] is not None:
        speaker = ActorOut(
            text=row["speaker_text"],
            code=row["speaker_code"],
            name=row["speaker_name"],
            country=row["speaker_country"],
            sector=row["speaker_sector"],
            start=row["speaker_start"],
            end=row["speaker_end"],
        )
    cue = None
    if row["cue_text"] is not None:
        cue = SpanOut(text=row["cue_text"], start=row["cue_start"], end=row["cue_end"])
    return QuoteOut(
        id=f"{row['doc_id']}:{row['ordinal']}",
        doc_id=row["doc_id"],
        ordinal=row["ordinal"],
        kind=row["kind"],
        sentence=row["sentence"],
        content=SpanOut(text=row["content_text"], start=row["content_start"], end=row["content_end"]),
        cue=cue,
        speaker=speaker,
        article=refs.get(row["doc_id"]),
    )


@router.get("/quotes", response_model=QuotePage, summary="Quotations with their speakers")
def list_quotes(
    store: Store,
    speaker: Annotated[str | None, Query(pattern=ACTOR_PATTERN, description="Speaker code prefix")] = None,
    dyad: Annotated[
        str | None, Query(max_length=50, description="Quotes in articles with events A → B: A,B")
    ] = None,
    pair: Annotated[
        str | None, Query(max_length=50, description="Quotes in articles with events A → B or B → A: A,B")
    ] = None,
    doc_id: Annotated[str | None, Query(max_length=500, description="Article id")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Words in the quote")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> QuotePage:
    """Quotes in article order; follow `next` for more."""
    rows = quote_page(
        store.cursor(),
        speaker=speaker,
        events=_events(dyad, pair),
        doc_id=doc_id,
        q=q,
        after=decode_cursor(cursor, QUOTE_ORDER) if cursor else None,
        limit=limit + 1,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    refs = article_refs(store, [str(row["doc_id"]) for row in rows])
    last = rows[-1] if rows else None
    next_cursor = (
        encode_cursor(QUOTE_ORDER.name, last["doc_id"], str(last["doc_id"]), int(last["ordinal"]))
        if more and last
        else None
    )
    return QuotePage(quotes=[_quote(row, refs) for row in rows], next=next_cursor)
