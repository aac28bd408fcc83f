"""The response cache (`serve --cache-mb`): the same answers as without it, by normalised URL, bounded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api_demo import build_demo_store
from tacitus.api import create_app
from tacitus.api.cache import ResponseCache, cache_key
from tacitus.api.client import get_once

PATHS = [
    "/api/events?dyad=CHN,RUS&limit=3",
    "/api/events?code=04&sort=-date&limit=2",
    "/api/timeseries?actor=CHN&interval=month",
    "/api/dyads?limit=5",
    "/api/stats",
    "/api/articles/example-001",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("cache") / "demo.duckdb")


@pytest.fixture(scope="module")
def apps(demo_db):
    plain, cached = create_app(demo_db), create_app(demo_db, indexes=True, cache_mb=8)
    yield plain, cached
    plain.state.store.close()
    cached.state.store.close()


def _get(app, path):
    """(status, body, served from the cache)."""
    import asyncio

    import httpx

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return await client.get(path)

    response = asyncio.run(go())
    return response.status_code, response.text, response.headers.get("x-tacitus-cache") == "hit"


@pytest.mark.parametrize("path", PATHS)
def test_api_cache_same_answer_cached_and_uncached(apps, path):
    plain, cached = apps
    status, body = get_once(plain, path)
    first = _get(cached, path)
    second = _get(cached, path)
    assert first[:2] == second[:2] == (status, body)
    assert second[2], "the second request was not served from the cache"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("/api/events?limit=2&dyad=CHN,RUS", "/api/events?dyad=CHN,RUS&limit=2"),
        ("/api/events?dyad=CHN%2CRUS&limit=2", "/api/events?limit=2&dyad=CHN,RUS"),
    ],
)
def test_api_cache_key_ignores_parameter_order_and_escapes(one, other):
    def scope(path):
        route, _, query = path.partition("?")
        return {"path": route, "query_string": query.encode()}

    assert cache_key(scope(one)) == cache_key(scope(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [("/api/events?limit=2", "/api/events?limit=3"), ("/api/events?dyad=CHN,RUS", "/api/dyads?dyad=CHN,RUS")],
)
def test_api_cache_key_tells_requests_apart(one, other):
    def scope(path):
        route, _, query = path.partition("?")
        return {"path": route, "query_string": query.encode()}

    assert cache_key(scope(one)) != cache_key(scope(other))


@pytest.mark.parametrize("path", ["/api/events/nothing:0", "/api/events?quad_class=9"])
def test_api_cache_keeps_no_errors(apps, path):
    _, cached = apps
    first, second = _get(cached, path), _get(cached, path)
    assert first[0] == second[0] >= 400
    assert not second[2]


@pytest.mark.parametrize("max_bytes", [20_000])
def test_api_cache_stays_within_its_bytes(demo_db, max_bytes):
    app = create_app(demo_db, dashboard=False)
    cache = ResponseCache(app, max_bytes=max_bytes)
    for day in range(1, 29):
        assert _get(cache, f"/api/events?limit=1&start=2021-01-{day:02d}")[0] == 200
        assert cache.bytes <= max_bytes
    assert 0 < len(cache._entries) < 28  # some kept, the least recently used evicted
    app.state.store.close()


def test_api_cache_store_cannot_change_under_it(apps, demo_db):
    """Why no invalidation is needed: while the app has the store open, no other process can
    open it to write."""
    writer = subprocess.run(
        [sys.executable, "-c", f"from tacitus.store.connection import connect; connect({str(demo_db)!r})"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
    )
    assert writer.returncode != 0
    assert "is in use by another process" in writer.stderr
