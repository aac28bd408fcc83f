"""`tacitus quotes`: JSONL and table output, bad lines skipped, one clear line for a bad path."""

from __future__ import annotations

import json
import sys

import pytest

from tacitus.cli import main

TEXT = "“We will not give up,” Anna Berg said on Monday. She added that talks would resume."


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["tacitus", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".txt"])
def test_quotes_cli_jsonl_from_text_file(tmp_path, monkeypatch, capsys, nlp, suffix) -> None:
    path = tmp_path / f"berg{suffix}"
    path.write_text(TEXT, encoding="utf-8")
    code, out, _ = _run(monkeypatch, capsys, "quotes", str(path), "--date", "2024-03-04")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["kind"], r["speaker"]["name"]) for r in rows] == [
        ("direct", "Anna Berg"),
        ("indirect", "Anna Berg"),
    ]
    assert rows[0]["content"]["text"] == "“We will not give up,”"
    assert rows[0]["doc_id"] == "berg"


@pytest.mark.parametrize("bad_line", ["not json", '{"id": "x"}'])
def test_quotes_cli_skips_bad_jsonl_lines(tmp_path, monkeypatch, capsys, nlp, bad_line) -> None:
    path = tmp_path / "articles.jsonl"
    good = json.dumps({"id": "a1", "text": TEXT, "date": "2024-03-04"})
    path.write_text(f"{bad_line}\n{good}\n", encoding="utf-8")
    code, out, err = _run(monkeypatch, capsys, "quotes", str(path), "--format", "table")
    assert code == 0
    assert err.splitlines()[0] == "1 articles, 2 quotes, 1 skipped"
    assert err.splitlines()[1].startswith("skipped ") and "articles.jsonl:1: " in err
    assert out.splitlines()[0].split() == ["doc_id", "kind", "speaker", "code", "content"]
    assert out.splitlines()[1].startswith("a1")


@pytest.mark.parametrize("name", ["missing.txt"])
def test_quotes_cli_missing_file_is_one_line(tmp_path, monkeypatch, capsys, name) -> None:
    code, out, err = _run(monkeypatch, capsys, "quotes", str(tmp_path / name))
    assert code == 1
    assert err == (
        f"Error: [E001] input file '{tmp_path / name}' not found - "
        "give a text or JSONL file, or - for stdin\n"
    )


@pytest.mark.parametrize("command", ["quotes"])
def test_quotes_cli_help_has_example(monkeypatch, capsys, command) -> None:
    code, out, _ = _run(monkeypatch, capsys, command, "--help")
    assert code == 0 and "Example:" in out and "--format" in out
