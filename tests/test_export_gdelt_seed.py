"""The seed article, run and exported as a GDELT 2.0 event table: pandas reads it with GDELT's
column names and dtypes, and its rows are the merged rows of the events table."""

from __future__ import annotations

import pytest

from conftest import shared_path
from tacitus.pipeline import run
from tacitus.store import Store
from tacitus.store.gdelt import GDELT_COLUMNS
from test_export_formats import GDELT_DTYPES, _read_gdelt
from test_pipeline_run import ONE_WORKER

SEED = "data/seed/000_0d8367245fda46f3.txt"


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    db, out = folder / "seed.duckdb", folder / "seed.gdelt.tsv"
    report = run([str(shared_path(SEED))], db=db, options=ONE_WORKER)
    assert report.coded == 1
    with Store.open(db, read_only=True) as store:
        assert store.export("gdelt", out) > 0
        events = store.con.execute(
            "SELECT source, target, code, count(*) FROM events "
            "WHERE NOT negated AND modality = 'asserted' GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    return _read_gdelt(out), events


@pytest.mark.parametrize("names", [GDELT_COLUMNS])
def test_export_gdelt_seed_names_and_dtypes(seed_export, names):
    table, _ = seed_export
    assert list(table.columns) == list(names) and len(names) == 61
    assert {name: str(dtype) for name, dtype in table.dtypes.items()} == {
        name: "string" if dtype == "string" else dtype for name, dtype in GDELT_DTYPES.items()
    }


@pytest.mark.parametrize("key", [["Actor1Code", "Actor2Code", "EventCode", "NumMentions"]])
def test_export_gdelt_seed_rows_match_events_table(seed_export, key):
    table, events = seed_export
    rows = sorted(tuple(r) for r in table[key].astype(object).itertuples(index=False))
    assert rows == [(s, t, c, n) for s, t, c, n in events]
    assert table["EventCode"].str.fullmatch(r"\d{3,4}").all()  # leading zeros kept
    assert (table["EventRootCode"] == table["EventCode"].str[:2]).all()


@pytest.fixture(scope="module")
def seed_plover(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed-plover")
    db, out = folder / "seed.duckdb", folder / "seed.plover.jsonl"
    run([str(shared_path(SEED))], db=db, options=ONE_WORKER)
    with Store.open(db, read_only=True) as store:
        store.export("plover", out)
        typed = store.con.execute(
            "SELECT count(*) FROM events WHERE NOT negated AND modality = 'asserted' "
            "AND plover['event_type'] IS NOT NULL"
        ).fetchone()[0]
    import json

    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], typed


@pytest.mark.parametrize("event_type", ["CONSULT"])
def test_export_plover_seed_keeps_the_coders_event_types(seed_plover, event_type):
    """Real coder events (plover ``event_type``) reach the PLOVER export, one record per mention."""
    records, typed = seed_plover
    assert len(records) == typed > 0
    assert event_type in {record["event"] for record in records}
    assert all(record["actor"][0]["code"] for record in records)
