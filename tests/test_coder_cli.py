"""`tacitus code`: plain text and JSONL in, JSONL/TSV/table out, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tacitus.cli import command_group

cli = command_group()

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
    expected = "'yesterday' is not a date: no date format Tacitus reads - use YYYY-MM-DD or YYYYMMDD"
    assert expected in result.output


MALIKI = "Nouri al-Maliki met Iranian President Mahmoud Ahmadinejad in Tehran."


@pytest.mark.parametrize("dates", [("20080804", "2008-08-04", 1217844000, "Mon, 4 Aug 2008 10:00:00 +0000")])
def test_coder_cli_dated_codes_same_for_every_date_form(runner, dates):
    """Nouri al-Maliki is IRQGOV while prime minister (2006-2014) and IRQELI undated; a JSONL
    record dated in PETRARCH's own form resolves him exactly as the ISO form does."""
    records = [{"id": f"r{n}", "text": MALIKI, "date": date} for n, date in enumerate(dates)]
    records.append({"id": "undated", "text": MALIKI})
    lines = "\n".join(json.dumps(record) for record in records) + "\n"
    result = runner.invoke(cli, ["code", "-"], input=lines)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    by_record: dict[str, set[tuple[str | None, str, str]]] = {}
    for event in events:
        by_record.setdefault(event["doc_id"], set()).add((event["date"], event["source"], event["target"]))
    dated = [by_record[f"r{n}"] for n in range(len(dates))]
    # a meeting is coded both ways; Ahmadinejad is president in 2008 (the person, not the adjective)
    assert dated[0] == {("2008-08-04", "IRQGOV", "IRNGOV"), ("2008-08-04", "IRNGOV", "IRQGOV")}
    assert all(found == dated[0] for found in dated)
    assert by_record["undated"] == {(None, "IRQELI", "IRNELI"), (None, "IRNELI", "IRQELI")}


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


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("04/08/2008", "1 articles, 2 events, 1 undated (no date: 0, unreadable: 1)"),
        (None, "1 articles, 2 events, 1 undated (no date: 1, unreadable: 0)"),
        ("2008-08-04", "1 articles, 2 events\n"),
    ],
)
def test_coder_cli_summary_counts_undated(runner, date, expected):
    record = json.dumps({"id": "a1", "text": MALIKI, "date": date})
    result = runner.invoke(cli, ["code", "-"], input=record + "\n")
    assert result.exit_code == 0, result.output
    assert expected in result.stderr


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
