"""The event store: DuckDB tables of articles, event mentions, actors, quotes and places."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

import duckdb

from tacitus.records import Event
from tacitus.store.connection import (
    DEFAULT_DB,
    SCHEMA_VERSION,
    NotATacitusDatabaseError,
    StoreDamagedError,
    StoreFullError,
    StoreLockedError,
    connect,
    resolve_db_path,
    store_error,
)
from tacitus.store.export import EXPORT_FORMATS, export_events
from tacitus.store.query import EventFilter, Stats, iter_events, stats
from tacitus.store.rows import StoredArticle
from tacitus.store.writer import stored_state, write_batch, write_skips

__all__ = [
    "DEFAULT_DB",
    "EXPORT_FORMATS",
    "SCHEMA_VERSION",
    "EventFilter",
    "NotATacitusDatabaseError",
    "Stats",
    "Store",
    "StoreDamagedError",
    "StoreFullError",
    "StoreLockedError",
    "StoredArticle",
    "resolve_db_path",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


class Store:
    """An open event store. Writers create and migrate the file; readers only read.

    Example:
        >>> with Store.open("tacitus.duckdb") as store:
        ...     store.write([StoredArticle(article, events=events)])
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False, create: bool = True
    ) -> Store:
        """Open the store at `path` (resolved by `resolve_db_path`); a writer creates a
        missing file unless `create` is False."""
        resolved = resolve_db_path(path)
        return cls(connect(resolved, read_only=read_only, create=create), resolved)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
        if isinstance(exc, duckdb.Error):
            # A query on a damaged file, a write on a full disk: one Tacitus error, not DuckDB's.
            raise store_error(exc, self.path, doing=f"using the store {self.path}") from exc

    def close(self) -> None:
        """Close the connection; closing never raises (a store whose last write failed for want
        of space cannot always checkpoint: its log keeps what was committed)."""
        with contextlib.suppress(duckdb.Error):
            self.con.close()

    def write(self, batch: Sequence[StoredArticle]) -> int:
        """Write one batch in one transaction; returns the event rows written."""
        return write_batch(self.con, batch)

    def write_skips(self, skips: Iterable[tuple[str, str, str | None]]) -> int:
        """Record ingestion skips (origin, reason, detail)."""
        return write_skips(self.con, skips)

    def stored_state(
        self, ids: Sequence[str], hashes: Sequence[str]
    ) -> tuple[dict[str, str | None], dict[str, str]]:
        """Stored content hash by id, and stored id by content hash, for incoming articles."""
        return stored_state(self.con, ids, hashes)

    def events(self, event_filter: EventFilter | None = None) -> Iterator[Event]:
        """Stored events matching the filter, as `Event` records."""
        return iter_events(self.con, event_filter)

    def stats(self, event_filter: EventFilter | None = None, *, top: int = 10) -> Stats:
        """The figures of `tacitus stats`."""
        return stats(self.con, event_filter, top=top)

    def export(
        self,
        fmt: str,
        out: str | os.PathLike[str],
        *,
        event_filter: EventFilter | None = None,
        force: bool = False,
        keep_formulas: bool = False,
    ) -> int:
        """Export matching events as parquet, csv, gdelt, plover or quotes (`export_events`: an
        existing `out` is replaced only with `force`); returns the rows written."""
        return export_events(
            self.con, fmt, out, event_filter=event_filter, force=force, keep_formulas=keep_formulas
        )
