"""`tacitus.cli.table`: one aligned layout for every `--format table`, streamed page by page."""

from __future__ import annotations

import re

import pytest

from store_records import article, event, invoke_tacitus
from tacitus.cli.table import PAGE, table_lines
from tacitus.store import Store, StoredArticle


@pytest.mark.parametrize("rows", [[("a1", 0.5, 12, "short"), ("doc-22", None, 3, "a\tlonger\ntext")]])
def test_cli_table_aligns_text_left_and_numbers_right(rows):
    lines = list(table_lines(("doc_id", "conf", "n", "text"), rows))
    assert lines == [
        "doc_id  conf   n  text",
        "a1      0.50  12  short",
        "doc-22     -   3  a longer text",
    ]


@pytest.mark.parametrize("width", [10])
def test_cli_table_clips_wide_cells_and_keeps_the_first_page_widths(width):
    rows = [("x" * 30,)] + [("y",)] * (PAGE - 1) + [("z" * 30,)]
    lines = list(table_lines(("col",), rows, max_width=width))
    assert lines[1] == "x" * (width - 1) + "…"
    assert lines[-1] == "z" * (width - 1) + "…"  # after the first page: clipped to the column
    assert len(lines) == PAGE + 2


@pytest.mark.parametrize("command", [["events"], ["quotes"], ["places"], ["skips"]])
def test_cli_table_read_commands_share_the_layout(capsys, tmp_path, command):
    db = tmp_path / "news.duckdb"
    with Store.open(db) as store:
        store.write([StoredArticle(article("a1"), events=[event("a1", "CHNGOV", "RUS", "036")])])
    code, out, err = invoke_tacitus(capsys, *command, "--db", str(db), "--format", "table")
    assert code == 0, err
    header = out.splitlines()[0]
    assert "\t" not in out and header == header.strip() and re.search(r"\S  \S", header), header
    if command == ["events"]:
        row = out.splitlines()[1]
        # source, target and code (text) start under their headers
        starts = [m.start() for m in re.finditer(r"(?<=  )\S", header)]
        assert all(row[s - 1] == " " and row[s] != " " for s in starts[:3]), (header, row)


@pytest.mark.parametrize("text", ["China and Russia agreed to cooperate on energy on Monday."])
def test_cli_table_code_command_uses_the_shared_layout(capsys, tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = invoke_tacitus(capsys, "code", str(path), "--format", "table")
    assert code == 0, err
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == [
        "doc_id", "sent", "source", "target", "code", "plover", "conf", "verb", "evidence"
    ]  # fmt: skip
    assert len(lines) >= 2 and "\t" not in out
    sent_end = lines[0].index("sent") + len("sent")
    assert lines[1][sent_end - 1] == "0" and lines[1][sent_end - 2] == " "  # numbers right-aligned


@pytest.mark.parametrize("section", ["top dyads:"])
def test_cli_table_stats_lists_are_tables(capsys, tmp_path, section):
    db = tmp_path / "news.duckdb"
    with Store.open(db) as store:
        store.write([StoredArticle(article("a1"), events=[event("a1", "CHNGOV", "RUSGOVX", "036")])])
    code, out, err = invoke_tacitus(capsys, "stats", "--db", str(db))
    assert code == 0, err
    lines = out.splitlines()
    header, row = lines[lines.index(section) + 1 : lines.index(section) + 3]
    assert header == "  source  target   events"
    assert row == "  CHNGOV  RUSGOVX       1"
    assert "  root  events  name" in lines and "  03         1  EXPRESS INTENT TO COOPERATE" in lines
