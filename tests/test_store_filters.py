"""One event-filter model (`tacitus.store.filters.EventFilter`): `tacitus events` and `/api/events`
select the same events for `dyad` (directed), `pair` (both directions) and `since`/`until`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient

from api_demo import build_demo_store
from store_records import invoke_tacitus
from tacitus.api import create_app
from tacitus.store import Store
from tacitus.store.filters import EventFilter

# Every event, whatever its confidence, negation or modality: the CLI leaves out negated and
# hypothetical mentions by default, the API does not; with these both select by the filter alone.
CLI_ALL = ["--min-confidence", "0", "--include-negated", "--include-hypothetical"]
API_ALL = "min_confidence=0&limit=500"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("filters") / "demo.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


def _key(event: dict) -> tuple:
    return (event["doc_id"], event["event_id"], event["source"], event["target"], event["code"])


def _cli(capsys, db, *options: str) -> list[tuple]:
    command = ["events", "--db", str(db), "--format", "jsonl", *CLI_ALL, *options]
    code, out, err = invoke_tacitus(capsys, *command)
    assert code == 0, err
    return sorted(_key(json.loads(line)) for line in out.splitlines())


def _api(client, query: str) -> list[tuple]:
    response = client.get(f"/api/events?{query}&{API_ALL}")
    assert response.status_code == 200, response.text
    return sorted(_key(event) for event in response.json()["events"])


@pytest.mark.parametrize(
    ("options", "query"),
    [
        (["--dyad", "CHN,RUS"], "dyad=CHN,RUS"),
        (["--dyad", "RUS,CHN"], "dyad=RUS,CHN"),
        (["--dyad", "CHNGOV,RUS"], "dyad=CHNGOV,RUS"),
        (["--pair", "CHN,RUS"], "pair=CHN,RUS"),
        (["--pair", "RUS,CHN"], "pair=RUS,CHN"),
        (["--since", "2021-03-01", "--until", "2021-05-31"], "since=2021-03-01&until=2021-05-31"),
        (["--since", "2021-03-01", "--until", "2021-05-31"], "start=2021-03-01&end=2021-05-31"),
        (["--pair", "CHN,RUS", "--since", "2021-03-23"], "pair=CHN,RUS&since=2021-03-23"),
        (["--dyad", "RUS,CHN", "--until", "2021-04-30"], "dyad=RUS,CHN&until=2021-04-30"),
    ],
)
def test_store_filters_cli_and_api_select_the_same_events(capsys, db, client, options, query):
    found = _cli(capsys, db, *options)
    assert found, "the demo store needs events for each of these filters"
    assert found == _api(client, query)


def test_store_filters_dyad_is_directed_and_pair_is_both(capsys, db, client):
    ab, ba = _api(client, "dyad=CHN,RUS"), _api(client, "dyad=RUS,CHN")
    assert ab and ba
    assert all(s.startswith("CHN") and t.startswith("RUS") for _, _, s, t, _ in ab)
    assert all(s.startswith("RUS") and t.startswith("CHN") for _, _, s, t, _ in ba)
    assert _api(client, "pair=CHN,RUS") == sorted(ab + ba) == _cli(capsys, db, "--pair", "RUS,CHN")


def test_store_filters_dates_are_inclusive_days(db):
    with Store.open(db, read_only=True) as store:
        dates = {e.date for e in store.events(EventFilter(since="2021-03-23", until=dt.date(2021, 3, 23)))}
    assert dates == {"2021-03-23"}


def test_store_filters_dyad_is_a_source_and_a_target():
    assert EventFilter(dyad=("CHN", "RUS")).where() == EventFilter(source="CHN", target="RUS").where()
    assert EventFilter(dyad=("CHN", "RUS"), source="CHNGOV").sides() == (("CHNGOV", "CHN"), ("RUS",))
