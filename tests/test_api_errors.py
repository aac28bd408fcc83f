"""The one JSON error shape: every kind of failure answers with `error_body(...)`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api_demo import build_demo_store, stored_articles
from tacitus.api import create_app
from tacitus.api.errors import error_body
from tacitus.events.confidence import default_min_confidence


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("errors") / "demo.duckdb")


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(demo_db), base_url="http://localhost") as client:
        yield client


CASES = [
    ("GET", "/api/nothing", 404, "not_found", "no such path /api/nothing"),
    ("GET", "/api/events/example-001:99", 404, "not_found", "no event 'example-001:99'"),
    ("GET", "/api/events/no-ordinal", 422, "invalid_parameter", "invalid parameter event_id"),
    ("GET", "/api/articles/missing", 404, "not_found", "no article 'missing'"),
    ("GET", "/api/events?cursor=bm90LWpzb24", 400, "bad_request", "invalid cursor"),
    ("GET", "/api/events?cursor=WyJkYXRlIiwxLCJhIiwxXQ", 400, "bad_request", "invalid cursor"),
    ("GET", "/api/events?quad_class=7", 422, "invalid_parameter", "invalid parameter quad_class"),
    ("GET", "/api/events?start=yesterday", 422, "invalid_parameter", "invalid parameter start"),
    ("GET", "/api/events?since=yesterday", 422, "invalid_parameter", "invalid parameter since"),
    ("GET", "/api/events?since=2021-02-01&until=2021-01-01", 422, "invalid_parameter", "is after until"),
    ("GET", "/api/events?start=2021-02-01&end=2021-01-01", 422, "invalid_parameter", "is after until"),
    (
        "GET",
        "/api/events?since=2021-01-01&start=2021-01-01",
        422,
        "invalid_parameter",
        "both since and start given - start is the deprecated name of since",
    ),
    ("GET", "/api/events?until=2021-01-01&end=2021-01-01", 422, "invalid_parameter", "both until and end"),
    ("GET", "/api/places?since=2021-01-01&start=2021-01-01", 422, "invalid_parameter", "both since and"),
    ("GET", "/api/events?dyad=CHN", 422, "invalid_parameter", "dyad 'CHN' is not a pair of actor codes"),
    ("GET", "/api/events?pair=CHN,", 422, "invalid_parameter", "pair 'CHN,' is not a pair of actor codes"),
    ("GET", "/api/quotes?pair=CHN", 422, "invalid_parameter", "pair 'CHN' is not a pair of actor codes"),
    ("GET", "/api/timeseries?interval=year", 422, "invalid_parameter", "invalid parameter interval"),
    ("GET", "/api/events?source=CHN;DROP", 422, "invalid_parameter", "invalid parameter source"),
    (
        "POST",
        "/api/events",
        405,
        "method_not_allowed",
        "method POST not allowed on /api/events - the server answers GET and HEAD",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "status", "error", "message"), CASES, ids=[f"{c[0]} {c[1]}" for c in CASES]
)
def test_api_errors_share_one_shape(client, method, path, status, error, message):
    response = client.request(method, path)
    body = response.json()
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert body == error_body(status, body["message"], error=error, detail=body["detail"])
    assert message in body["message"]


def test_api_errors_server_error_has_the_shape(demo_db):
    app = create_app(demo_db)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        app.state.store.close()  # every query now fails inside DuckDB
        response = client.get("/api/stats")
    assert response.status_code == 500
    assert response.json() == error_body(500, "internal error - the server log has the traceback")


@pytest.mark.parametrize("status", [400, 404, 422, 500])
def test_api_errors_documented_in_openapi(client, status):
    operation = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/ErrorBody"}


@pytest.mark.parametrize("value", ["x' OR '1'='1", "%", "_", "\\", "'; DROP TABLE events; --", "<script>"])
def test_api_errors_hostile_text_is_a_parameter(client, value):
    response = client.get("/api/events", params={"q": value, "limit": 500})
    assert response.status_code == 200
    # Matched literally: no LIKE wildcards, no SQL.
    expected = {
        f"{s.article.id}:{i}"
        for s in stored_articles()
        for i, e in enumerate(s.events)
        if value.lower() in e.evidence.text.lower() and e.confidence >= default_min_confidence()
    }
    assert {event["id"] for event in response.json()["events"]} == expected
    stats = client.get("/api/stats").json()  # every event still there: shown or below the threshold
    assert stats["events"] + stats["below_threshold"] == sum(len(s.events) for s in stored_articles())
