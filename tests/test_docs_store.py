"""The docs describe the store as it is: every column of every table is named in docs/store.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tacitus.store import Store

DOCS = Path(__file__).resolve().parents[1] / "docs"
TABLES = ("articles", "events", "actors", "quotes", "places", "skips")


@pytest.fixture(scope="module")
def columns(tmp_path_factory) -> dict[str, list[str]]:
    with Store.open(tmp_path_factory.mktemp("store") / "t.duckdb") as store:
        return {
            table: [row[0] for row in store.con.execute(f"DESCRIBE {table}").fetchall()] for table in TABLES
        }


@pytest.mark.parametrize("table", TABLES)
def test_docs_store_names_every_column(columns, table):
    text = (DOCS / "store.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_0-9]+)`", text))
    missing = [name for name in columns[table] if name not in documented]
    assert not missing, f"docs/store.md does not name these {table} columns (as `name`): {missing}"


def test_docs_store_schema_version_is_current():
    migrations = sorted((Path(__file__).resolve().parents[1] / "src/tacitus/store/migrations").glob("0*.sql"))
    text = (DOCS / "store.md").read_text(encoding="utf-8")
    heading = re.search(r"^## Schema \(version (\d+)\)", text, re.M)
    assert heading, "docs/store.md has no '## Schema (version N)' heading"
    assert int(heading.group(1)) == int(migrations[-1].name.split("_")[0]), (
        "the heading's version is not the newest"
    )
    unnamed = [m.name for m in migrations if m.name not in text]
    assert not unnamed, f"docs/store.md does not name these migrations: {unnamed}"
