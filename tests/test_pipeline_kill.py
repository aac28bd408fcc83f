"""A run killed with SIGKILL mid-run, then run again, ends with exactly a clean run's rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from conftest import shared_path
from store_records import ROOT
from tacitus.pipeline import RunOptions, run
from tacitus.store import Store
from test_pipeline_run import table_rows

ARTICLES = 30
BATCH = "3"


@pytest.fixture(scope="module")
def readouts(tmp_path_factory):
    """The first White House readouts, written to a temporary JSONL input."""
    source = shared_path("data/corpus/pd_whitehouse_readouts.jsonl")
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(ARTICLES)]
    path = tmp_path_factory.mktemp("kill") / "readouts.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    assert all(json.loads(line)["text"] for line in lines)
    return path


def _tacitus(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "tacitus.cli", "-v", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("commits_before_kill", [2])
def test_pipeline_kill9_then_rerun_equals_clean_run(tmp_path, readouts, commits_before_kill):
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    process = _tacitus("run", str(readouts), "--db", str(killed_db), "--workers", "2", "--batch-size", BATCH)
    commits = 0
    for line in process.stderr:  # real log lines of the real run
        commits += "committed a batch" in line
        if commits == commits_before_kill:
            break
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    partial = table_rows(killed_db)
    assert commits_before_kill * int(BATCH) <= len(partial["articles"]) < ARTICLES

    # The rerun and the clean reference run in this process: only the killed run needs to
    # be a separate process, and the loaded coder is shared with the other pipeline tests.
    resumed = run([str(readouts)], db=killed_db, options=RunOptions(workers=2, batch_size=3))
    assert resumed.unchanged == len(partial["articles"])
    run([str(readouts)], db=clean_db, options=RunOptions(workers=1))
    clean = table_rows(clean_db)
    assert len(clean["articles"]) == ARTICLES and clean["events"]
    assert table_rows(killed_db) == clean
    for fmt in ("gdelt", "plover", "csv"):  # and the exports are the same bytes
        exports = []
        for db in (killed_db, clean_db):
            with Store.open(db, read_only=True) as store:
                store.export(fmt, tmp_path / f"{db.stem}.{fmt}")
            exports.append((tmp_path / f"{db.stem}.{fmt}").read_bytes())
        assert exports[0] == exports[1], fmt


@pytest.mark.parametrize("commits_before_interrupt", [2])
def test_pipeline_kill_ctrl_c_says_what_was_saved(tmp_path, readouts, commits_before_interrupt):
    # Ctrl-C (SIGINT) mid-run: not "Aborted." but how many articles the store kept and how to
    # resume; the count is the store's, and exit code 130 as for any interrupted command.
    db = tmp_path / "news.duckdb"
    process = _tacitus("run", str(readouts), "--db", str(db), "--workers", "2", "--batch-size", BATCH)
    commits = 0
    for line in process.stderr:
        commits += "committed a batch" in line
        if commits == commits_before_interrupt:
            break
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    process.wait(timeout=60)
    assert process.returncode == 130
    saved = len(table_rows(db)["articles"])
    last = rest.strip().splitlines()[-1]
    assert last.startswith(f"Interrupted: {saved} articles saved to {db} ("), last
    assert last.endswith("Run the same command again to resume: stored articles are not coded again.")
    assert "Aborted" not in rest and "Traceback" not in rest
