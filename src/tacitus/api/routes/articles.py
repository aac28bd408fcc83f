"""`/api/articles/{id}`: an article's text with the character spans of its actors, events, quotes, places."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from tacitus.api.db import ReadOnlyStore
from tacitus.api.errors import ApiError
from tacitus.api.models import ArticleOut, TextSpan
from tacitus.api.routes.common import cameo_name, get_store
from tacitus.store.pages import article_row, article_span_rows

__all__ = ["router", "article_spans"]

router = APIRouter(tags=["articles"])

Store = Annotated[ReadOnlyStore, Depends(get_store)]


def _actor_spans(store: ReadOnlyStore, doc_id: str) -> list[TextSpan]:
    rows = article_span_rows(store.cursor(), "actor", doc_id)
    return [
        TextSpan(
            kind="actor",
            start=r["start"],
            end=r["end"],
            text=r["text"],
            label=" ".join(part for part in (r["code"], r["name"]) if part),
        )
        for r in rows
        if r["start"] is not None and r["start"] >= 0
    ]


def _event_spans(store: ReadOnlyStore, doc_id: str) -> list[TextSpan]:
    rows = article_span_rows(store.cursor(), "event", doc_id)
    return [
        TextSpan(
            kind="event",
            start=r["evidence_start"],
            end=r["evidence_end"],
            text=r["evidence_text"],
            ref=f"{doc_id}:{r['ordinal']}",
            label=f"{r['source']} → {r['target']} {r['code']} {cameo_name(r['code']) or ''}".strip()
            + (f" (confidence {r['confidence']:.2f})" if r["confidence"] is not None else ""),
            confidence=r["confidence"],
        )
        for r in rows
    ]


def _quote_spans(store: ReadOnlyStore, doc_id: str) -> list[TextSpan]:
    rows = article_span_rows(store.cursor(), "quote", doc_id)
    spans = []
    for r in rows:
        speaker = " ".join(part for part in (r["speaker_text"], r["speaker_code"]) if part)
        label = f"{r['kind']} quote" + (f" by {speaker}" if speaker else "")
        spans.append(
            TextSpan(
                kind="quote",
                start=r["content_start"],
                end=r["content_end"],
                text=r["content_text"],
                label=label,
            )
        )
    return spans


def _place_spans(store: ReadOnlyStore, doc_id: str) -> list[TextSpan]:
    rows = article_span_rows(store.cursor(), "place", doc_id)
    return [
        TextSpan(
            kind="place",
            start=r["evidence_start"],
            end=r["evidence_end"],
            text=r["evidence_text"],
            label=" ".join(part for part in (r["name"], r["country"]) if part),
        )
        for r in rows
    ]


def article_spans(store: ReadOnlyStore, doc_id: str, text_length: int) -> list[TextSpan]:
    """Every span of the article that lies inside its text, in reading order."""
    spans = (
        _actor_spans(store, doc_id)
        + _event_spans(store, doc_id)
        + _quote_spans(store, doc_id)
        + _place_spans(store, doc_id)
    )
    inside = [s for s in spans if 0 <= s.start < s.end <= text_length]
    return sorted(inside, key=lambda s: (s.start, -s.end, s.kind, s.ref or "", s.label))


@router.get(
    "/articles/{article_id:path}",
    response_model=ArticleOut,
    summary="An article's text with highlighted spans",
)
def get_article(store: Store, article_id: Annotated[str, Path(description="Article id")]) -> ArticleOut:
    """The text plus the character spans of actors, events (their evidence), quotes and places."""
    row = article_row(store.cursor(), article_id)
    if row is None:
        raise ApiError(404, f"no article {article_id!r} - find article ids in /api/events")
    return ArticleOut(**row, spans=article_spans(store, article_id, len(row["text"])))
