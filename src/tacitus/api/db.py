"""The API's read-only handle on the DuckDB store: one connection, one cursor per thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from tacitus.store.connection import connect
from tacitus.store.query import dict_rows, jsonable

if TYPE_CHECKING:
    from tacitus.api.hot import HotIndex

__all__ = ["ReadOnlyStore", "jsonable"]


class ReadOnlyStore:
    """The store opened read-only; each worker thread queries through its own cursor
    because a DuckDB connection object must not be shared between threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._con = connect(self.path, read_only=True)
        self._local = threading.local()
        self._lock = threading.Lock()
        # Rows that cannot change while the app runs: a read-only DuckDB connection keeps every
        # writer out of the file, so a cached article reference is never stale.
        self.memo: dict[str, dict[str, Any]] = {}
        # Start-up indexes for the hot requests (`tacitus serve`); None answers everything from the store.
        self.hot: HotIndex | None = None

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with self._lock:  # cursor() on the shared connection: one thread at a time
                cursor = self._con.cursor()
            self._local.cursor = cursor
        return cursor

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the store, for the library's readers (`tacitus.store.names`)."""
        return self._cursor()

    def build_cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor on the store, for building the start-up indexes (the caller closes it)."""
        with self._lock:
            return self._con.cursor()

    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised query; rows as dicts with JSON-ready values. The API's own reads
        are functions of `tacitus.store` on `cursor()`; this is for scripts and tests."""
        return dict_rows(self._cursor(), sql, params)

    def one(self, sql: str, params: list[Any] | None = None) -> dict[str, Any] | None:
        """The first row of a parameterised query, or None."""
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        if self.hot is not None:
            self.hot.close()
        self._con.close()
