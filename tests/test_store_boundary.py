"""Every SQL statement against the store's tables lives in `store/`: other modules call store
functions and hand them `store.con`, never query it themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tacitus"

# The store package itself may query.
EXEMPT = ("store",)

# Modules that may use DuckDB for something other than the store, with the reason. DuckDB over a
# file that no store table joins (e.g. a private in-memory `duckdb.connect()` reading one Parquet
# shard) is not store access and would be listed here. `tacitus load`'s reading of the shards is
# not such a case: the shards are registered on the store's connection and joined with its tables
# in the store's transaction, so that SQL is store SQL and lives in `store/load.py`.
OTHER_DUCKDB: dict[str, str] = {
    # The server's read-only connection and one cursor per thread: it opens the store and hands
    # cursors to store functions; its generic `rows` helper serves scripts and tests, not routes.
    "api/db.py": "owns the API's read-only connection",
    # The start-up indexes live in a private in-memory DuckDB filled from `store.index_tables`;
    # the only statement it sends the store's cursor is a session setting (no progress bar).
    "api/hot.py": "queries its own in-memory index database",
}

# DuckDB's statement and result methods. `query` and `register` are left out by name (datasketch's
# `MinHashLSH.query` in ingest/dedup.py, `atexit.register`): a store connection can only be
# reached through `duckdb` or `Store.con`, which the other two rules guard.
SQL_METHODS = frozenset(
    {"execute", "executemany", "sql", "fetchone", "fetchall", "fetchmany", "fetchdf", "fetchnumpy"}
    | {"fetch_arrow_table", "fetch_record_batch", "fetch_df"}
)


def store_access(source: str, *, other_duckdb: bool = False) -> list[str]:
    """Where `source` (a module outside `store/`) queries the store: `line: what`.

    Flags a call of a DuckDB statement/result method (unless the module is listed in
    `OTHER_DUCKDB`), an import of `duckdb` or of the store's raw `connect` (unless listed), and
    any use of a `.con` attribute other than as an argument to a function (`store.con.execute`,
    `con = store.con`).
    """
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import) and not other_duckdb:
            found += [f"{line}: import {a.name}" for a in node.names if a.name.split(".")[0] == "duckdb"]
        elif isinstance(node, ast.ImportFrom) and not other_duckdb:
            module = node.module or ""
            if module.split(".")[0] == "duckdb":
                found.append(f"{line}: from {module} import")
            elif module == "tacitus.store.connection" and any(a.name == "connect" for a in node.names):
                found.append(f"{line}: the store's raw connect")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in SQL_METHODS and not other_duckdb:
                found.append(f"{line}: .{node.func.attr}(...)")
        if isinstance(node, ast.Attribute) and node.attr == "con":
            parent = parents.get(node)
            if not (isinstance(parent, ast.Call) and node is not parent.func):
                if not isinstance(parent, ast.keyword):
                    found.append(f"{line}: .con used other than as an argument")
    return sorted(set(found), key=lambda item: int(item.split(":")[0]))


def _modules() -> list[Path]:
    return sorted(path for path in SRC.rglob("*.py") if path.relative_to(SRC).parts[0] not in EXEMPT)


def test_store_sql_only_in_store_modules():
    assert len(_modules()) > 50  # the walk found the package
    offences = {}
    for path in _modules():
        name = str(path.relative_to(SRC))
        found = store_access(path.read_text(encoding="utf-8"), other_duckdb=name in OTHER_DUCKDB)
        if found:
            offences[name] = found
    assert offences == {}, "SQL against the store outside store/ - move it into a store/ function"


@pytest.mark.parametrize(
    "snippet",
    [
        "rows = store.con.execute('SELECT id FROM articles').fetchall()",
        "con = store.con\nprint(con)",
        "store.con.register('_x', table)",
        "import duckdb",
        "from tacitus.store.connection import connect",
        "cursor.fetchmany(10)",
        "relation = con.sql('SELECT * FROM events')",
    ],
)
def test_store_boundary_flags_store_sql(snippet):
    assert store_access(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "rows = stored_quotes(store.con, speaker='Lavrov')",
        "merge_shards(store.con, tables, find, source=directory)",
        "total = count(con=store.con)",
        "keys = self._lsh.query(minhash)",
        "atexit.register(cleanup)",
    ],
)
def test_store_boundary_allows_store_calls_and_other_libraries(snippet):
    assert store_access(snippet) == []


def test_store_boundary_listed_module_may_use_duckdb_in_memory():
    snippet = "import duckdb\nduckdb.connect().execute(\"SELECT count(*) FROM 'shard.parquet'\")"
    assert store_access(snippet) and store_access(snippet, other_duckdb=True) == []
    assert store_access("store.con.execute('SELECT 1')", other_duckdb=True)
