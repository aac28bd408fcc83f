"""Stores made by an older Tacitus upgrade in place: schema 2 (before event identity) → current."""

from __future__ import annotations

import duckdb
import pytest

from store_records import article, event
from tacitus.errors import StoreError
from tacitus.store import SCHEMA_VERSION, Store, StoredArticle
from tacitus.store.connection import APPLICATION, _migrations


def _old_store(path, version: int) -> None:
    """A store at schema `version`, as the Tacitus of that version left it, with one article
    and one event written by that version's columns."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE tacitus_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO tacitus_meta VALUES ('application', ?)", [APPLICATION])
    con.execute("CREATE TABLE tacitus_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL)")
    for number, name, sql in _migrations():
        if number <= version:
            con.execute(sql)
            con.execute("INSERT INTO tacitus_migrations VALUES (?, ?)", [number, name])
    con.execute(
        "INSERT INTO articles (id, title, date, status, text, n_events) "
        "VALUES ('old-1', 'Old', DATE '2020-05-01', 'coded', 'China met Russia.', 1)"
    )
    con.execute(
        "INSERT INTO events (doc_id, ordinal, sentence, date, source, target, code, root_code, "
        "quad_class, goldstein, evidence_text, evidence_start, evidence_end, verb, negated, modality, "
        "issues) VALUES ('old-1', 0, 0, DATE '2020-05-01', 'CHN', 'RUS', '040', '04', 1, 1.0, "
        "'China met Russia.', 0, 17, 'met', false, 'asserted', [])"
    )
    con.close()


@pytest.mark.parametrize("version", [1, 2])
def test_store_migrations_old_store_upgrades(tmp_path, version):
    path = tmp_path / "old.duckdb"
    _old_store(path, version)
    with Store.open(path) as store:  # a writer migrates
        versions = store.con.execute("SELECT max(version) FROM tacitus_migrations").fetchall()
        assert versions[0][0] == SCHEMA_VERSION
        (old,) = list(store.events())
    # The old event is kept as it was, with no identity and no score (recode fills them).
    assert (old.source, old.target, old.code) == ("CHN", "RUS", "040")
    assert (old.event_id, old.mirror_of, old.confidence) == (None, None, None)
    assert (old.verb_start, old.verb_end) == (-1, -1)


@pytest.mark.parametrize("version", [2])
def test_store_migrations_upgraded_store_takes_new_events(tmp_path, version):
    path = tmp_path / "old.duckdb"
    _old_store(path, version)
    new = event("new-1", "CHNGOV", "RUSGOV", "042")
    new.event_id, new.mirror_of, new.confidence = "a" * 16, "b" * 16, 0.25
    with Store.open(path) as store:
        store.write([StoredArticle(article("new-1"), events=[new])])
    with Store.open(path, read_only=True) as store:
        found = {e.doc_id: e for e in store.events()}
    assert found["new-1"] == new
    assert found["old-1"].event_id is None


@pytest.mark.parametrize("version", [2])
def test_store_migrations_reader_asks_for_upgrade(tmp_path, version):
    path = tmp_path / "old.duckdb"
    _old_store(path, version)
    with pytest.raises(StoreError) as caught:
        Store.open(path, read_only=True)
    assert str(caught.value) == (
        f"[E040] {path} has schema version {version}, this Tacitus needs {SCHEMA_VERSION} - run any "
        f"writing command (e.g. `tacitus run --db {path}`) to migrate it"
    )
