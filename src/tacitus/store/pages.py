"""Rows the API pages through or looks up by key: events and quotes in keyset order, one event,
one article with the rows of its spans, and article references; rows as JSON-ready dicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from tacitus.store.filters import EventFilter
from tacitus.store.query import dict_rows

__all__ = [
    "QUOTE_ORDER",
    "SORTS",
    "Keyset",
    "article_ref_rows",
    "article_row",
    "article_span_rows",
    "event_page",
    "event_row",
    "quote_page",
]


@dataclass(slots=True, frozen=True)
class Keyset:
    """One sort order: the SQL key column (a constant of this module), its type and direction.

    NULL keys come first in ascending order and last in descending order, so that each
    order is the exact reverse of the other and every row has one place.
    """

    name: str
    key_sql: str
    key_type: type
    descending: bool
    alias: str = "e"

    def order_by(self) -> str:
        a, direction = self.alias, ("DESC" if self.descending else "ASC")
        nulls = "NULLS LAST" if self.descending else "NULLS FIRST"
        return f"{self.key_sql} {direction} {nulls}, {a}.doc_id {direction}, {a}.ordinal {direction}"

    def after(self, key: Any, doc_id: str, ordinal: int) -> tuple[str, list[Any]]:
        """The condition selecting rows strictly after (key, doc_id, ordinal) in this order."""
        op, a, k = ("<" if self.descending else ">"), self.alias, self.key_sql
        tie = f"({a}.doc_id {op} ? OR ({a}.doc_id = ? AND {a}.ordinal {op} ?))"
        if key is None:
            rest = "" if self.descending else f" OR {k} IS NOT NULL"
            return f"(({k} IS NULL AND {tie}){rest})", [doc_id, doc_id, ordinal]
        rest = f" OR {k} IS NULL" if self.descending else ""
        return f"({k} {op} ? OR ({k} = ? AND {tie}){rest})", [key, key, doc_id, doc_id, ordinal]


SORTS = {
    "date": Keyset("date", "e.date", dt.date, False),
    "-date": Keyset("-date", "e.date", dt.date, True),
    "goldstein": Keyset("goldstein", "e.goldstein", float, False),
    "-goldstein": Keyset("-goldstein", "e.goldstein", float, True),
}
# Quotes page in article order: the key is the article id itself.
QUOTE_ORDER = Keyset("article", "q.doc_id", str, False, alias="q")


def event_page(
    con: duckdb.DuckDBPyConnection,
    event_filter: EventFilter,
    keyset: Keyset,
    after: tuple[Any, str, int] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to `limit` events rows matching the filter in `keyset` order, after the row with sort
    values `after` (None: from the start), each with its `sort_key`."""
    where, params = event_filter.where("e")
    if after is not None:
        condition, values = keyset.after(*after)
        where, params = f"{where} AND {condition}", [*params, *values]
    return dict_rows(
        con,
        f"SELECT e.*, {keyset.key_sql} AS sort_key FROM events AS e WHERE {where} "
        f"ORDER BY {keyset.order_by()} LIMIT ?",
        [*params, limit],
    )


def event_row(con: duckdb.DuckDBPyConnection, doc_id: str, ordinal: int) -> dict[str, Any] | None:
    """The events row of an article's `ordinal`-th event, or None."""
    found = dict_rows(con, "SELECT * FROM events WHERE doc_id = ? AND ordinal = ?", [doc_id, ordinal])
    return found[0] if found else None


def quote_page(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None,
    events: EventFilter | None,
    doc_id: str | None,
    q: str | None,
    after: tuple[Any, str, int] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to `limit` quotes rows in article order after `after`: by speaker code prefix or
    country, in articles with an event matching `events`, in one article, or holding words `q`."""
    conditions: list[str] = ["TRUE"]
    params: list[Any] = []
    if speaker:
        conditions.append("(starts_with(q.speaker_code, ?) OR q.speaker_country = ?)")
        params += [speaker.upper(), speaker.upper()]
    if events is not None:
        where, values = events.where("e")
        conditions.append(f"q.doc_id IN (SELECT e.doc_id FROM events AS e WHERE {where})")
        params += values
    if doc_id:
        conditions.append("q.doc_id = ?")
        params.append(doc_id)
    if q:
        conditions.append("contains(lower(q.content_text), lower(?))")
        params.append(q)
    if after is not None:
        condition, values = QUOTE_ORDER.after(*after)
        conditions.append(condition)
        params += values
    return dict_rows(
        con,
        f"SELECT q.* FROM quotes AS q WHERE {' AND '.join(conditions)} "
        f"ORDER BY {QUOTE_ORDER.order_by()} LIMIT ?",
        [*params, limit],
    )


def article_ref_rows(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    """id, title, date, url and source of each stored article of `ids`."""
    return dict_rows(
        con,
        "SELECT id, title, date, url, source FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    )


def article_row(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article's stored fields and text, or None."""
    found = dict_rows(
        con,
        "SELECT id, title, date, url, source, language, status, skip_reason, duplicate_of, text, "
        "n_events FROM articles WHERE id = ?",
        [article_id],
    )
    return found[0] if found else None


_SPAN_QUERIES = {
    "actor": 'SELECT text, code, name, start, "end" FROM actors WHERE doc_id = ?',
    "event": "SELECT ordinal, source, target, code, evidence_text, evidence_start, evidence_end, confidence "
    "FROM events WHERE doc_id = ?",
    "quote": "SELECT kind, content_text, content_start, content_end, speaker_text, speaker_code "
    "FROM quotes WHERE doc_id = ?",
    "place": "SELECT name, country, evidence_text, evidence_start, evidence_end FROM places WHERE doc_id = ?",
}


def article_span_rows(con: duckdb.DuckDBPyConnection, kind: str, doc_id: str) -> list[dict[str, Any]]:
    """The rows of an article's actors, events, quotes or places (`kind`), with their spans."""
    return dict_rows(con, _SPAN_QUERIES[kind], [doc_id])
