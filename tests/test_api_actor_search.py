"""Actor names and the dashboard's actor search: a code is named by its country, organisation or
CAMEO description, never by one mention's person; `/api/actors/suggest` finds codes by code,
country name or a person's name."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from store_records import article, event
from tacitus.api import create_app
from tacitus.records import Actor
from tacitus.store import Store, StoredArticle
from tacitus.store.names import actor_names, describe_code

ACTORS = [
    Actor("Michael Ancram", "---GOV", None, "GOV", "Michael Ancram", 0, 14),
    Actor("Sergei Lavrov", "RUSGOV", "RUS", "GOV", "Sergei Lavrov", 20, 33),
    Actor("the European Union", "IGOEUREEC", "IGO", "EUREEC", None, 40, 58),
    Actor("European", "IGOEUREEC", "IGO", "EUREEC", None, 60, 68),
    Actor("the alliance", "IGOWSTNAT", "IGO", "WSTNAT", None, 70, 82),
    Actor("NATO", "IGOWSTNAT", "IGO", "WSTNAT", None, 90, 94),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "news.duckdb"
    events = [
        event("n1", "---GOV", "RUSGOV", "036"),
        event("n1", "RUSGOV", "IGOEUREEC", "040", sentence=1),
        event("n1", "IGOWSTNAT", "RUS", "111", sentence=2),
        event("n1", "FRA", "DEU", "040", sentence=3, confidence=0.1),
    ]
    with Store.open(path) as store:
        store.write([StoredArticle(article("n1"), events=events, actors=ACTORS)])
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("---GOV", "Unknown country: Government"),
        ("RUSGOV", "Russian Federation: Government"),
        ("IGOEUREEC", "European Union"),
        ("IGOWSTNAT", "NATO"),
        ("RUS", "Russian Federation"),
    ],
)
def test_api_actor_search_top_actors_name_is_never_a_mention_person(client, code, name):
    actors = {a["code"]: a["name"] for a in client.get("/api/actors?limit=50").json()}
    assert actors[code] == name
    assert "Michael Ancram" not in actors.values() and "Sergei Lavrov" not in actors.values()


def test_api_actor_search_names_library(db):
    with Store.open(db, read_only=True) as store:
        names = actor_names(store.con, ["---GOV", "IGOWSTNAT", "USA"])
    assert names == {
        "---GOV": "Unknown country: Government",
        "IGOWSTNAT": "NATO",
        "USA": "United States of America",
    }
    assert describe_code("not a code") is None


@pytest.mark.parametrize(
    ("typed", "code", "via", "matched"),
    [
        ("rusgov", "RUSGOV", "code", "RUSGOV"),
        ("russia", "RUS", "country", "Russian Federation"),
        ("lavrov", "RUSGOV", "mention", "Sergei Lavrov"),
        ("ancram", "---GOV", "mention", "Michael Ancram"),
        ("nato", "IGOWSTNAT", "mention", "NATO"),
    ],
)
def test_api_actor_search_suggest(client, typed, code, via, matched):
    found = {s["code"]: s for s in client.get("/api/actors/suggest", params={"q": typed}).json()}
    assert (found[code]["via"], found[code]["matched"]) == (via, matched)
    assert found[code]["events"] > 0 and found[code]["name"]


def test_api_actor_search_suggest_exact_code_first_and_threshold(client):
    codes = [s["code"] for s in client.get("/api/actors/suggest", params={"q": "RUS"}).json()]
    assert codes[:2] == ["RUS", "RUSGOV"]
    # FRA's only event is below the confidence threshold: not offered unless asked for.
    assert client.get("/api/actors/suggest", params={"q": "fra"}).json() == []
    assert [
        s["code"] for s in client.get("/api/actors/suggest", params={"q": "fra", "min_confidence": 0}).json()
    ] == ["FRA"]


def test_api_actor_search_suggest_needs_text(client):
    assert client.get("/api/actors/suggest", params={"q": ""}).status_code == 422
