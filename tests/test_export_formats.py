"""Exports: GDELT 2.0 event table read by pandas with GDELT's names and dtypes; PLOVER JSONL."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from store_records import BEIJING, article, event
from tacitus.store import EventFilter, Store, StoredArticle
from tacitus.store.gdelt import EMPTY_COLUMNS, GDELT_COLUMNS, actor_blocks
from tacitus.store.rows import location_from_json, location_json

# GDELT 2.0 Event Codebook column types: codes are strings (leading zeros), counts integers.
_INT = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "IsRootEvent",
    "QuadClass",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "DATEADDED",
}
_FLOAT = {"FractionDate", "GoldsteinScale", "AvgTone"}
GDELT_DTYPES = {
    name: "Int64"
    if name in _INT or name.endswith("Geo_Type")
    else "float64"
    if name in _FLOAT or name.endswith(("_Lat", "_Long"))
    else "string"
    for name in GDELT_COLUMNS
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "news.duckdb"
    with Store.open(path) as opened:
        opened.write(
            [
                StoredArticle(
                    article("w1", "A.", url="https://example.org/w1"),
                    events=[
                        event("w1", "CHNGOV", "RUSGOV", "041"),
                        event("w1", "IGOUNO", "SYR", "0233", date="2021-01-09"),
                        event("w1", "USA", "IRN", "010", negated=True),
                    ],
                ),
                StoredArticle(
                    article("w2", "B.", date="2021-02-05", source="Other"),
                    events=[event("w2", "CHNGOV", "RUSGOV", "041", sentence=7)],
                ),
            ]
        )
    with Store.open(path, read_only=True) as opened:
        yield opened


def _read_gdelt(path):
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=list(GDELT_COLUMNS),
        dtype=GDELT_DTYPES,
        keep_default_na=False,
        na_values=[""],
        quoting=3,
    )


@pytest.mark.parametrize("columns", [61])
def test_export_gdelt_loads_with_gdelt_names_and_dtypes(store, tmp_path, columns):
    out = tmp_path / "events.tsv"
    assert store.export("gdelt", out) == 2
    lines = out.read_text().splitlines()
    assert all(line.count("\t") == columns - 1 for line in lines)
    table = _read_gdelt(out)
    summary = store.con.execute(
        "SELECT strftime(date, '%Y%m%d')::BIGINT, source, target, code, num_mentions, "
        "num_articles, num_sources FROM event_summary ORDER BY date, source"
    ).fetchall()
    got = table[
        ["SQLDATE", "Actor1Code", "Actor2Code", "EventCode", "NumMentions", "NumArticles", "NumSources"]
    ].itertuples(index=False)
    assert [tuple(row) for row in got] == summary


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("EventCode", ["0233", "041"]),
        ("EventBaseCode", ["023", "041"]),
        ("EventRootCode", ["02", "04"]),
        ("Actor1CountryCode", [None, "CHN"]),
        ("Actor1KnownGroupCode", ["UNO", None]),
        ("Actor1Type1Code", ["IGO", "GOV"]),
        ("IsRootEvent", [1, 1]),
        ("DATEADDED", [20210204000000, 20210204000000]),
        ("SOURCEURL", ["https://example.org/w1", "https://example.org/w1"]),
    ],
)
def test_export_gdelt_column_values(store, tmp_path, column, values):
    out = tmp_path / "events.tsv"
    store.export("gdelt", out)
    found = _read_gdelt(out)[column].astype(object).where(lambda c: c.notna(), None).tolist()
    assert found == values


@pytest.mark.parametrize("column", sorted(EMPTY_COLUMNS))
def test_export_gdelt_documented_empty_columns_are_empty(store, tmp_path, column):
    out = tmp_path / "events.tsv"
    store.export("gdelt", out)
    assert _read_gdelt(out)[column].isna().all()


@pytest.mark.parametrize(
    ("code", "blocks"),
    [
        ("CHNGOV", ("CHN", "", ["GOV"])),
        ("USAGOVMIL", ("USA", "", ["GOV", "MIL"])),
        ("IGOUNO", ("", "UNO", ["IGO"])),
        ("---REB", ("", "", ["REB"])),
        ('"HAMAS LEADER"', ("", "", [])),
    ],
)
def test_export_gdelt_actor_blocks(code, blocks):
    assert actor_blocks(code) == blocks


@pytest.mark.parametrize(
    "fields",
    [
        {
            "id",
            "confidence",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "event_text",
            "text",
            "coder",
            "link",
        }
    ],
)
def test_export_plover_records(store, tmp_path, fields):
    out = tmp_path / "events.jsonl"
    store.export("plover", out, event_filter=EventFilter.build(code="04"))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    stored = {(e.doc_id, e.code): e for e in store.events()}
    assert [r["id"] for r in records] == [stored["w1", "041"].event_id, stored["w2", "041"].event_id]
    assert [r["confidence"] for r in records] == [0.9, 0.9]
    assert all(set(r) == fields for r in records)
    assert records[0]["event"] == "CONSULT" and records[0]["mode"] == "phone"
    assert records[0]["actor"][0]["code"] == "CHN" and records[0]["actor"][0]["sector"] == "GOV"


@pytest.mark.parametrize("negated_code", ["010"])
def test_export_plover_leaves_out_negated_and_cameo_01(store, tmp_path, negated_code):
    out = tmp_path / "events.jsonl"
    store.export("plover", out)
    codes = [json.loads(line)["event"] for line in out.read_text().splitlines()]
    assert codes == ["CONSULT", "CONSULT"]  # 0233 is AID: check the mapping


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_csv_parquet_one_row_per_mention(store, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    assert store.export(fmt, out) == 4
    frame = pd.read_csv(out, dtype={"code": "string"}) if fmt == "csv" else pd.read_parquet(out)
    assert sorted(frame["code"].tolist()) == ["010", "0233", "041", "041"]


@pytest.mark.parametrize("location", [BEIJING])
def test_export_gdelt_action_geo_from_event_location(tmp_path, location):
    path = tmp_path / "geo.duckdb"
    with Store.open(path) as store:
        store.write([StoredArticle(article("w1"), events=[event("w1", "CHNGOV", "RUSGOV", "041")])])
        # What the places stage writes through Event.location (schema v2 column).
        store.con.execute(
            "UPDATE events SET location = ?, location_source = 'dateline'", [location_json(location)]
        )
        store.export("gdelt", tmp_path / "geo.tsv")
    row = _read_gdelt(tmp_path / "geo.tsv").iloc[0]
    assert (
        row["ActionGeo_FullName"],
        row["ActionGeo_CountryCode"],
        row["ActionGeo_ADM1Code"],
        row["ActionGeo_FeatureID"],
    ) == ("Beijing", "CH", "CH22", "1816670")
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (location.lat, location.lon)
    assert pd.isna(row["Actor1Geo_FullName"]) and pd.isna(row["ActionGeo_ADM2Code"])


@pytest.mark.parametrize("location", [BEIJING])
def test_export_location_json_round_trip(location):
    assert location_from_json(location_json(location)) == location


@pytest.mark.parametrize("fmt", ["parquet", "csv", "gdelt", "plover"])
def test_export_same_store_same_bytes(store, tmp_path, fmt):
    first, second = tmp_path / "first", tmp_path / "second"
    store.export(fmt, first)
    store.export(fmt, second)
    assert first.read_bytes() == second.read_bytes()
