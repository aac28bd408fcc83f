"""The FastAPI application: routers under /api, the one error shape, and the dashboard pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI

from tacitus import __version__
from tacitus.api.db import ReadOnlyStore
from tacitus.api.errors import ErrorBody, install_error_handlers
from tacitus.api.responses import FastJSONResponse
from tacitus.api.routes import aggregates, articles, events, quotes

__all__ = ["create_app"]

_ERRORS = {
    400: {"model": ErrorBody, "description": "Bad request (e.g. a cursor that was altered)"},
    404: {"model": ErrorBody, "description": "No such event, article or path"},
    422: {"model": ErrorBody, "description": "A parameter is not valid"},
    500: {"model": ErrorBody, "description": "Internal error"},
}


def _api_router() -> APIRouter:
    api = APIRouter(prefix="/api", responses=_ERRORS)  # type: ignore[arg-type]
    for module in (events, articles, quotes, aggregates):
        api.include_router(module.router)
    return api


def create_app(
    db_path: str | Path, *, dashboard: bool = True, indexes: bool = False, cache_mb: int = 0
) -> FastAPI:
    """The Tacitus web app over the store at `db_path`, opened read-only. With `indexes`, build
    the start-up indexes (`tacitus.api.hot`) that serve the hot list and time-series requests
    (about 4 s of start-up and 1.3 GB of memory per million events; worth it for a server,
    not for one `serve --get`). With `cache_mb` > 0, keep up to that many megabytes of API
    answers for repeated requests (`tacitus.api.cache`).

    Raises:
        StoreError: the store is missing, locked by a writer, or not a Tacitus store.
    """
    # The store stays open for the app's life: test clients start and stop the app's lifespan
    # many times over one app, so closing it there would break the next client.
    store = ReadOnlyStore(db_path)
    if indexes:
        from tacitus.api.hot import HotIndex
        from tacitus.api.routes.common import article_ref

        store.hot = HotIndex(store.build_cursor(), article_ref)
    app = FastAPI(
        title="Tacitus",
        version=__version__,
        summary="Political event data from news: events, actors, dyads, quotes and places.",
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: off, the app works offline.
        docs_url=None,
        redoc_url=None,
        default_response_class=FastJSONResponse,
    )
    app.state.store = store
    install_error_handlers(app)
    app.include_router(_api_router())
    if dashboard:
        from tacitus.dashboard import install_dashboard

        install_dashboard(app)
    if cache_mb > 0:
        from tacitus.api.cache import ResponseCache

        app.add_middleware(ResponseCache, max_bytes=cache_mb * 2**20)
    return app
