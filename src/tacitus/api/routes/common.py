"""What every router needs: the store of the app and article references for its rows."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote

from fastapi import Request

from tacitus.api.db import ReadOnlyStore
from tacitus.cameo import code_info
from tacitus.store.pages import article_ref_rows

__all__ = ["article_ref", "article_refs", "cameo_name", "get_store"]


async def get_store(request: Request) -> ReadOnlyStore:
    """FastAPI dependency: the app's read-only store. Async (it does no I/O) so that FastAPI
    calls it on the event loop instead of handing it to a worker thread."""
    store: ReadOnlyStore = request.app.state.store
    return store


@lru_cache(maxsize=4096)
def cameo_name(code: str) -> str | None:
    """The CAMEO name of an event code (cached: the table is fixed)."""
    return code_info(code).name or None


_MEMO_LIMIT = 100_000


def article_ref(row: dict[str, Any]) -> dict[str, Any]:
    """An articles row (id, title, date, url, source) as the API's `ArticleRef`."""
    return {**row, "href": f"/api/articles/{quote(row['id'], safe='')}"}


def article_refs(store: ReadOnlyStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, date, URL and API link of each article id (an `ArticleRef` as JSON): from the
    store's memo, the rest in one query."""
    memo = store.memo
    missing = sorted({doc_id for doc_id in ids if doc_id not in memo})
    if missing:
        rows = article_ref_rows(store.cursor(), missing)
        if len(memo) + len(rows) > _MEMO_LIMIT:
            memo.clear()
        for row in rows:
            memo[row["id"]] = article_ref(row)
    return {doc_id: memo[doc_id] for doc_id in ids if doc_id in memo}
