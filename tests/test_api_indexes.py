"""The start-up indexes (`tacitus.api.hot`) give the same answers as the plain queries over the store,
for every filter they cover, on the demo store and on a small generated store with edge cases."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from api_demo import build_demo_store
from tacitus.api import create_app
from tacitus.api.client import get_once
from tacitus.events.confidence import default_min_confidence
from tacitus.store.connection import connect
from tacitus.store.filters import EventFilter
from tacitus.store.generated import build_store

ROOT = Path(__file__).resolve().parent.parent


def _build_generated(path: Path) -> Path:
    """The benchmark's generated store, small, plus events the generator never makes: both sides
    in one country (CHN -> CHNGOV), a pair in both directions at once, no date, no Goldstein, no
    confidence (stored before schema 3), a confidence at the default threshold exactly."""
    build_store(path, 3000)
    con = connect(path)
    threshold = default_min_confidence()
    for n, (source, target, date, goldstein, confidence) in enumerate(
        [
            ("CHN", "CHNGOV", "2016-03-01", 1.0, 0.9),
            ("CHNGOV", "CHN", "2016-03-02", -2.0, 0.9),
            ("RUS", "CHN", None, 3.0, 0.9),
            ("CHNMIL", "RUSGOV", "2016-03-03", None, 0.9),
            ("RUSGOV", "RUSGOV", "2016-03-04", None, 0.9),
            ("CHN", "RUS", "2016-03-05", 2.0, None),
            ("CHN", "RUS", "2016-03-06", 2.0, threshold),
            ("CHN", "RUS", "2016-03-07", 2.0, threshold - 0.01),
        ]
    ):
        con.execute(
            "INSERT INTO events SELECT * REPLACE (? AS source, ? AS target, ?::DATE AS date, "
            "?::DOUBLE AS goldstein, ordinal + 100 + ? AS ordinal, ?::DOUBLE AS confidence) FROM events "
            "WHERE doc_id = 'bench-0000003' AND ordinal = 0",
            [source, target, date, goldstein, n, confidence],
        )
    con.close()
    return path


def _build_empty(path: Path) -> Path:
    connect(path).close()
    return path


@pytest.fixture(scope="module", params=["demo", "generated", "empty"])
def apps(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"indexes-{request.param}")
    build = {"demo": build_demo_store, "generated": _build_generated, "empty": _build_empty}[request.param]
    path = build(folder / "store.duckdb")
    plain, indexed = create_app(path, dashboard=False), create_app(path, dashboard=False, indexes=True)
    yield plain, indexed
    plain.state.store.close()
    indexed.state.store.close()


ACTOR_FILTERS = [
    "pair=CHN,RUS",
    "pair=RUS,CHN",
    "pair=CHN,CHN",
    "pair=CHN,CHNGOV",
    "pair=RUSGOV,RUSGOV",
    "pair=C,R",
    "pair=ZZZ,CHN",
    "source=CHN",
    "target=RUS",
    "actor=CHN",
    "actor=RUSGOV",
    "source=CHN&target=RUS",
    "source=CHN&actor=RUS",
    "pair=CHN,RUS&source=RUS",
    "actor=CHNGOV&target=C",
    "pair=CHN,RUS&code=04&since=2016-01-01&until=2021-12-31",
    "actor=CHN&quad_class=4",
    "source=USA&root=19",
    # Actor filters with only a date range: answered from the sides arrays without a query; the
    # undated RUS -> CHN event of the generated store must fail every `until`.
    "source=CHN&since=2016-01-01&until=2016-06-30",
    "pair=CHN,RUS&since=2016-03-01",
    "pair=RUS,CHN&until=2030-01-01",
    "actor=CHN&until=2016-03-02",
    "target=CHN&since=2016-03-02&until=2016-03-02",
    "source=RUS&target=CHN&until=2024-12-31",
    "actor=RUSGOV&since=2031-01-01",
    # A directed dyad is a source and a target prefix: the same shapes as source&target.
    "dyad=CHN,RUS",
    "dyad=RUS,CHN",
    "dyad=CHN,CHN",
    "dyad=CHN,CHNGOV",
    "dyad=C,R",
    "dyad=ZZZ,CHN",
    "dyad=CHN,RUS&source=CHNGOV",
    "dyad=CHN,RUS&target=RUS&actor=CHN",
    "dyad=CHN,RUS&pair=RUS,CHN",
    "dyad=RUS,CHN&code=04",
    "dyad=CHN,RUS&since=2016-03-01",
    "dyad=RUS,CHN&until=2030-01-01",
    # The deprecated names of since/until still filter.
    "source=CHN&start=2016-01-01&end=2016-06-30",
    "pair=CHN,RUS&end=2030-01-01",
]
EVENT_FILTERS = [
    "",
    "code=04",
    "code=042",
    "code=0",
    "code=99",
    "root=04",
    "quad_class=1",
    "since=2016-01-01&until=2016-06-30",
    "q=generated",
    "q=CHINA",
    "code=04&q=sent",
    "code=042&quad_class=1&q=ted+sen",
]
# Answered by the plain query in both apps (the indexes do not cover them), checked all the same.
FALLBACK_FILTERS = ["country=CHN", "place=Beijing", "actor=CHN&q=generated"]
# Thresholds: the app's own, given explicitly (the indexes answer), and others (the store answers).
CONFIDENCE_FILTERS = [
    f"min_confidence={default_min_confidence()}",
    f"pair=CHN,RUS&min_confidence={default_min_confidence()}",
    f"dyad=CHN,RUS&min_confidence={default_min_confidence()}",
    "min_confidence=0",
    "pair=CHN,RUS&min_confidence=0",
    "actor=CHN&min_confidence=0.8",
    "code=04&min_confidence=1",
    "source=CHN&since=2016-01-01&min_confidence=0.5",
]


def _rounded(value):
    """JSON with floats to 6 decimals: Goldstein sums added in another order differ in the 15th."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def _same(apps, path: str) -> dict:
    plain, indexed = apps
    status_plain, body_plain = get_once(plain, path)
    status_indexed, body_indexed = get_once(indexed, path)
    assert (status_indexed, _rounded(json.loads(body_indexed))) == (
        status_plain,
        _rounded(json.loads(body_plain)),
    ), path
    return json.loads(body_plain)


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("limit", [1, 7, 500])
@pytest.mark.parametrize("query", ACTOR_FILTERS + EVENT_FILTERS + FALLBACK_FILTERS + CONFIDENCE_FILTERS)
def test_api_indexes_event_pages_match_plain(apps, query, sort, limit):
    page = _same(apps, f"/api/events?{query}&sort={sort}&limit={limit}")
    if page["next"]:  # the next page (answered by the plain query) continues where the index stopped
        _same(apps, f"/api/events?{query}&sort={sort}&limit={limit}&cursor={page['next']}")


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize("query", ACTOR_FILTERS + EVENT_FILTERS + FALLBACK_FILTERS + CONFIDENCE_FILTERS)
def test_api_indexes_timeseries_match_plain(apps, query, interval):
    _same(apps, f"/api/timeseries?{query}&interval={interval}")


def test_api_indexes_single_events_match_plain(apps):
    """Every event of the store (the first 300 of a larger one) and some that do not exist. The
    indexes hold the events at the app's threshold; the store answers for the others."""
    plain, indexed = apps
    keys = (
        plain.state.store._cursor()
        .execute("SELECT doc_id, ordinal, confidence FROM events ORDER BY doc_id, ordinal LIMIT 300")
        .fetchall()
    )
    hot = indexed.state.store.hot
    for doc_id, ordinal, confidence in keys:
        held = confidence is None or confidence >= default_min_confidence()
        assert (hot.event(doc_id, ordinal) is not None) is held
    keys = [(doc_id, ordinal) for doc_id, ordinal, _ in keys]
    for event_id in [*(f"{d}:{o}" for d, o in keys), "nothing:0", "example-001:99", "bench-0000003:999"]:
        _same(apps, f"/api/events/{event_id}")


@pytest.mark.parametrize(
    "filters",
    [
        EventFilter(pair=("CHN", "RUS")),
        EventFilter(dyad=("CHN", "RUS")),
        EventFilter(source="CHN", since=dt.date(2016, 1, 1), until=dt.date(2016, 6, 30)),
        EventFilter(code="042", quad_class=1, q="generated"),
        EventFilter(actor="CHN", target="RUS", code="04"),
    ],
)
def test_api_indexes_answer_covered_filters(apps, filters):
    """The equality tests above would pass with an index that answers nothing: these must not fall back."""
    hot = apps[1].state.store.hot
    filters = replace(filters, min_confidence=hot.min_confidence)  # what a request gets by default
    assert hot.events_page(filters, "date", 10) is not None
    if filters.q is None:
        assert hot.timeseries(filters, "week") is not None or not (
            filters.source or filters.target or filters.actor or filters.dyad or filters.pair
        )


@pytest.mark.parametrize(
    ("filters", "sort"),
    [
        (EventFilter(actor_country="CHN"), "date"),
        (EventFilter(country="CHN"), "date"),
        (EventFilter(include_negated=False), "date"),
        (EventFilter(place="Beijing"), "date"),
        (EventFilter(actor="CHN", q="x"), "date"),
        (EventFilter(pair=("CHN", "RUS")), "goldstein"),
    ],
)
def test_api_indexes_leave_uncovered_filters_to_the_store(apps, filters, sort):
    hot = apps[1].state.store.hot
    assert hot.events_page(replace(filters, min_confidence=hot.min_confidence), sort, 10) is None


@pytest.mark.parametrize("threshold", [None, 0.3, 0.95])
def test_api_indexes_leave_other_thresholds_to_the_store(apps, threshold):
    hot = apps[1].state.store.hot
    assert hot.min_confidence == default_min_confidence()
    assert hot.events_page(EventFilter(pair=("CHN", "RUS"), min_confidence=threshold), "date", 10) is None
    assert hot.timeseries(EventFilter(actor="CHN", min_confidence=threshold), "week") is None


def test_api_indexes_hold_the_events_at_the_threshold(apps):
    plain, indexed = apps
    (kept,) = (
        plain.state.store._cursor()
        .execute(
            "SELECT count(*) FROM events WHERE confidence IS NULL OR confidence >= ?",
            [default_min_confidence()],
        )
        .fetchall()[0]
    )
    assert indexed.state.store.hot.events == kept


@pytest.mark.parametrize(
    ("free_bytes", "workers", "built"), [(10**12, 2, True), (1000, 1, False), (None, 4, True)]
)
def test_api_indexes_skipped_where_memory_is_short(tmp_path, monkeypatch, caplog, free_bytes, workers, built):
    import tacitus.api.app as app_module

    db = build_demo_store(tmp_path / "demo.duckdb")
    monkeypatch.setattr(app_module, "_free_memory", lambda: free_bytes)
    app = create_app(db, dashboard=False, indexes=True, workers=workers)
    try:
        assert (app.state.store.hot is not None) is built
        assert ("start-up indexes skipped" in caplog.text) is not built
        status, body = get_once(app, "/api/events?limit=3")
        assert status == 200 and len(json.loads(body)["events"]) == 3
    finally:
        app.state.store.close()


@pytest.mark.parametrize("interval", ["day", "month"])
@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("actor=RUS", EventFilter(actor="RUS")),  # the sides arrays, no query
        ("pair=CHN,RUS", EventFilter(pair=("CHN", "RUS"))),
        ("dyad=CHN,RUS", EventFilter(dyad=("CHN", "RUS"))),
        ("actor=RUS&root=10", EventFilter(actor="RUS", root="10")),  # the sides table, queried
        ("source=RUS&until=2030-01-01", EventFilter(source="RUS", until=dt.date(2030, 1, 1))),
        ("", EventFilter()),  # the plain query
    ],
)
def test_api_indexes_timeseries_count_undated(apps, query, filters, interval):
    """Events without a date are in no period; both paths say how many match, as the store does
    (the generated store's undated RUS -> CHN 100 matches all but the `until` filter)."""
    store = apps[0].state.store
    # Both paths count the events at the server's confidence threshold.
    threshold = getattr(apps[0].state, "min_confidence", None)
    where, params = replace(filters, min_confidence=threshold).where("e")
    expected = store.one(f"SELECT count(*) AS n FROM events AS e WHERE e.date IS NULL AND {where}", params)
    found = _same(apps, f"/api/timeseries?{query}&interval={interval}")
    assert found["undated"] == (expected or {}).get("n", 0)
    dated = store.one(f"SELECT count(*) AS n FROM events AS e WHERE e.date IS NOT NULL AND {where}", params)
    assert sum(point["events"] for point in found["points"]) == (dated or {}).get("n", 0)
