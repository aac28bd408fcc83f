"""`tacitus query` (read-only SQL, writes refused in one line, table/csv/json) and `tacitus codes`
(the packaged CAMEO table); the research queries of docs/store.md run on the demo store."""

from __future__ import annotations

import csv
import io
import json
import re
import sys

import pytest
from click.testing import CliRunner

from api_demo import build_demo_store
from store_records import ROOT
from tacitus.cli import cli, command_group, main
from tacitus.cli.table import table_lines
from tacitus.errors import UserInputError
from tacitus.store import Store
from tacitus.store.sql import read_query

command_group()

SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("sql") / "demo.duckdb")


def _invoke(*args):
    return CliRunner().invoke(cli, list(args))


def _error_lines(monkeypatch, capsys, *args) -> list[str]:
    """What the console script prints on stderr for a failing command, and that it failed."""
    monkeypatch.setattr(sys, "argv", ["tacitus", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 1
    return capsys.readouterr().err.strip().splitlines()


def _table_digest(path):
    with Store.open(path, read_only=True) as store:
        return {
            table: store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "actors")
        }


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "UPDATE events SET code = '010'",
        "DROP TABLE events",
        "CREATE TABLE t (a INTEGER)",
        "COPY events TO '/tmp/tacitus-export16-copy.csv'",
        "ATTACH ':memory:' AS other",
        "INSERT INTO skips VALUES ('x', 'y', 'z')",
    ],
)
def test_store_sql_refuses_writes_in_one_line(db, sql, monkeypatch, capsys):
    before = db.read_bytes()
    lines = _error_lines(monkeypatch, capsys, "query", sql, "--db", str(db))
    assert len(lines) == 1 and "only reads" in lines[0] and "refused" in lines[0], lines
    assert db.read_bytes() == before


def test_store_sql_connection_is_read_only(db):
    """Even a statement the kind check let through could not write: the connection is read-only."""
    with Store.open(db, read_only=True) as store:
        with pytest.raises(Exception, match="read-only"):
            store.con.execute("DELETE FROM events")


@pytest.mark.parametrize("sql", ["SELECT 1; SELECT 2", "SELEC 1", "SELECT * FROM no_such_table"])
def test_store_sql_bad_query_is_one_clear_line(db, sql, monkeypatch, capsys):
    lines = _error_lines(monkeypatch, capsys, "query", sql, "--db", str(db))
    assert len(lines) == 1 and lines[0].startswith("Error: ") and " - " in lines[0], lines


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl"])
def test_store_sql_formats(db, fmt):
    sql = "SELECT code, count(*) AS n FROM events WHERE code = $code GROUP BY code"
    result = _invoke("query", sql, "--db", str(db), "--format", fmt, "-p", "code", "111")
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as store:
        expected = store.con.execute("SELECT count(*) FROM events WHERE code = '111'").fetchone()[0]
    if fmt == "table":
        header, row = result.output.splitlines()
        assert header.split() == ["code", "n"] and row.split() == ["111", str(expected)]
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(result.output))) == [["code", "n"], ["111", str(expected)]]
    elif fmt == "json":
        assert json.loads(result.output) == [{"code": "111", "n": expected}]
    else:
        assert [json.loads(line) for line in result.output.splitlines()] == [{"code": "111", "n": expected}]


def test_store_sql_csv_defuses_formulas(db):
    result = _invoke("query", "SELECT '=1+1' AS cell", "--db", str(db), "--format", "csv")
    assert result.output.splitlines()[1] == "'=1+1"


def test_store_sql_table_aligns_numbers_right_and_cuts_long_cells():
    width = 70  # `table_lines`' default max_width
    lines = list(table_lines(["name", "n"], [("a", 5), ("bb", 120), ("x" * 200, 1)]))
    assert lines[1] == "a".ljust(width) + "    5"
    assert len(lines[3]) == width + 5 and lines[3][width - 1] == "…"


def test_store_sql_docs_queries_run(db):
    """The three research queries of docs/store.md run on the demo store and return rows."""
    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    section = text.split("## SQL on the store", 1)[1].split("\n## ", 1)[0]
    queries = SQL_BLOCK.findall(section)
    assert len(queries) == 3
    with Store.open(db, read_only=True) as store:
        for sql in queries:
            result = read_query(store.con, sql)
            assert result.rows, sql


def test_store_sql_docs_query_through_cli(db):
    before = _table_digest(db)
    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    sql = SQL_BLOCK.findall(text.split("## SQL on the store", 1)[1])[0]
    result = _invoke("query", sql, "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {"month", "material_conflict", "events", "mean_goldstein"} == set(json.loads(result.output)[0])
    assert _table_digest(db) == before


def test_store_sql_read_query_refusal_raises_user_error(db):
    with Store.open(db, read_only=True) as store, pytest.raises(UserInputError, match="SET statements"):
        read_query(store.con, "SET threads = 1")


@pytest.mark.parametrize(
    ("pattern", "first", "name"),
    [("04", "04", "CONSULT"), ("041", "041", "Discuss by telephone")],
)
def test_cameo_codes_cli_by_prefix(pattern, first, name):
    result = _invoke("codes", pattern, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["code"] == first and rows[0]["name"] == name
    assert all(row["code"].startswith(pattern) for row in rows)
    assert set(rows[0]) == {"code", "name", "goldstein", "quad_class", "plover_event", "plover_mode"}


def test_cameo_codes_cli_by_word():
    result = _invoke("codes", "telephone", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["code"], r["goldstein"], r["quad_class"], r["plover_event"]) for r in rows] == [
        ("041", "1.0", "1", "CONSULT")
    ]


def test_cameo_codes_cli_whole_table_and_no_match():
    rows = json.loads(_invoke("codes", "--format", "json").output)
    assert len(rows) > 250 and rows[0]["code"] == "01"
    result = _invoke("codes", "zzzz-no-such")
    assert result.exit_code != 0 and "no CAMEO code matches" in result.output
