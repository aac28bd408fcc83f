"""`tacitus run`'s summary adds up, and `tacitus skips --db` lists what it skipped and why."""

from __future__ import annotations

import json
import re

import pytest

from store_records import invoke_tacitus
from test_pipeline_run import EXAMPLES

DISCARD = "Manchester United beat Arsenal 2-1 at Old Trafford on Saturday, the club said."


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def inputs(tmp_path, examples):
    """Two articles, a copy of the first, a story discard, a bad line and a record without text."""
    copy = {**examples[0], "id": "copy-of-" + examples[0]["id"]}
    lines = [json.dumps(record) for record in (examples[0], examples[1], copy)]
    lines += [json.dumps({"id": "golf", "text": DISCARD, "date": "2021-03-01"}), "{not json"]
    lines += [json.dumps({"id": "empty", "body": "text under another key"})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys, inputs, db):
    code, _, err = invoke_tacitus(capsys, "run", str(inputs), "--db", str(db), "--workers", "1")
    assert code == 0, err
    return err.splitlines()[-1]


@pytest.mark.parametrize("discard", ["story discard: MANCHESTER UNITED 1"])
def test_cli_skips_run_summary_adds_up(capsys, tmp_path, inputs, discard):
    db = tmp_path / "news.duckdb"
    summary = _run(capsys, inputs, db)
    assert summary.startswith(
        f"4 articles read = 2 coded + 0 already stored + 1 copy + 1 dropped by the coder ({discard}); "
        f"2 inputs skipped before coding (bad_json 1, no_text 1; `tacitus skips --db {db}` lists them);"
    ), summary
    read, *terms = (int(n) for n in re.findall(r"(\d+) (?:articles read|coded|already|cop|dropped)", summary))
    assert read == sum(terms)
    again = _run(capsys, inputs, db)  # a rerun: every article is one stored before
    assert again.startswith("4 articles read = 0 coded + 4 already stored + 0 copies + 0 dropped"), again


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_cli_skips_lists_ingest_and_coder_skips(capsys, tmp_path, inputs, fmt):
    db = tmp_path / "news.duckdb"
    _run(capsys, inputs, db)
    code, out, err = invoke_tacitus(capsys, "skips", "--db", str(db), "--format", fmt)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["stage"], r["reason"]) for r in rows] == [
        ("ingest", "bad_json"),
        ("ingest", "no_text"),
        ("coder", "coder"),
    ]
    assert rows[0]["origin"].endswith("in.jsonl:5") and rows[1]["origin"].endswith("in.jsonl:6")
    assert rows[2]["doc_id"] == "golf" and rows[2]["detail"] == "story discard: MANCHESTER UNITED"
    assert err == "3 skips\n"
    code, out, _ = invoke_tacitus(capsys, "skips", "--db", str(db), "--reason", "story discard")
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == ["stage", "reason", "origin", "detail"]
    assert (
        len(lines) == 2 and lines[1].startswith("coder ") and "story discard: MANCHESTER UNITED" in lines[1]
    )
