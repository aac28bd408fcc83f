"""`tacitus recode` after a dictionary change: rows follow the new dictionaries, the report
counts events added and removed per code."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="module")
def edited_store(tmp_path_factory):
    """The example articles stored, and the shipped dictionaries with [190] coded as [180]."""
    base = tmp_path_factory.mktemp("recode")
    path = base / "news.duckdb"
    run([str(EXAMPLES)], db=path, options=ONE_WORKER)
    edited = base / "dictionaries"
    shutil.copytree(SHIPPED, edited)
    verbs = edited / "CAMEO.2.0.txt"
    verbs.write_text(verbs.read_text(encoding="utf-8").replace("[190]", "[180]"), encoding="utf-8")
    with Store.open(path, read_only=True) as store:
        rows = store.con.execute(
            "SELECT doc_id, sentence, source, target FROM events WHERE code = '190' ORDER BY ALL"
        ).fetchall()
    return path, edited, rows


def _copy(path, tmp_path):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(path, copy)
    return copy


def test_pipeline_recode_lists_changed_events(edited_store, tmp_path):
    source, edited, rows = edited_store
    path = _copy(source, tmp_path)
    report = recode(db=path, options=RunOptions(workers=1, dictionaries=str(edited)))
    coded = [c for c in report.changes if "code" in c.fields]
    assert rows and sorted((c.doc_id, c.sentence, *c.before[:2]) for c in coded) == rows
    assert all(
        (c.kind, c.fields, c.before[2], c.after[2]) == ("changed", ["code"], "190", "180") for c in coded
    )
    assert all(c.before != c.after and c.evidence for c in report.changes)
    assert report.change_counts == {"changed": len(report.changes)}
    assert report.as_dict()["changes"][0]["before"]["code"] == "190"


def test_pipeline_recode_dry_run_writes_nothing(edited_store, tmp_path, capsys):
    source, edited, rows = edited_store
    path = _copy(source, tmp_path)
    files_before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    rows_before = table_rows(path)
    code, out, err = invoke_tacitus(
        capsys, "recode", "--db", str(path), "--dictionaries", str(edited), "--workers", "1", "--dry-run"
    )
    assert code == 0, err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files_before
    assert table_rows(path) == rows_before
    assert "dry run: nothing written" in out.splitlines()[0]
    assert ", 0 added, 0 removed" in out.splitlines()[0]
    assert sum("190 -> 180" in line for line in out.splitlines()) == len(rows)


def test_pipeline_recode_progress_on_request(edited_store, tmp_path, capsys):
    source, edited, _ = edited_store
    path = _copy(source, tmp_path)
    args = ("recode", "--db", str(path), "--dictionaries", str(edited), "--workers", "1", "--dry-run")
    code, _, err = invoke_tacitus(capsys, *args, "--progress")
    assert code == 0 and "recoded 8/8 articles" in err
    code, _, err = invoke_tacitus(capsys, *args)  # stderr is not a terminal here: no progress line
    assert code == 0 and "recoded 8/8" not in err


def test_pipeline_recode_json_lists_changes(edited_store, tmp_path, capsys):
    source, edited, rows = edited_store
    path = _copy(source, tmp_path)
    code, out, _ = invoke_tacitus(
        capsys, "recode", "--db", str(path), "--dictionaries", str(edited), "--workers", "1", "--json"
    )
    data = json.loads(out)
    assert code == 0 and data["dry_run"] is False
    assert data["event_changes"] == {"changed": len(data["changes"]), "added": 0, "removed": 0}
    assert sum(c["fields"] == ["code"] and c["after"]["code"] == "180" for c in data["changes"]) == len(rows)
    with Store.open(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM events WHERE code = '190'").fetchone() == (0,)


def test_pipeline_recode_report_lines_actor_change_only():
    """An edit that changes only an actor: no per-code table, the change listed with old -> new."""
    from collections import Counter

    from tacitus.cli.recode import report_lines
    from tacitus.pipeline.changes import EventChange
    from tacitus.pipeline.recode import RecodeReport

    change = EventChange(
        "a1", 2, "Palestinian officials accused Israel", ("PSEGOV", "ISR", "112"), ("PSE", "ISR", "112")
    )
    report = RecodeReport(db="x", dry_run=True, articles=8, changed_articles=1)
    report.changes, report.change_counts = [change], Counter(changed=1)
    lines = report_lines(report, show=20)
    assert lines[0].endswith(
        "(dry run: nothing written); 1 of them would change: events 1 changed, 0 added, 0 removed"
    )
    assert not any(line.startswith("code ") for line in lines)
    assert lines[-1].split()[:6] == ["a1", "2", "changed", "PSEGOV", "->", "PSE"]
