"""Faults under the store: a full disk, a truncated or corrupted file, a file DuckDB would need an
extension for. Each is one error line; the store is left as it was; no network is touched."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store_records import ROOT, article, event, invoke_tacitus, run_tacitus
from tacitus.pipeline import RunOptions, run
from tacitus.store import Store, StoredArticle
from test_pipeline_run import EXAMPLES, table_rows

# A `tacitus run` under a file size limit (RLIMIT_FSIZE: every write past `limit` bytes of any
# file fails with EFBIG, as on a full disk; no root needed). A first run into a scratch store
# warms up what reads models and writes caches, so that only the store's writes meet the limit.
FULL_DISK_RUN = """
import resource, sys
from tacitus.pipeline import RunOptions, run
run([sys.argv[1]], db=sys.argv[2], options=RunOptions(workers=1))
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
sys.argv = ["tacitus", *sys.argv[4:]]
from tacitus.cli import main
main()
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "news.duckdb"
    with Store.open(path) as store:
        store.write(
            [StoredArticle(article(f"a{n}"), events=[event(f"a{n}", "CHN", "RUS", "036")]) for n in range(3)]
        )
    return path


@pytest.mark.parametrize("limit", [8192])
def test_store_faults_disk_full_run_is_one_line_and_loses_nothing(tmp_path, store_path, limit):
    before = table_rows(store_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    scratch = tmp_path / "scratch.duckdb"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FULL_DISK_RUN,
            str(EXAMPLES),
            str(scratch),
            str(limit),
            "run",
            str(EXAMPLES),
            "--db",
            str(store_path),
            "--workers",
            "1",
            "--batch-size",
            "100",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(
        r"Error: \[E044\] writing a batch of 8 articles failed: no space left to write \(.*File too "
        r"large\) - free space \(or raise the file size limit\) and run again; the store keeps what "
        r"was committed before and nothing of this write",
        line,
    ), line
    assert table_rows(store_path) == before
    # With space again, the same run stores all eight articles: nothing was lost.
    report = run([str(EXAMPLES)], db=store_path, options=RunOptions(workers=1))
    assert report.coded == 8
    assert len(table_rows(store_path)["articles"]) == 3 + 8


@pytest.mark.parametrize("limit", [256])
def test_store_faults_disk_full_export_is_one_line_and_no_file(tmp_path, store_path, limit):
    out = tmp_path / "events.csv"
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2);"
        " sys.argv = ['tacitus', *sys.argv[2:]]; from tacitus.cli import main; main()"
    )
    before = _digest(store_path)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(limit),
            "export",
            "--db",
            str(store_path),
            "--format",
            "csv",
            "--min-confidence",
            "0",
            "--out",
            str(out),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: [E045] writing {out} failed: File too large - free space")
    assert line.endswith(f"{out} was not created and nothing else was changed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.duckdb"]
    assert _digest(store_path) == before


def _truncated(path: Path, size: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:size])


def _corrupted(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset : offset + 512] = bytes(range(256)) * 2
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("damage", "at"),
    [
        (_truncated, 100),
        (_truncated, 12288),
        (_corrupted, 4096),
        (_corrupted, 12288 + 64),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["stats"], ["events"], ["export", "--format", "csv", "--out"], ["serve", "--get", "/api/stats"]],
)
def test_store_faults_damaged_store_is_one_line(capsys, tmp_path, store_path, damage, at, command):
    with Store.open(store_path) as store:  # checkpointed: every block in the file
        store.con.execute("CHECKPOINT")
    damage(store_path, at)
    before = _digest(store_path)
    if command[-1] == "--out":
        command = [*command, str(tmp_path / "x.csv")]
    code, out, err = invoke_tacitus(capsys, *command, "--db", str(store_path))
    assert code == 1
    assert re.fullmatch(
        rf"Error: \[E043\] the store {re.escape(str(store_path))} is damaged \(truncated or "
        r"corrupted\): .+ - restore it from a backup, or rebuild it with `tacitus run INPUT --db "
        r"NEW_PATH`; Tacitus writes nothing to a store it cannot read\n",
        err,
    ), err
    assert _digest(store_path) == before
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("kind", ["sqlite"])
def test_store_faults_sqlite_file_makes_no_connection(tmp_path, kind):
    """DuckDB used to fetch `sqlite_scanner` from extensions.duckdb.org for a SQLite --db; now the
    file is refused in one line and strace sees no connect() of any kind (DNS included)."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("needs strace to watch connect() calls: apt-get install strace")
    import sqlite3

    db = tmp_path / f"notes.{kind}"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
    trace = tmp_path / "trace.log"
    # An empty HOME: no extension DuckDB may have installed before can be loaded from there.
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            strace,
            "-f",
            "-e",
            "trace=connect",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "tacitus.cli",
            "stats",
            "--db",
            str(db),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: [E042] {db} is not a Tacitus database")
    calls = [line for line in trace.read_text().splitlines() if "connect(" in line]
    assert calls == []


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _char_device(path: Path) -> Path:
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


@pytest.mark.parametrize(
    ("make", "kind"), [(_fifo, "a FIFO (named pipe)"), (_char_device, "a character device")]
)
@pytest.mark.parametrize("command", [["stats"], ["run", str(EXAMPLES)]])
def test_store_faults_db_that_is_not_a_file_is_refused(tmp_path, make, kind, command):
    """A FIFO --db used to hang every command for good; a device --db would have DuckDB write its
    header onto the device (as root)."""
    db = make(tmp_path / "store")
    result = run_tacitus(*command, "--db", str(db), timeout=60)
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [E042] {db} is {kind}, not a Tacitus database file - pass --db with a "
        "new path or the path of a store made by `tacitus run`\n"
    )
