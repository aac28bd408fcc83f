"""The Ray engine's bulk access to the store: the stored articles its read tasks skip, and the
merge of its Parquet shards (`tacitus load`) in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from tacitus.errors import StoreError
from tacitus.store.connection import rollback
from tacitus.store.rows import ARTICLE_SCHEMA

__all__ = ["MergeCounts", "PickedArticle", "merge_shards", "stored_article_hashes"]

_ARTICLE_COLUMNS = ", ".join(f'"{name}"' for name in ARTICLE_SCHEMA.names)
_ROW_TABLES = ("events", "actors", "quotes", "places")
_PAGE_ROWS = 10_000

# (id, content hash, text, status) of one picked article, in input order.
PickedArticle = tuple[str, str | None, str, str]
# Given the picked articles in input order, the (copy id, original id) pairs among them.
FindCopies = Callable[[Iterator[PickedArticle]], list[tuple[str, str]]]


@dataclass(slots=True)
class MergeCounts:
    """What a merge found and wrote (see `tacitus.scale.load.LoadReport`)."""

    shards: int = 0
    rows: int = 0
    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: int = 0
    events: int = 0
    skips: int = 0


def stored_article_hashes(
    con: duckdb.DuckDBPyConnection, *, page_rows: int
) -> Iterator[list[tuple[str, str | None]]]:
    """Every stored article's (id, content hash), in pages of `page_rows`."""
    result = con.execute("SELECT id, content_hash FROM articles")
    while rows := result.fetchmany(page_rows):
        yield rows


# One row per id: the latest input record, then the first shard by name (a retried batch's
# second copy is ignored); of those, the new ones and the ones stored with another content.
_CHOOSE = """
CREATE OR REPLACE TEMP TABLE _load_pick AS
SELECT * EXCLUDE (pick) FROM (
    SELECT *, row_number() OVER (PARTITION BY id ORDER BY input_file DESC,
                                 input_record DESC, shard) AS pick
    FROM _shard_articles) WHERE pick = 1;
CREATE OR REPLACE TEMP TABLE _load_new AS
SELECT p.*, s.id IS NOT NULL AS replaces FROM _load_pick AS p
LEFT JOIN articles AS s ON s.id = p.id
WHERE s.id IS NULL OR s.content_hash IS DISTINCT FROM p.content_hash;
"""

# Then, as the local engine's triage does: a coded/skipped article whose text is already
# stored under another id is a copy of that article.
_STORED_COPIES = """
CREATE OR REPLACE TEMP TABLE _load_copies AS
WITH originals AS (
    SELECT n.id, (SELECT min(s.id) FROM articles AS s WHERE s.content_hash = n.content_hash
                  AND s.status <> 'duplicate' AND s.id <> n.id) AS original
    FROM _load_new AS n WHERE n.status <> 'duplicate' AND n.content_hash IS NOT NULL)
SELECT id, original FROM originals WHERE original IS NOT NULL;
UPDATE _load_new AS n SET status = 'duplicate', duplicate_of = c.original, n_events = 0,
    skip_reason = NULL, skip_detail = NULL
FROM _load_copies AS c WHERE c.id = n.id;
"""


def _picked_in_input_order(con: duckdb.DuckDBPyConnection) -> Iterator[PickedArticle]:
    result = con.execute(
        "SELECT id, content_hash, text, status FROM _load_pick ORDER BY input_file, input_record, id"
    )
    while rows := result.fetchmany(_PAGE_ROWS):
        yield from rows


def _mark_run_copies(con: duckdb.DuckDBPyConnection, copies: list[tuple[str, str]]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE _load_run_copies (id VARCHAR, original VARCHAR)")
    if copies:
        con.executemany("INSERT INTO _load_run_copies VALUES (?, ?)", copies)
    con.execute(
        "UPDATE _load_new AS n SET status = 'duplicate', duplicate_of = c.original, "
        "n_events = 0, skip_reason = NULL, skip_detail = NULL "
        "FROM _load_run_copies AS c WHERE c.id = n.id"
    )


def _merge(con: duckdb.DuckDBPyConnection) -> None:
    """Replace changed articles and insert new ones with their rows (inside a transaction)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _load_replaced AS SELECT id FROM _load_new WHERE replaces")
    for table in _ROW_TABLES:
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT id FROM _load_replaced)")
    con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _load_replaced)")
    con.execute(f"INSERT INTO articles BY NAME SELECT {_ARTICLE_COLUMNS} FROM _load_new")
    for table in _ROW_TABLES:
        con.execute(
            f"INSERT INTO {table} BY NAME SELECT r.* EXCLUDE (shard) FROM _shard_{table} AS r "
            "JOIN _load_new AS n ON r.doc_id = n.id AND r.shard = n.shard "
            "WHERE n.status = 'coded'"
        )
    con.execute(
        "INSERT INTO skips SELECT origin, arg_min(reason, shard), arg_min(detail, shard) "
        "FROM _shard_skips GROUP BY origin ON CONFLICT (origin) DO UPDATE "
        "SET reason = excluded.reason, detail = excluded.detail"
    )


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _counts(con: duckdb.DuckDBPyConnection) -> MergeCounts:
    counts = MergeCounts(
        shards=_count(con, "SELECT count(DISTINCT shard) FROM _shard_articles"),
        rows=_count(con, "SELECT count(*) FROM _shard_articles"),
        loaded=_count(con, "SELECT count(*) FROM _load_new"),
        replaced=_count(con, "SELECT count(*) FROM _load_new WHERE replaces"),
        duplicates=_count(con, "SELECT count(*) FROM _load_new WHERE status = 'duplicate'"),
        events=_count(con, "SELECT sum(n_events) FROM _load_new WHERE status = 'coded'"),
        skips=_count(con, "SELECT count(DISTINCT origin) FROM _shard_skips"),
    )
    counts.unchanged = _count(con, "SELECT count(*) FROM _load_pick") - counts.loaded
    return counts


def merge_shards(
    con: duckdb.DuckDBPyConnection, tables: Mapping[str, Any], find_copies: FindCopies, *, source: str
) -> MergeCounts:
    """Merge the shard tables (`articles`, `events`, `actors`, `quotes`, `places`, `skips`, each a
    pyarrow Dataset or Table with the `shard` column) into the store, in one transaction.

    One row per article id is kept; an article stored with the same content hash is left alone,
    one stored with another content is replaced; `find_copies` names the copies among the
    picked articles (in input order), and one whose text is already stored under another id
    is a copy of that one; a copy is stored without its rows.

    Raises:
        StoreError: the write failed (rolled back: nothing is written); `source` names the shards.
    """
    for table, data in tables.items():
        con.register(f"_shard_{table}", data)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(_CHOOSE)
        _mark_run_copies(con, find_copies(_picked_in_input_order(con)))
        con.execute(_STORED_COPIES)
        counts = _counts(con)
        _merge(con)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        rollback(con)
        raise StoreError(
            f"loading shards from {source} failed: {exc} - nothing was "
            "written; check the shards were written by this Tacitus version"
        ) from exc
    return counts
