"""Every API endpoint and filter, in-process, against a real store built from records."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from api_demo import EVENT_LOCATIONS, build_demo_store, event_location, stored_articles
from tacitus.api import create_app
from tacitus.events.confidence import default_min_confidence

STORED = stored_articles()
EVENTS = {f"{s.article.id}:{i}": (s.article, e) for s in STORED for i, e in enumerate(s.events)}
PLACES = {s.article.id: s.locations for s in STORED}
STORED_BY_ID = {s.article.id: s for s in STORED}
THRESHOLD = default_min_confidence()
# What lists and counts show by default: the events at or above the app's threshold.
SHOWN = {key: pair for key, pair in EVENTS.items() if pair[1].confidence >= THRESHOLD}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(build_demo_store(tmp_path_factory.mktemp("api") / "demo.duckdb"))
    with TestClient(app, base_url="http://localhost") as client:
        yield client


def _located(article, event, test):
    ordinal = next(i for i, e in enumerate(STORED_BY_ID[article.id].events) if e is event)
    location = event_location(article.id, ordinal)
    return location is not None and test(location)


def _both(e, a, b):
    return (e.source.startswith(a) and e.target.startswith(b)) or (
        e.source.startswith(b) and e.target.startswith(a)
    )


# (query string, predicate over (article, event)) - the expected ids come from the records.
FILTERS = [
    ("source=CHN", lambda a, e: e.source.startswith("CHN")),
    ("target=rus", lambda a, e: e.target.startswith("RUS")),
    ("actor=PAK", lambda a, e: "PAK" in (e.source[:3], e.target[:3])),
    ("dyad=CHN,RUS", lambda a, e: e.source.startswith("CHN") and e.target.startswith("RUS")),
    ("dyad=RUS,CHN", lambda a, e: e.source.startswith("RUS") and e.target.startswith("CHN")),
    ("pair=CHN,RUS", lambda a, e: _both(e, "CHN", "RUS")),
    ("pair=RUS,CHN", lambda a, e: _both(e, "CHN", "RUS")),
    ("code=11", lambda a, e: e.code.startswith("11")),
    ("code=057", lambda a, e: e.code == "057"),
    ("root=19", lambda a, e: e.root_code == "19"),
    ("quad_class=4", lambda a, e: e.quad_class == 4),
    ("country=VEN", lambda a, e: "VEN" in (e.source[:3], e.target[:3])),
    ("place=Moscow", lambda a, e: any(p.name == "Moscow" for p in PLACES[a.id])),
    ("place=PAK", lambda a, e: any(p.country == "PAK" for p in PLACES[a.id])),
    ("place=guilin", lambda a, e: _located(a, e, lambda loc: loc.name.lower() == "guilin")),
    ("place=1809858", lambda a, e: _located(a, e, lambda loc: loc.gazetteer_id == "1809858")),
    (
        "since=2021-01-01&until=2021-03-31",
        lambda a, e: dt.date(2021, 1, 1) <= dt.date.fromisoformat(e.date) <= dt.date(2021, 3, 31),
    ),
    (  # the deprecated names of since/until
        "start=2021-01-01&end=2021-03-31",
        lambda a, e: dt.date(2021, 1, 1) <= dt.date.fromisoformat(e.date) <= dt.date(2021, 3, 31),
    ),
    ("q=SANCTIONS", lambda a, e: "sanctions" in e.evidence.text.lower()),
    ("pair=CHN,RUS&quad_class=3", lambda a, e: _both(e, "CHN", "RUS") and e.quad_class == 3),
]


@pytest.mark.parametrize(("query", "predicate"), FILTERS, ids=[f[0] for f in FILTERS])
def test_api_events_filter(client, query, predicate):
    response = client.get(f"/api/events?{query}&limit=500")
    assert response.status_code == 200, response.text
    got = {event["id"] for event in response.json()["events"]}
    expected = {key for key, (article, event) in SHOWN.items() if predicate(article, event)}
    assert expected, f"filter {query} selects nothing in the demo data: the test would prove nothing"
    assert got == expected


def _sort_key(sort):
    def key(item):
        event_id, (article, event) = item
        value = event.date if sort.lstrip("-") == "date" else event.goldstein
        return (value, article.id, int(event_id.rsplit(":", 1)[1]))

    return key


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein"])
def test_api_events_keyset_pages(client, sort):
    seen, cursor = [], None
    for _ in range(50):
        params = {"limit": 4, "sort": sort, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/events", params=params).json()
        assert len(page["events"]) <= 4
        seen += [event["id"] for event in page["events"]]
        cursor = page["next"]
        if cursor is None:
            break
    expected = [k for k, _ in sorted(SHOWN.items(), key=_sort_key(sort), reverse=sort.startswith("-"))]
    assert seen == expected


@pytest.mark.parametrize("event_id", sorted(EVENTS))
def test_api_event_has_evidence_and_article(client, event_id):
    body = client.get(f"/api/events/{event_id}").json()
    article, event = EVENTS[event_id]
    assert body["evidence"] == event.evidence.as_dict()
    assert article.text[body["evidence"]["start"] : body["evidence"]["end"]] == body["evidence"]["text"]
    assert body["article"]["id"] == article.id
    assert client.get(body["article"]["href"]).json()["id"] == article.id
    assert (body["source"], body["target"], body["code"]) == (event.source, event.target, event.code)


@pytest.mark.parametrize("stored", STORED, ids=[s.article.id for s in STORED])
def test_api_article_spans_point_into_text(client, stored):
    body = client.get(f"/api/articles/{stored.article.id}").json()
    assert body["text"] == stored.article.text and body["title"] == stored.article.title
    kinds = [span["kind"] for span in body["spans"]]
    assert kinds.count("event") == len(stored.events)
    assert kinds.count("quote") == len(stored.quotes)
    assert kinds.count("place") == len(stored.locations)
    for span in body["spans"]:
        assert body["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("query", ["", "?since=2021-01-01", "?pair=CHN,RUS", "?dyad=CHN,RUS"])
def test_api_dyads_sum_to_event_counts(client, query):
    dyads = client.get(f"/api/dyads{query}{'&' if query else '?'}limit=1000").json()
    events = client.get(f"/api/events{query}{'&' if query else '?'}limit=500").json()["events"]
    assert sum(d["events"] for d in dyads) == len(events)
    for dyad in dyads:
        pair = [e for e in events if (e["source"], e["target"]) == (dyad["source"], dyad["target"])]
        assert dyad["goldstein_sum"] == pytest.approx(sum(e["goldstein"] for e in pair))
        assert sum(dyad["quad_counts"].values()) == len(pair)


@pytest.mark.parametrize("interval", ["day", "week", "month"])
@pytest.mark.parametrize(
    "query", ["pair=CHN,RUS", "dyad=CHN,RUS", "actor=CHN", "source=RUS&target=CHN", "quad_class=1"]
)
def test_api_timeseries_matches_events(client, interval, query):
    series = client.get(f"/api/timeseries?{query}&interval={interval}").json()
    events = client.get(f"/api/events?{query}&limit=500").json()["events"]
    assert series["interval"] == interval
    assert sum(p["events"] for p in series["points"]) + series["undated"] == len(events)
    assert sum(p["goldstein_sum"] for p in series["points"]) == pytest.approx(
        sum(e["goldstein"] for e in events)
    )
    for point in series["points"]:
        assert point["events"] == sum(point[f"quad{n}"] for n in range(1, 5))
    periods = [p["period"] for p in series["points"]]
    assert periods == sorted(periods)
    if interval == "week":
        assert all(dt.date.fromisoformat(p).weekday() == 0 for p in periods)


@pytest.mark.parametrize(("query", "top"), [("", "CHN"), ("?search=venez", "VENCOP")])
def test_api_actors_counts(client, query, top):
    actors = client.get(f"/api/actors{query}").json()
    assert actors[0]["code"] == top if not query else top in {a["code"] for a in actors}
    for actor in actors:
        involved = [e for _, e in SHOWN.values() if actor["code"] in (e.source, e.target)]
        assert actor["events"] == sum(
            (e.source == actor["code"]) + (e.target == actor["code"]) for e in involved
        )
        assert actor["as_source"] + actor["as_target"] == actor["events"]


@pytest.mark.parametrize(
    ("query", "speakers"),
    [
        ("speaker=RUS", {"RUSGOV"}),
        ("pair=CHN,RUS", {"CHNGOV", "RUSGOV"}),
        ("doc_id=example-001", {"CHNGOV", "RUSGOV"}),
        ("q=partnership", {"RUSGOV"}),
    ],
)
def test_api_quotes_filters(client, query, speakers):
    quotes = client.get(f"/api/quotes?{query}").json()["quotes"]
    assert quotes and {q["speaker"]["code"] for q in quotes} == speakers


@pytest.mark.parametrize("query", ["dyad=CHN,RUS", "dyad=RUS,CHN", "pair=CHN,RUS"])
def test_api_quotes_dyad_is_directed_and_pair_is_both(client, query):
    """Quotes in the articles that have an event the same `dyad`/`pair` selects (at any confidence)."""
    events = client.get(f"/api/events?{query}&min_confidence=0&limit=500").json()["events"]
    articles = {e["doc_id"] for e in events}
    expected = {
        f"{s.article.id}:{i}" for s in STORED if s.article.id in articles for i in range(len(s.quotes))
    }
    quotes = client.get(f"/api/quotes?{query}&limit=500").json()["quotes"]
    assert expected and {q["id"] for q in quotes} == expected
    directed = {
        f"{s.article.id}:{i}" for s in STORED if s.article.id == "tacitus-cr-3" for i in range(len(s.quotes))
    }
    assert directed and (directed <= expected) == (query != "dyad=CHN,RUS")
    for quote in quotes:
        text = client.get(quote["article"]["href"]).json()["text"]
        assert text[quote["content"]["start"] : quote["content"]["end"]] == quote["content"]["text"]


@pytest.mark.parametrize("limit", [1, 3])
def test_api_quotes_pages(client, limit):
    ids, cursor = [], None
    for _ in range(20):
        page = client.get(
            "/api/quotes", params={"limit": limit, **({"cursor": cursor} if cursor else {})}
        ).json()
        ids += [q["id"] for q in page["quotes"]]
        cursor = page["next"]
        if not cursor:
            break
    expected = sorted(
        (f"{s.article.id}:{i}" for s in STORED for i in range(len(s.quotes))),
        key=lambda k: (k.rsplit(":", 1)[0], int(k.rsplit(":", 1)[1])),
    )
    assert ids == expected


@pytest.mark.parametrize(
    ("query", "names"), [("?country=PAK", {"Islamabad", "Kotli"}), ("?search=beij", {"Beijing"})]
)
def test_api_places_counts(client, query, names):
    places = client.get(f"/api/places{query}").json()
    assert {p["name"] for p in places} == names
    for place in places:
        mentions = [p for locations in PLACES.values() for p in locations if p.name == place["name"]]
        assert place["mentions"] == len(mentions)
        assert place["lat"] == pytest.approx(mentions[0].lat)


@pytest.mark.parametrize("field", ["events", "quotes", "places"])
def test_api_stats_totals(client, field):
    stats = client.get("/api/stats").json()
    expected = {
        "events": len(SHOWN),
        "quotes": sum(len(s.quotes) for s in STORED),
        "places": sum(len(s.locations) for s in STORED),
    }
    assert stats[field] == expected[field]
    assert stats["articles"] == {"coded": len(STORED)}
    assert sum(stats["by_quad"].values()) == len(SHOWN)
    assert (stats["below_threshold"], stats["min_confidence"]) == (len(EVENTS) - len(SHOWN), THRESHOLD)


@pytest.mark.parametrize(
    "path",
    [
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/dyads",
        "/api/timeseries",
        "/api/quotes",
        "/api/places",
        "/api/stats",
        "/api/confidence",
    ],
)
def test_api_openapi_lists_endpoint(client, path):
    spec = client.get("/openapi.json").json()
    assert path in spec["paths"]
    assert "ErrorBody" in spec["components"]["schemas"]


@pytest.mark.parametrize(("code", "name"), [("FRA", "France"), ("RUSGOV", "Russian Federation: Government")])
def test_api_actors_name_from_country_table(client, code, name):
    actors = {a["code"]: a for a in client.get("/api/actors?limit=1000").json()}
    assert actors[code]["name"] == name


@pytest.mark.parametrize("event_key", sorted(EVENT_LOCATIONS))
def test_api_event_has_its_location(client, event_key):
    doc_id, ordinal = event_key
    body = client.get(f"/api/events/{doc_id}:{ordinal}").json()
    expected = event_location(doc_id, ordinal)
    assert body["location"]["name"] == expected.name
    assert (body["location"]["lat"], body["location"]["lon"]) == (expected.lat, expected.lon)
    assert (body["location"]["method"], body["location_source"]) == ("clause", "clause")


@pytest.mark.parametrize("query", ["", "&country=CHN", "&since=2021-01-01", "&start=2021-01-01"])
def test_api_places_of_events(client, query):
    places = client.get(f"/api/places?of=events{query}").json()
    located = [
        (loc, article)
        for (doc_id, ordinal), _ in EVENT_LOCATIONS.items()
        for loc in [event_location(doc_id, ordinal)]
        for article in [STORED_BY_ID[doc_id].article]
        if (not query.startswith("&country") or loc.country == "CHN")
        and (not query.startswith(("&since", "&start")) or article.date >= "2021-01-01")
    ]
    assert sorted((p["name"], p["events"]) for p in places) == sorted(
        (name, sum(1 for loc, _ in located if loc.name == name)) for name in {loc.name for loc, _ in located}
    )


def test_api_demo_store_has_events_below_the_threshold():
    assert len(SHOWN) < len(EVENTS), "the demo store needs hidden events for the tests below"


@pytest.mark.parametrize(
    ("threshold", "kept"), [("0", lambda c: True), ("0.3", lambda c: c >= 0.3), ("0.95", lambda c: c >= 0.95)]
)
@pytest.mark.parametrize("query", ["pair=CHN,RUS", "actor=CHN", ""])
def test_api_events_min_confidence(client, query, threshold, kept):
    page = client.get(f"/api/events?{query}&min_confidence={threshold}&limit=500").json()
    found = client.get(f"/api/events?{query}&min_confidence=0&limit=500").json()["events"]
    everything = {e["id"]: e for e in found}
    assert page["min_confidence"] == (float(threshold) or None)
    assert {e["id"] for e in page["events"]} == {k for k, e in everything.items() if kept(e["confidence"])}


@pytest.mark.parametrize("threshold", ["0", "0.3"])
@pytest.mark.parametrize("path", ["/api/dyads?pair=CHN,RUS", "/api/timeseries?actor=CHN&interval=month"])
def test_api_aggregates_follow_min_confidence(client, path, threshold):
    """Counts agree with the event list at the same threshold, and differ between thresholds."""
    body = client.get(f"{path}&min_confidence={threshold}").json()
    query = path.split("?", 1)[1].replace("&interval=month", "")
    events = client.get(f"/api/events?{query}&min_confidence={threshold}&limit=500").json()["events"]
    points = body["points"] if isinstance(body, dict) else body
    assert sum(p["events"] for p in points) == len(events)


def test_api_events_default_hides_the_doubted_events(client):
    def ids(query: str) -> set[str]:
        return {e["id"] for e in client.get(f"/api/events?pair=CHN,RUS&limit=500{query}").json()["events"]}

    shown, everything = ids(""), ids("&min_confidence=0")
    hidden = {key for key, (_, event) in EVENTS.items() if event.confidence < THRESHOLD}
    assert hidden and hidden <= everything and not hidden & shown


@pytest.mark.parametrize("query", ["pair=CHN,RUS", "dyad=CHN,RUS", "", "actor=PAK"])
def test_api_confidence_counts(client, query):
    body = client.get(f"/api/confidence?{query}").json()
    everything = client.get(f"/api/events?{query}&min_confidence=0&limit=500").json()["events"]
    shown = client.get(f"/api/events?{query}&limit=500").json()["events"]
    assert body["min_confidence"] == THRESHOLD
    assert (body["events"], body["below"]) == (len(shown), len(everything) - len(shown))
    assert sum(b["events"] for b in body["bins"]) + body["unscored"] == len(everything)
    for found in everything:
        k = min(int(found["confidence"] * 10), 9)
        assert body["bins"][k]["low"] <= found["confidence"] <= body["bins"][k]["high"]


def test_api_event_carries_identity(client):
    by_key = {key: client.get(f"/api/events/{key}").json() for key in EVENTS}
    for key, (_, event) in EVENTS.items():
        body = by_key[key]
        assert (body["event_id"], body["mirror_of"], body["confidence"]) == (
            event.event_id,
            event.mirror_of,
            event.confidence,
        )
    ids = {body["event_id"] for body in by_key.values()}
    assert any(body["mirror_of"] in ids for body in by_key.values())
