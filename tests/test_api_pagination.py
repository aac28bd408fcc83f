"""Keyset pagination with NULL sort keys: undated events and events without a Goldstein value."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tacitus.api import create_app
from tacitus.api.pagination import SORTS, decode_cursor, encode_cursor
from tacitus.records import Article, Event, Span
from tacitus.store.connection import connect
from tacitus.store.rows import StoredArticle
from tacitus.store.writer import write_batch

DATES = [None, "2021-01-01", "2021-01-01", None, "2020-05-05", "2022-02-02", "2021-01-01"]
GOLDSTEIN = [None, 1.0, -2.0, 1.0, None, 3.5, 1.0]


def _article(i: int, date: str | None) -> StoredArticle:
    text = "Alpha met Beta. Beta thanked Alpha."
    article = Article(id=f"doc-{i}", text=text, date=date)
    events = [
        Event(
            doc_id=article.id,
            sentence=0,
            date=date,
            source="USA",
            target="CHN",
            code="040",
            root_code="04",
            quad_class=1,
            goldstein=GOLDSTEIN[(i + k) % len(GOLDSTEIN)],
            plover={},
            source_actor=None,
            target_actor=None,
            evidence=Span("Alpha met Beta.", 0, 15),
            verb="met",
            rule=None,
        )
        for k in range(2)
    ]
    return StoredArticle(article=article, events=events)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("pages") / "nulls.duckdb"
    con = connect(path)
    write_batch(con, [_article(i, date) for i, date in enumerate(DATES)])
    con.close()
    with TestClient(create_app(path, dashboard=False), base_url="http://localhost") as client:
        yield client


def _expected(sort: str) -> list[str]:
    field, descending = sort.lstrip("-"), sort.startswith("-")
    rows = []
    for i, date in enumerate(DATES):
        for k in range(2):
            key = date if field == "date" else GOLDSTEIN[(i + k) % len(GOLDSTEIN)]
            rows.append((key, f"doc-{i}", k))
    present = sorted((r for r in rows if r[0] is not None), reverse=descending)
    missing = sorted((r for r in rows if r[0] is None), key=lambda r: r[1:], reverse=descending)
    ordered = present + missing if descending else missing + present
    return [f"{doc}:{k}" for _, doc, k in ordered]


@pytest.mark.parametrize("limit", [1, 2, 5])
@pytest.mark.parametrize("sort", sorted(SORTS))
def test_api_pagination_null_keys(client, sort, limit):
    seen, cursor = [], None
    for _ in range(40):
        page = client.get(
            "/api/events", params={"sort": sort, "limit": limit, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [event["id"] for event in page["events"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == _expected(sort)


@pytest.mark.parametrize(("sort", "key"), [("date", "2021-01-01"), ("-goldstein", 2.5), ("date", None)])
def test_api_pagination_cursor_round_trip(sort, key):
    cursor = encode_cursor(sort, key, "doc:with:colons", 7)
    decoded = decode_cursor(cursor, SORTS[sort])
    assert decoded[1:] == ("doc:with:colons", 7)
    assert (decoded[0].isoformat() if sort == "date" and key else decoded[0]) == key


@pytest.mark.parametrize("sort", ["-date"])
def test_api_pagination_cursor_of_another_sort_is_rejected(client, sort):
    cursor = encode_cursor("goldstein", 1.0, "doc-1", 0)
    response = client.get("/api/events", params={"sort": sort, "cursor": cursor})
    assert response.status_code == 400
