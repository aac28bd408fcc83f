"""Read-only SQL over the store (`tacitus query`): one statement that reads, or a one-line refusal."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import duckdb

from tacitus.errors import UserInputError

__all__ = ["QueryResult", "READING_STATEMENTS", "read_query"]

log = logging.getLogger(__name__)

# Statement types that only read. The connection is read-only anyway, but COPY … TO, EXPORT
# DATABASE, ATTACH, INSTALL and SET would still write files or change the session: refused
# before anything runs, with the same message as INSERT or DROP.
READING_STATEMENTS = frozenset({"SELECT", "EXPLAIN", "PRAGMA", "CALL"})
_TABLES = "articles, events, actors, quotes, places, skips and the view event_summary"


@dataclass(slots=True)
class QueryResult:
    """The column names and rows of a query, as DuckDB returns them."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def _statement_kind(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise UserInputError(f"query failed: {_first_line(exc)} - check the SQL") from exc
    if len(statements) != 1:
        raise UserInputError(
            f"query has {len(statements)} statements - give one (a SELECT), e.g. "
            'tacitus query "SELECT code, count(*) FROM events GROUP BY code"'
        )
    return str(statements[0].type).rsplit(".", 1)[-1]


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split("\n", 1)[0].split())


def read_query(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Run one reading statement (SELECT, WITH … SELECT, DESCRIBE, SUMMARIZE, EXPLAIN, PRAGMA,
    CALL) with named `params` (``$name`` in the SQL) on `con`, which should be a read-only
    connection (`Store.open(..., read_only=True)`).

    Raises:
        UserInputError: the statement would write (INSERT, UPDATE, DELETE, CREATE, DROP, COPY,
            ATTACH …), there is more than one, or DuckDB rejects it (the first line of its
            message).
    """
    kind = _statement_kind(con, sql)
    if kind not in READING_STATEMENTS:
        raise UserInputError(
            f"tacitus query only reads: {kind} statements are refused - use SELECT (the store "
            "changes only through tacitus run and recode; files come from tacitus export)"
        )
    try:
        cursor = con.execute(sql, params or {})
        columns = [column[0] for column in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise UserInputError(
            f"query failed: {_first_line(exc)} - check the SQL (tables: {_TABLES}; see docs/store.md)"
        ) from exc
    log.info("query returned %d rows", len(rows))
    return QueryResult(columns=columns, rows=rows)
