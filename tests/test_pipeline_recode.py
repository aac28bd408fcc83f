"""`tacitus recode` after a dictionary change: rows follow the new dictionaries, the report
counts events added and removed per code."""

from __future__ import annotations

import shutil

import pytest

from store_records import ROOT, invoke_tacitus
from tacitus.pipeline import RunOptions, recode, run
from tacitus.store import Store
from test_pipeline_run import EXAMPLES, ONE_WORKER, table_rows

SHIPPED = ROOT / "src" / "tacitus" / "data" / "dictionaries" / "petrarch2"


@pytest.mark.parametrize(("old", "new"), [("190", "180")])
def test_pipeline_recode_reports_changed_codes(tmp_path, old, new):
    path = tmp_path / "news.duckdb"
    run([str(EXAMPLES)], db=path, options=ONE_WORKER)
    with Store.open(path, read_only=True) as store:
        before = store.con.execute("SELECT count(*) FROM events WHERE code = ?", [old]).fetchall()
    edited = tmp_path / "dictionaries"
    shutil.copytree(SHIPPED, edited)
    verbs = edited / "CAMEO.2.0.txt"
    verbs.write_text(verbs.read_text(encoding="utf-8").replace(f"[{old}]", f"[{new}]"), encoding="utf-8")

    report = recode(db=path, options=RunOptions(workers=1, dictionaries=str(edited)))

    assert before[0][0] > 0
    assert report.articles == 8
    assert report.by_code() == [(new, before[0][0], 0), (old, 0, before[0][0])]
    with Store.open(path, read_only=True) as store:
        codes = dict(store.con.execute("SELECT code, count(*) FROM events GROUP BY ALL").fetchall())
    assert old not in codes and codes[new] == before[0][0]


@pytest.mark.parametrize("workers", [1])
def test_pipeline_recode_unchanged_dictionaries_change_nothing(tmp_path, workers):
    path = tmp_path / "news.duckdb"
    run([str(EXAMPLES)], db=path, options=ONE_WORKER)
    before = table_rows(path)
    report = recode(db=path, options=RunOptions(workers=workers))
    assert (report.articles, report.changed_articles, report.by_code()) == (8, 0, [])
    assert table_rows(path) == before


@pytest.mark.parametrize("name", ["missing.duckdb"])
def test_pipeline_recode_error_missing_store(capsys, tmp_path, name):
    path = tmp_path / name
    code, _, err = invoke_tacitus(capsys, "recode", "--db", str(path))
    assert code == 1
    assert err == (
        f"Error: [E040] no Tacitus database at {path} - run `tacitus run INPUT "
        f"--db {path}` first or pass --db PATH\n"
    )
    assert not path.exists()
