"""User mistakes with the store give one clear line with the fix (exact text, real CLI)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from store_records import article, event, invoke_tacitus, run_tacitus
from tacitus.store import Store, StoredArticle


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "news.duckdb"
    with Store.open(path) as store:
        store.write([StoredArticle(article("a1"), events=[event("a1", "CHN", "RUS", "036")])])
    return path


@pytest.mark.parametrize("command", ["events"])
def test_store_error_missing_database(tmp_path, command):
    path = tmp_path / "missing.duckdb"
    result = run_tacitus(command, "--db", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [E040] no Tacitus database at {path} - run `tacitus run INPUT --db {path}` "
        "first or pass --db PATH\n"
    )


@pytest.mark.parametrize("content", ["plain text, not a database\n" * 20])
def test_store_error_not_a_database_file(capsys, tmp_path, content):
    path = tmp_path / "notes.duckdb"
    path.write_text(content)
    code, _, err = invoke_tacitus(capsys, "stats", "--db", str(path))
    assert code == 1
    assert err == (
        f"Error: [E042] {path} is not a Tacitus database - pass --db with a new path or the "
        "path of a store made by `tacitus run`\n"
    )


@pytest.mark.parametrize("table", ["CREATE TABLE prices (day DATE, close DOUBLE)"])
def test_store_error_other_duckdb_database(capsys, tmp_path, table):
    path = tmp_path / "prices.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(table)
    code, _, err = invoke_tacitus(capsys, "events", "--db", str(path))
    assert err == (
        f"Error: [E042] {path} is not a Tacitus database - pass --db with a new path or the "
        "path of a store made by `tacitus run`\n"
    )
    with duckdb.connect(str(path)) as con:  # and it was left untouched
        tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    assert tables == [("prices",)]


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "csv", "--out", "x.csv"]])
def test_store_error_locked_by_another_process(capsys, store_path, command):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "sys.stdin.read()",
            str(store_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "ready\n"
        code, _, err = invoke_tacitus(capsys, *command, "--db", str(store_path))
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert err == (
        f"Error: [E041] {store_path} is in use by another process (PID {holder.pid}) - wait "
        "for it to finish or pass another --db PATH\n"
    )


@pytest.mark.parametrize("fmt", ["xml", "GDELT"])
def test_store_error_unknown_export_format(capsys, store_path, tmp_path, fmt):
    code, _, err = invoke_tacitus(
        capsys, "export", "--db", str(store_path), "--format", fmt, "--out", str(tmp_path / "out")
    )
    assert code == 1
    assert err == (
        f"Error: [E001] unknown export format '{fmt}' - use --format parquet|csv|gdelt|plover|quotes\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--since", "2021-13-01"],
            "--since '2021-13-01' is not a date: month must be in 1..12 - use YYYY-MM-DD or YYYYMMDD, "
            "e.g. --since 2021-02-04",
        ),
        (
            ["--dyad", "CHN"],
            "--dyad 'CHN' is not a pair of actor codes - use SOURCE,TARGET, e.g. --dyad CHN,RUS",
        ),
        (["--pair", "CHN,"], "--pair 'CHN,' is not a pair of actor codes - use A,B, e.g. --pair CHN,RUS"),
        (["--root", "21"], "--root '21' is not a CAMEO root code - use 01 to 20, e.g. --root 04"),
    ],
)
def test_store_error_bad_filter(capsys, store_path, option, message):
    code, _, err = invoke_tacitus(capsys, "events", "--db", str(store_path), *option)
    assert code == 1
    assert err == f"Error: [E001] {message}\n"


@pytest.mark.parametrize("command", [["events"], ["stats"], ["quotes"], ["places"], ["run", "in.jsonl"]])
def test_store_error_parquet_or_csv_as_db_is_one_line(capsys, tmp_path, monkeypatch, command):
    # A Parquet export given as --db: DuckDB alone reads it as data and fails about an
    # in-memory database; Tacitus says what the file is not, in one line.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.jsonl").write_text('{"id": "a1", "text": "Talks resumed."}\n')
    for name in ("events.parquet", "events.csv"):
        path = tmp_path / name
        if name.endswith(".parquet"):
            duckdb.sql(f"COPY (SELECT 1 AS a) TO '{path}' (FORMAT parquet)")
        else:
            path.write_text("a,b\n1,2\n")
        code, out, err = invoke_tacitus(capsys, *command, "--db", str(path))
        assert code == 1
        assert err == (
            f"Error: [E042] {path} is not a Tacitus database - pass --db with a new path or the "
            "path of a store made by `tacitus run`\n"
        )
