"""Where the store is (--db, TACITUS_DB, tacitus.toml) and which schema versions open."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tacitus.errors import StoreError
from tacitus.store import SCHEMA_VERSION, Store, resolve_db_path


@pytest.mark.parametrize(
    ("given", "env", "toml", "expected"),
    [
        ("cli.duckdb", "env.duckdb", 'store.db = "toml.duckdb"', "cli.duckdb"),
        (None, "env.duckdb", 'store.db = "toml.duckdb"', "env.duckdb"),
        (None, None, '[store]\ndb = "toml.duckdb"', "toml.duckdb"),
        (None, None, None, "tacitus.duckdb"),
    ],
)
def test_store_connection_resolves_path(tmp_path, monkeypatch, given, env, toml, expected):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TACITUS_DB", raising=False)
    if env:
        monkeypatch.setenv("TACITUS_DB", env)
    if toml:
        (tmp_path / "tacitus.toml").write_text(toml + "\n")
    assert resolve_db_path(given) == Path(expected)


@pytest.mark.parametrize("newer", [SCHEMA_VERSION + 1])
def test_store_connection_refuses_newer_schema(tmp_path, newer):
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO tacitus_migrations VALUES (?, ?)", [newer, "9999_future.sql"])
    message = (
        f"[E040] {path} has schema version {newer} but this Tacitus knows up to "
        f"{SCHEMA_VERSION} - upgrade Tacitus"
    )
    with pytest.raises(StoreError) as caught:
        Store.open(path, read_only=True)
    assert str(caught.value) == message


@pytest.mark.parametrize("folder", ["no/such/folder"])
def test_store_connection_missing_folder(tmp_path, folder):
    path = tmp_path / folder / "s.duckdb"
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"[E040] cannot create {path}: folder {path.parent} does not "
        "exist - create it or pass another --db PATH"
    )
