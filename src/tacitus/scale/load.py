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
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads

from tacitus.scale.errors import ShardError
from tacitus.scale.shards import SHARD_TABLES, resolve_filesystem, shard_schema
from tacitus.store import Store, resolve_db_path
from tacitus.store.load import PickedArticle, merge_shards

__all__ = ["LoadReport", "load_shards"]

log = logging.getLogger(__name__)

NEAR_THRESHOLD = 0.8  # IngestOptions.near_duplicate_threshold's default


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


def _run_copies(picked: Iterator[PickedArticle], near_threshold: float) -> list[tuple[str, str]]:
    """Copies within the loaded articles, exact or near, found as the local engine's
    ingestion finds them: one `Deduplicator` over every article in input order."""
    from tacitus.ingest.dedup import Deduplicator, content_hash

    dedup = Deduplicator(near_threshold)
    copies: list[tuple[str, str]] = []
    for article_id, text_hash, text, status in picked:
        original = dedup.duplicate_of(article_id, text_hash or content_hash(text), text)
        if original and original != article_id and status != "duplicate":
            copies.append((article_id, original))
    return copies


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
    with Store.open(path) as store:
        counts = merge_shards(
            store.con, tables, lambda picked: _run_copies(picked, near_threshold), source=directory
        )
    report = LoadReport(db=str(path), **asdict(counts))
    report.seconds = time.perf_counter() - started
    log.info(
        "loaded %d articles (%d unchanged, %d copies) from %d shards",
        report.loaded,
        report.unchanged,
        report.duplicates,
        report.shards,
    )
    return report
