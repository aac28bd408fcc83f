"""The input options every news-reading command shares (`--field`, `--language`, `--duplicates`,
`--max-mb`) and the hint for a JSONL file none of whose records has text."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from store_records import invoke_tacitus
from tacitus.cli import cli, command_group
from tacitus.ingest import IngestOptions, JsonlFields, Skip, read_articles

command_group()

INPUT_OPTIONS = ("fields", "languages", "duplicates", "max_mb")
READERS = ("ingest", "run", "code", "quotes", "places")
# Keyed as many dumps are: `body` and `doc_id`, not Tacitus's own `text` and `id`.
RECORDS = [
    {
        "doc_id": "d1",
        "body": 'Russian Foreign Minister Sergey Lavrov said in Moscow: "We will respond to any attack."',
        "published": "2021-02-04",
    },
    {
        "doc_id": "d2",
        "body": "China and Russia agreed to strengthen cooperation in Beijing.",
        "published": "2021-02-05",
    },
]


@pytest.fixture()
def body_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "dump.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in RECORDS), encoding="utf-8")
    return path


def _option(command: str, name: str) -> tuple:
    param = next(p for p in cli.commands[command].params if p.name == name)
    return (tuple(param.opts), param.default, param.multiple, repr(param.type), param.help)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", READERS)
def test_cli_inputs_same_options_as_ingest(command):
    assert [_option(command, name) for name in INPUT_OPTIONS] == [
        _option("ingest", name) for name in INPUT_OPTIONS
    ]


@pytest.mark.parametrize("command", ["code", "quotes", "places"])
def test_cli_inputs_field_reads_other_keys(command, body_jsonl):
    args = [command, str(body_jsonl), "--field", "text=body", "--field", "id=doc_id"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    doc_ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert doc_ids and doc_ids <= {"d1", "d2"}  # the records' own ids: `doc_id` was read


@pytest.mark.parametrize("command", ["code", "quotes", "places"])
def test_cli_inputs_max_mb_skips_large_records(command, body_jsonl):
    args = [command, str(body_jsonl), "--field", "text=body", "--max-mb", "0.00001"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "skipped: 2 too_large" in result.stderr


@pytest.mark.parametrize(("options", "summary"), [(("--language", "de"), "language:en 2")])
def test_cli_inputs_run_reads_with_the_options(capsys, tmp_path, body_jsonl, options, summary):
    db = tmp_path / "news.duckdb"
    args = ["run", str(body_jsonl), "--db", str(db), "--workers", "1", "--field", "text=body"]
    code, _, err = invoke_tacitus(capsys, *args, "--field", "id=doc_id", *options)
    assert code == 0, err
    assert summary in err
    code, _, err = invoke_tacitus(capsys, *args, "--field", "id=doc_id")
    assert code == 0, err
    assert "2 coded" in err
    from tacitus.store import Store

    with Store.open(db, read_only=True) as store:
        assert store.con.execute("SELECT id FROM articles ORDER BY id").fetchall() == [("d1",), ("d2",)]


@pytest.mark.parametrize("fix", ["--field text=body --field id=doc_id"])
def test_ingest_jsonl_textless_file_names_keys_and_fix(caplog, body_jsonl, fix):
    with caplog.at_level(logging.WARNING, logger="tacitus.ingest"):
        items = list(read_articles([str(body_jsonl)]))
    assert [item.reason for item in items if isinstance(item, Skip)] == ["no_text", "no_text"]
    assert "keys: body, doc_id, published" in items[0].detail  # type: ignore[union-attr]
    hints = [r.getMessage() for r in caplog.records if "JSONL records" in r.getMessage()]
    assert len(hints) == 1
    assert "none of its 2 JSONL records has a 'text'" in hints[0]
    assert "the keys body, doc_id, published" in hints[0] and fix in hints[0]


@pytest.mark.parametrize("fields", [JsonlFields(), JsonlFields(text="body")])
def test_ingest_jsonl_no_hint_when_a_record_has_text(caplog, tmp_path, fields):
    path = tmp_path / "mixed.jsonl"
    records = [RECORDS[0], {"id": "t1", "text": RECORDS[1]["body"], "body": RECORDS[1]["body"]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tacitus.ingest"):
        list(read_articles([str(path)], options=IngestOptions(jsonl=fields)))
    assert not [r for r in caplog.records if "JSONL records" in r.getMessage()]
