"""Writing to the store: one transaction per batch of articles, bulk inserts through Arrow."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.store.connection import rollback, store_error
from tacitus.store.rows import (
    ACTOR_SCHEMA,
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    PLACE_SCHEMA,
    QUOTE_SCHEMA,
    StoredArticle,
    actor_row,
    article_row,
    event_row,
    place_row,
    quote_row,
)

__all__ = ["write_batch", "write_skips", "stored_state", "ARTICLE_TABLES"]

log = logging.getLogger(__name__)

# Tables holding rows of an article, keyed by `doc_id` (`articles` by `id`).
ARTICLE_TABLES = ("events", "actors", "quotes", "places")


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], schema: pa.Schema
) -> None:
    if not rows:
        return
    batch = pa.Table.from_pylist(rows, schema=schema)
    view = f"_tacitus_batch_{table}"
    con.register(view, batch)
    try:
        # Table and view names are constants of this module, never user input.
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _stored_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[str]:
    rows = con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    return [row[0] for row in rows]


def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    for table in ARTICLE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])


def _rows(batch: Sequence[StoredArticle]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [],
        "events": [],
        "actors": [],
        "quotes": [],
        "places": [],
    }
    for stored in batch:
        doc_id = stored.article.id
        rows["articles"].append(article_row(stored))
        rows["events"] += [event_row(e, i) for i, e in enumerate(stored.events)]
        rows["actors"] += [actor_row(doc_id, a, i) for i, a in enumerate(stored.actors)]
        rows["quotes"] += [quote_row(q, i) for i, q in enumerate(stored.quotes)]
        rows["places"] += [place_row(p, i) for i, p in enumerate(stored.locations)]
    return rows


_SCHEMAS = {
    "articles": ARTICLE_SCHEMA,
    "events": EVENT_SCHEMA,
    "actors": ACTOR_SCHEMA,
    "quotes": QUOTE_SCHEMA,
    "places": PLACE_SCHEMA,
}


def write_batch(con: duckdb.DuckDBPyConnection, batch: Sequence[StoredArticle]) -> int:
    """Write `batch` in one transaction, replacing any stored rows of the same article ids.

    Either every row of the batch is committed or none is: a run killed mid-batch leaves
    the store as it was before the batch.

    Returns:
        The number of event rows written.
    """
    latest = {stored.article.id: stored for stored in batch}  # a repeated id: last one wins
    batch = list(latest.values())
    if not batch:
        return 0
    rows = _rows(batch)
    con.execute("BEGIN TRANSACTION")
    try:
        replaced = _stored_ids(con, list(latest))
        if replaced:
            log.info("replacing %d stored articles whose content changed", len(replaced))
            _delete_articles(con, replaced)
        for table, table_rows in rows.items():
            _insert(con, table, table_rows, _SCHEMAS[table])
        con.execute("COMMIT")
    except duckdb.Error as exc:
        rollback(con)
        raise store_error(exc, None, doing=f"writing a batch of {len(batch)} articles") from exc
    return len(rows["events"])


def write_skips(con: duckdb.DuckDBPyConnection, skips: Iterable[tuple[str, str, str | None]]) -> int:
    """Record inputs that ingestion skipped, as (origin, reason, detail); one per origin."""
    rows = sorted({origin: (origin, reason, detail) for origin, reason, detail in skips}.values())
    if not rows:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany(
            "INSERT INTO skips VALUES (?, ?, ?) ON CONFLICT (origin) DO UPDATE "
            "SET reason = excluded.reason, detail = excluded.detail",
            rows,
        )
        con.execute("COMMIT")
    except duckdb.Error as exc:
        rollback(con)
        raise store_error(exc, None, doing=f"recording {len(rows)} skipped inputs") from exc
    return len(rows)


def stored_state(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], hashes: Sequence[str]
) -> tuple[dict[str, str | None], dict[str, str]]:
    """What the store already holds for a batch of incoming articles.

    Returns:
        (content hash by stored article id, for `ids`;
         id of the stored article by content hash, for `hashes`, coded/skipped ones only).
    """
    by_id = dict(
        con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
    )
    by_hash: dict[str, str] = {}
    if hashes:
        rows = con.execute(
            "SELECT content_hash, min(id) FROM articles WHERE status <> 'duplicate' "
            "AND content_hash IN (SELECT unnest(?::VARCHAR[])) GROUP BY content_hash",
            [list(hashes)],
        ).fetchall()
        by_hash = {row[0]: row[1] for row in rows}
    return by_id, by_hash
