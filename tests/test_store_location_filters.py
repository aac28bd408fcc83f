"""`--country` and `--near` select events by where they happened (the places stage's location)."""

from __future__ import annotations

import json

import pytest

from store_records import article, event, invoke_tacitus
from tacitus.errors import UserInputError
from tacitus.places.gazetteer import load_gazetteer
from tacitus.records import Location, Span
from tacitus.store import EventFilter, Store, StoredArticle


def located(doc_id: str, place_name: str, iso3: str):
    """An event located at the biggest gazetteer entry called `place_name` in `iso3`."""
    place = max(
        (p for p, _ in load_gazetteer().lookup(place_name) if p.iso3 == iso3), key=lambda p: p.population
    )
    found = event(doc_id, "RUSMIL", "GEO", "190")
    found.location = Location(
        doc_id=doc_id,
        name=place_name,
        gazetteer_id=str(place.geonameid),
        country=iso3,
        fips=place.fips,
        admin1=place.adm1_code,
        lat=place.lat,
        lon=place.lon,
        feature_class="P",
        confidence=0.9,
        evidence=Span(place_name, 0, len(place_name)),
    )
    found.location_source = "clause"
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("where") / "where.duckdb"
    batch = [
        StoredArticle(article("t1"), events=[located("t1", "Tbilisi", "GEO")]),
        StoredArticle(article("t2"), events=[located("t2", "Batumi", "GEO")]),
        StoredArticle(
            article("t3"), events=[located("t3", "Moscow", "RUS"), event("t3", "RUS", "USA", "041")]
        ),
    ]
    with Store.open(path) as opened:
        opened.write(batch)
    with Store.open(path, read_only=True) as opened:
        yield opened


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"country": "geo"}, ["t1", "t2"]),
        ({"country": "RUS"}, ["t3"]),
        ({"near": "Tbilisi"}, ["t1"]),
        ({"near": "Tbilisi", "within": 400}, ["t1", "t2"]),
        ({"near": "Moscow", "source": "RUS"}, ["t3"]),
        ({"near": "Georgia", "within": 0}, []),
    ],
)
def test_store_location_filter_selects_where_events_happened(store, options, expected):
    assert sorted(e.doc_id for e in store.events(EventFilter.build(**options))) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"near": "Xqzzyville"}, "--near 'Xqzzyville' is not a place the gazetteer knows"),
        ({"country": "Georgia"}, "--country 'Georgia' is not an ISO 3166 alpha-3 code"),
        ({"near": "Tbilisi", "within": -1}, "--within -1 is negative"),
    ],
)
def test_store_location_filter_rejects_bad_values(options, message):
    with pytest.raises(UserInputError, match=message):
        EventFilter.build(**options)


def test_store_location_filter_from_cli(capsys, store):
    code, out, _ = invoke_tacitus(
        capsys, "events", "--db", str(store.path), "--near", "Tbilisi", "--format", "jsonl"
    )
    assert code == 0 and [json.loads(line)["doc_id"] for line in out.splitlines()] == ["t1"]
