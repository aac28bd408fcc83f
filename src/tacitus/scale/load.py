"""`tacitus load`: merge Parquet shards of the Ray engine into the DuckDB store, idempotently.

One row per article id is kept (the latest input record, then the first shard by name:
a retried batch's second copy is ignored); an article already stored with the same
content hash is left alone, one stored with another content is replaced, and a text
that copies (exactly or nearly, MinHash as in ingestion) one earlier in input order, or
exactly one already stored, is marked as a copy, as the local engine does. Everything
happens in one transaction, so loading the same shards twice, or after a crash, adds nothing.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.dataset as pads

from tacitus.errors import StoreError
from tacitus.scale.errors import ShardError
from tacitus.scale.shards import SHARD_TABLES, resolve_filesystem, shard_schema
from tacitus.store import Store, resolve_db_path
from tacitus.store.rows import ARTICLE_SCHEMA

__all__ = ["LoadReport", "load_shards"]

log = logging.getLogger(__name__)

NEAR_THRESHOLD = 0.8  # IngestOptions.near_duplicate_threshold's default
_ARTICLE_COLUMNS = ", ".join(f'"{name}"' for name in ARTICLE_SCHEMA.names)


@dataclass(slots=True)
class LoadReport:
    """What `load_shards` did."""

    db: str
    shards: int = 0
    rows: int = 0  # article rows in the shards, retried copies included
    loaded: int = 0  # articles written (new or replacing a changed one)
    unchanged: int = 0  # already stored with the same content
    replaced: int = 0
    duplicates: int = 0  # loaded as copies of another article
    events: int = 0
    skips: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "seconds"} | {
            "seconds": round(self.seconds, 3)
        }


def _shard_tables(directory: str) -> dict[str, Any]:
    """Every shard table as a pyarrow Dataset (an empty table where none was written)."""
    fs, root = resolve_filesystem(directory)
    root = root.rstrip("/")
    if fs.get_file_info(root).type == pa.fs.FileType.NotFound:
        raise ShardError(
            f"shard directory {directory} does not exist - run `tacitus run "
            f"--engine ray --out {directory}` first or check the path"
        )
    tables: dict[str, Any] = {}
    for table in SHARD_TABLES:
        path = f"{root}/{table}"
        if fs.get_file_info(path).type == pa.fs.FileType.Directory:
            tables[table] = pads.dataset(path, filesystem=fs, format="parquet", schema=shard_schema(table))
        else:
            tables[table] = shard_schema(table).empty_table()
    return tables


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


def _mark_run_copies(con: duckdb.DuckDBPyConnection, near_threshold: float) -> None:
    """Copies within the loaded articles, exact or near, found as the local engine's
    ingestion finds them: one `Deduplicator` over every article in input order."""
    from tacitus.ingest.dedup import Deduplicator, content_hash

    dedup = Deduplicator(near_threshold)
    copies: list[tuple[str, str]] = []
    result = con.execute(
        "SELECT id, content_hash, text, status FROM _load_pick ORDER BY input_file, input_record, id"
    )
    while rows := result.fetchmany(10_000):
        for article_id, text_hash, text, status in rows:
            original = dedup.duplicate_of(article_id, text_hash or content_hash(text), text)
            if original and original != article_id and status != "duplicate":
                copies.append((article_id, original))
    con.execute("CREATE OR REPLACE TEMP TABLE _load_run_copies (id VARCHAR, original VARCHAR)")
    if copies:
        con.executemany("INSERT INTO _load_run_copies VALUES (?, ?)", copies)
    con.execute(
        "UPDATE _load_new AS n SET status = 'duplicate', duplicate_of = c.original, "
        "n_events = 0, skip_reason = NULL, skip_detail = NULL "
        "FROM _load_run_copies AS c WHERE c.id = n.id"
    )


def _merge(con: duckdb.DuckDBPyConnection, report: LoadReport) -> None:
    """Replace changed articles and insert new ones with their rows (inside a transaction)."""
    con.execute("CREATE OR REPLACE TEMP TABLE _load_replaced AS SELECT id FROM _load_new WHERE replaces")
    for table in ("events", "actors", "quotes", "places"):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT id FROM _load_replaced)")
    con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _load_replaced)")
    con.execute(f"INSERT INTO articles BY NAME SELECT {_ARTICLE_COLUMNS} FROM _load_new")
    for table in ("events", "actors", "quotes", "places"):
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


def _fill_report(con: duckdb.DuckDBPyConnection, report: LoadReport) -> None:
    report.shards = _count(con, "SELECT count(DISTINCT shard) FROM _shard_articles")
    report.rows = _count(con, "SELECT count(*) FROM _shard_articles")
    picked = _count(con, "SELECT count(*) FROM _load_pick")
    report.loaded = _count(con, "SELECT count(*) FROM _load_new")
    report.unchanged = picked - report.loaded
    report.replaced = _count(con, "SELECT count(*) FROM _load_new WHERE replaces")
    report.duplicates = _count(con, "SELECT count(*) FROM _load_new WHERE status = 'duplicate'")
    report.events = _count(con, "SELECT sum(n_events) FROM _load_new WHERE status = 'coded'")
    report.skips = _count(con, "SELECT count(DISTINCT origin) FROM _shard_skips")


def load_shards(
    directory: str, *, db: str | os.PathLike[str] | None = None, near_threshold: float = NEAR_THRESHOLD
) -> LoadReport:
    """Merge the shards under `directory` (local path or URI) into the store `db`.

    Args:
        directory: where `run_ray` wrote the shards.
        db: the store (resolved like `--db`).
        near_threshold: MinHash Jaccard above which two loaded articles are copies, as
            in ingestion (`IngestOptions.near_duplicate_threshold`); 0 finds exact
            copies only (faster for very large loads).

    Raises:
        ShardError: the directory does not exist.
        StoreError: the store is locked, foreign, or the write failed (nothing is written).
    """
    started = time.perf_counter()
    tables = _shard_tables(directory)
    path = resolve_db_path(db)
    report = LoadReport(db=str(path))
    with Store.open(path) as store:
        con = store.con
        for table, data in tables.items():
            con.register(f"_shard_{table}", data)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(_CHOOSE)
            _mark_run_copies(con, near_threshold)
            con.execute(_STORED_COPIES)
            _fill_report(con, report)
            _merge(con, report)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"loading shards from {directory} failed: {exc} - nothing was "
                "written; check the shards were written by this Tacitus version"
            ) from exc
    report.seconds = time.perf_counter() - started
    log.info(
        "loaded %d articles (%d unchanged, %d copies) from %d shards",
        report.loaded,
        report.unchanged,
        report.duplicates,
        report.shards,
    )
    return report
