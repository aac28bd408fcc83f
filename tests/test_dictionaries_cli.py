"""`tacitus dictionaries check`: counts, problems as FILE:LINE: REASON, exit codes, help."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import command_group, main

cli = command_group()

VERBS = "--- MEET [040] ---\nMEET\n- * (WITH +) [042:043]\n- * &TALKS [043]\n"
ACTORS = "ALPHA_ [USA]\n+ALPHA_REPUBLIC\nBETA [RUSGOV]\n"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path / "cache"))


def make_set(tmp_path: Path, verbs: str = VERBS) -> Path:
    directory = tmp_path / "set"
    directory.mkdir()
    (directory / "x.verbs.txt").write_text(verbs, encoding="utf-8")
    (directory / "x.actors.txt").write_text(ACTORS, encoding="utf-8")
    return directory


def test_dictionaries_cli_check_counts_and_problems(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dictionaries", "check", str(make_set(tmp_path))])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "verb blocks: 1" in lines
    assert "patterns: 1" in lines
    assert "actors: 2" in lines
    assert ["problems: 1", "errors: 1", "warnings: 0"] == lines[-4:-1]
    assert (
        "error: x.verbs.txt:4: synset &TALKS is used but never defined: pattern skipped  [- * &TALKS [043]]"
    ) in lines


def test_dictionaries_cli_check_clean_set_exits_zero(tmp_path: Path) -> None:
    directory = make_set(tmp_path, verbs=VERBS.replace("- * &TALKS [043]\n", ""))
    result = CliRunner().invoke(cli, ["dictionaries", "check", str(directory)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-3:] == ["problems: 0", "errors: 0", "warnings: 0"]


def test_dictionaries_cli_strict_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = make_set(tmp_path)
    monkeypatch.setattr(sys, "argv", ["tacitus", "dictionaries", "check", str(directory), "--strict"])
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 1
    assert capsys.readouterr().err == (
        f"Error: [E010] {directory / 'x.verbs.txt'}:4: synset &TALKS is used but never "
        "defined: pattern skipped - fix the line or load without strict checking\n"
    )


@pytest.mark.parametrize("args", [["dictionaries", "--help"], ["dictionaries", "check", "--help"]])
def test_dictionaries_cli_help_has_example(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_dictionaries_cli_check_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dictionaries", "check", str(make_set(tmp_path)), "--json"])
    report = json.loads(result.output)
    assert report["counts"]["verb blocks"] == 1
    assert report["problems"] == [
        {
            "file": "x.verbs.txt",
            "line": 4,
            "reason": "synset &TALKS is used but never defined: pattern skipped",
            "severity": "error",
            "text": "- * &TALKS [043]",
        }
    ]


def test_dictionaries_cli_check_shipped_set_exits_zero() -> None:
    result = CliRunner().invoke(cli, ["dictionaries", "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "errors: 0" in lines
    assert not [line for line in lines if line.startswith("error:")]
    # Each kind of warning left in the shipped set says why it is harmless.
    harmless = [line for line in lines if line.startswith("harmless: ")]
    assert any(line.startswith("harmless: unbalanced ')' in a pattern: garbled") for line in harmless)
    assert any(line.startswith("harmless: actor name: ") for line in harmless)
    warnings = {line.split(": ", 2)[2].split("  [")[0] for line in lines if line.startswith("warning: ")}
    kinds = [line.split(": ")[1] for line in harmless]
    assert all(any(reason.startswith(kind) for kind in kinds) for reason in warnings)
