"""`tacitus code`: plain text and JSONL in, JSONL/TSV/table out, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tacitus.cli import _register_commands, cli

_register_commands()

TEXT = "China and Russia agreed to strengthen cooperation. Russian troops attacked Ukraine."


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_coder_cli_help_has_example(runner):
    result = runner.invoke(cli, ["code", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_coder_cli_plain_text_to_jsonl(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "--date", "20210204"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["source"], e["target"]) for e in lines} >= {("CHN", "RUS"), ("RUS", "CHN")}
    # One article: ingestion gives it one deterministic id; --date dates it.
    assert len({e["doc_id"] for e in lines}) == 1 and all(e["date"] == "2021-02-04" for e in lines)


def test_coder_cli_jsonl_stdin_to_tsv(runner):
    record = json.dumps({"id": "a1", "text": TEXT, "date": "2021-02-04"})
    result = runner.invoke(cli, ["code", "-", "--format", "tsv"], input=record + "\nnot json\n")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0].startswith("doc_id\tsentence\tdate\tsource")
    assert any(row.startswith("a1\t") for row in rows[1:])


def test_coder_cli_bad_date_is_one_clear_line(runner, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "--date", "yesterday"])
    assert result.exit_code == 2
    assert "'yesterday' is not a date - use YYYY-MM-DD or YYYYMMDD" in result.output


@pytest.mark.parametrize("suffix", [".html"])
def test_coder_cli_reads_html_through_ingestion(runner, tmp_path, suffix):
    """`tacitus code page.html` codes the article text trafilatura extracts, not the markup."""
    body = "".join(f"<p>{sentence}</p>" for sentence in TEXT.split(". "))
    page = (
        "<html><head><title>Allies agree</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>Allies agree</h1>{body}</article><footer>Subscribe now</footer></body></html>"
    )
    path = tmp_path / f"page{suffix}"
    path.write_text(page, encoding="utf-8")
    result = runner.invoke(cli, ["code", str(path), "--date", "2021-02-04"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["source"], e["target"]) for e in events} >= {("CHN", "RUS")}
    assert not any("<" in e["evidence"]["text"] for e in events)


@pytest.mark.parametrize("fmt", ["tsv"])
def test_coder_cli_tsv_carries_identity_and_confidence(runner, fmt):
    record = json.dumps({"id": "a1", "text": TEXT, "date": "2021-02-04"})
    result = runner.invoke(cli, ["code", "-", "--format", fmt, "--min-confidence", "0"], input=record + "\n")
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header[-3:] == ["event_id", "mirror_of", "confidence"]
    assert rows and all(len(row[-3]) == 16 and 0.0 <= float(row[-1]) <= 1.0 for row in rows)
    ids = {row[-3] for row in rows}
    assert any(row[-2] in ids for row in rows)  # "China and Russia agreed": the reverse half
