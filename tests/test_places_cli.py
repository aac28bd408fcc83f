"""`tacitus places`: JSONL and table output, inputs, skipped records and user errors."""

import json
import re

import pytest
from click.testing import CliRunner

from tacitus.cli import command_group

cli = command_group()

ARTICLE = "KYIV, Ukraine (AP) — Clashes in Tbilisi, Georgia left three people dead.\n"
REQUIRED = {
    "doc_id",
    "name",
    "country",
    "gazetteer_id",
    "admin1",
    "lat",
    "lon",
    "confidence",
    "evidence",
    "fips",
    "geo_type",
    "feature_class",
}


@pytest.fixture
def files(tmp_path):
    text = tmp_path / "kyiv.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a1", "text": "Troops entered central Iran.", "date": "2021-02-04"})
        + "\nnot json\n"
        + json.dumps({"id": "a2", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    return text, jsonl


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_places_cli_jsonl_lines_carry_the_contract_fields(files, fmt):
    text, _ = files
    result = CliRunner().invoke(cli, ["places", str(text), "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["name"], r["country"]) for r in rows] == [
        ("KYIV", "UKR"),
        ("Tbilisi", "GEO"),
        ("Georgia", "GEO"),
    ]
    assert all(REQUIRED <= set(r) for r in rows)
    assert all(ARTICLE[r["evidence"]["start"] : r["evidence"]["end"]] == r["name"] for r in rows)


@pytest.mark.parametrize("fmt", ["table"])
def test_places_cli_table_has_header_and_rows(files, fmt):
    text, _ = files
    result = CliRunner().invoke(cli, ["places", str(text), "--format", fmt])
    lines = result.stdout.splitlines()
    # Aligned columns (`tacitus.cli.table`): two or more spaces between cells.
    assert re.split(r"\s{2,}", lines[0])[:4] == ["doc_id", "name", "resolved_name", "country"]
    assert re.split(r"\s{2,}", lines[2])[1:4] == ["Tbilisi", "Tbilisi", "GEO"]


@pytest.mark.parametrize("expected", ["1 articles, 1 places, skipped: 1 bad_json, 1 no_text"])
def test_places_cli_bad_jsonl_records_are_skipped_and_counted(files, expected):
    _, jsonl = files
    result = CliRunner().invoke(cli, ["places", str(jsonl)])
    assert result.exit_code == 0
    assert expected in result.stderr


@pytest.mark.parametrize("source", ["-"])
def test_places_cli_reads_standard_input(source):
    result = CliRunner().invoke(cli, ["places", source], input="BEIJING — Talks resumed.\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["name"], r["country"]) for r in rows] == [("BEIJING", "CHN")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["places", "no/such/file.txt", "--format", "table"],
            "[E001] input no/such/file.txt does not exist - check the path or quote the glob",
        )
    ],
)
def test_places_cli_missing_file_is_one_clear_line(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert str(result.exception) == message
    assert result.stdout == ""  # nothing printed before the check, not even the table header


@pytest.mark.parametrize("args", [["places", "x.txt", "--format", "xml"]])
def test_places_cli_bad_format_is_refused(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'jsonl', 'table'." in result.output


@pytest.mark.parametrize("country", ["GEO"])
def test_places_cli_db_lists_stored_places_like_quotes(files, tmp_path, country):
    # The places a run stores read back with --db as `places FILE` prints them.
    from tacitus.ingest import read_articles
    from tacitus.places import locate_articles
    from tacitus.store import Store, StoredArticle

    text, _ = files
    located = list(locate_articles(read_articles([str(text)])))
    db = tmp_path / "news.duckdb"
    with Store.open(db) as store:
        store.write([StoredArticle(article, locations=places) for article, places in located])
    from_file = CliRunner().invoke(cli, ["places", str(text)]).stdout.splitlines()
    result = CliRunner().invoke(cli, ["places", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == from_file and len(from_file) >= 2
    only = CliRunner().invoke(cli, ["places", "--db", str(db), "--country", country, "--format", "table"])
    rows = only.stdout.splitlines()[1:]
    assert rows and all(re.split(r"\s{2,}", row)[3] == country for row in rows)
    assert len(rows) < len(from_file)
    named = CliRunner().invoke(cli, ["places", "--db", str(db), "--name", "tbil", "--limit", "1"])
    assert [json.loads(line)["name"] for line in named.stdout.splitlines()] == ["Tbilisi"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["places", "--country", "GEO"], "--country, --name and --limit query a store - add --db PATH"),
        (
            ["places", "x.txt", "--db", "x.duckdb"],
            "give FILEs to find places or --db to query a store, not both",
        ),
    ],
)
def test_places_cli_db_options_are_checked(args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
