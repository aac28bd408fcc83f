"""`tacitus places`: JSONL and table output, inputs, skipped records and user errors."""

import json

import pytest
from click.testing import CliRunner

from tacitus.cli import _register_commands, cli

_register_commands()

ARTICLE = "KYIV, Ukraine (AP) — Clashes in Tbilisi, Georgia left three people dead.\n"
REQUIRED = {"doc_id", "name", "country", "gazetteer_id", "admin1", "lat", "lon", "confidence",
            "evidence", "fips", "geo_type", "feature_class"}


@pytest.fixture
def files(tmp_path):
    text = tmp_path / "kyiv.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(
        json.dumps({"id": "a1", "text": "Troops entered central Iran.", "date": "2021-02-04"})
        + "\nnot json\n" + json.dumps({"id": "a2", "text": ""}) + "\n",
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
        ("KYIV", "UKR"), ("Tbilisi", "GEO"), ("Georgia", "GEO")]
    assert all(REQUIRED <= set(r) for r in rows)
    assert all(ARTICLE[r["evidence"]["start"]:r["evidence"]["end"]] == r["name"] for r in rows)


@pytest.mark.parametrize("fmt", ["table"])
def test_places_cli_table_has_header_and_rows(files, fmt):
    text, _ = files
    result = CliRunner().invoke(cli, ["places", str(text), "--format", fmt])
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["doc_id", "name", "resolved_name", "country"]
    assert lines[2].split("\t")[:4] == ["kyiv", "Tbilisi", "Tbilisi", "GEO"]


@pytest.mark.parametrize("expected", ["1 articles, 1 places, skipped: 1 bad-json, 1 no-text"])
def test_places_cli_bad_jsonl_records_are_skipped_and_counted(files, expected):
    _, jsonl = files
    result = CliRunner().invoke(cli, ["places", str(jsonl)])
    assert result.exit_code == 0
    assert expected in result.stderr


@pytest.mark.parametrize("source", ["stdin"])
def test_places_cli_reads_standard_input(source):
    result = CliRunner().invoke(cli, ["places", "-"], input="BEIJING — Talks resumed.\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["name"], r["country"]) for r in rows] == [(source, "BEIJING", "CHN")]


@pytest.mark.parametrize("path", ["no/such/file.txt"])
def test_places_cli_missing_file_is_one_clear_line(path):
    result = CliRunner().invoke(cli, ["places", path])
    assert result.exit_code == 2
    assert (f"Invalid value for FILE: {path} is not a file - give text or JSONL files, "
            "or - for standard input") in result.output
