"""Exports a researcher can use without joins: code_name, url, title and flat location columns in
Parquet, CSV and `tacitus events --format jsonl` (the nested location kept in JSONL)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from store_records import BEIJING, article, event
from tacitus.cli import cli, command_group
from tacitus.store import Store, StoredArticle
from tacitus.store.export import EXPORT_EXTRA_COLUMNS
from tacitus.store.rows import location_json

command_group()

EXPECTED = {
    "041": {
        "code_name": "Discuss by telephone",
        "url": "https://example.org/w1",
        "title": "Title w1",
        "location_name": "Beijing",
        "location_country": "CHN",
        "lat": 39.9075,
        "lon": 116.39723,
        "geonames_id": "1816670",
    },
    "0233": {
        "code_name": "Appeal for humanitarian aid",
        "url": "https://example.org/w2",
        "title": "Title w2",
        "location_name": None,
        "location_country": None,
        "lat": None,
        "lon": None,
        "geonames_id": None,
    },
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("joins") / "news.duckdb"
    with Store.open(path) as store:
        store.write(
            [
                StoredArticle(article("w1"), events=[event("w1", "CHNGOV", "RUSGOV", "041")]),
                StoredArticle(
                    article("w2", date="2021-02-05"), events=[event("w2", "IGOUNO", "SYR", "0233")]
                ),
            ]
        )
        store.con.execute("UPDATE events SET location = ? WHERE doc_id = 'w1'", [location_json(BEIJING)])
    return path


def _by_code(records):
    return {record["code"]: {name: record[name] for name in EXPORT_EXTRA_COLUMNS} for record in records}


def _clean(frame: pd.DataFrame) -> list[dict]:
    wanted = frame[["code", *EXPORT_EXTRA_COLUMNS]].astype(object)
    return wanted.where(wanted.notna(), None).to_dict("records")


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_joins_read_by_pandas(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    with Store.open(db, read_only=True) as store:
        store.export(fmt, out)
    if fmt == "csv":
        frame = pd.read_csv(out, dtype={"code": "string", "geonames_id": "string"})
    else:
        frame = pd.read_parquet(out)
    assert _by_code(_clean(frame)) == EXPECTED


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_joins_read_by_duckdb(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    with Store.open(db, read_only=True) as store:
        store.export(fmt, out)
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    rows = duckdb.sql(
        f"SELECT code::VARCHAR, code_name, url, lat FROM {reader}(?) ORDER BY code", params=[str(out)]
    ).fetchall()
    assert [row[1:] for row in rows] == [
        ("Appeal for humanitarian aid", "https://example.org/w2", None),
        ("Discuss by telephone", "https://example.org/w1", 39.9075),
    ]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_joins_columns_follow_their_column(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    with Store.open(db, read_only=True) as store:
        store.export(fmt, out)
    columns = list(pd.read_parquet(out).columns if fmt == "parquet" else pd.read_csv(out).columns)
    assert columns[columns.index("doc_id") + 1 : columns.index("doc_id") + 3] == ["url", "title"]
    assert columns[columns.index("code") + 1] == "code_name"
    assert "location" in columns  # the JSON column stays for a lossless round trip


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_export_joins_events_cli_records(db, fmt):
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", fmt, "--min-confidence", "0"])
    assert result.exit_code == 0, result.output
    text = result.output
    records = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
    assert _by_code(records) == EXPECTED
    nested = next(record["location"] for record in records if record["code"] == "041")
    assert (nested["name"], nested["gazetteer_id"], nested["evidence"]["text"]) == (
        "Beijing",
        "1816670",
        "Beijing",
    )


def test_export_joins_events_cli_csv_has_flat_location(db):
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "csv", "--min-confidence", "0"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split(",")
    assert {"code_name", "url", "title", "location_name", "lat", "lon", "geonames_id"} <= set(header)
