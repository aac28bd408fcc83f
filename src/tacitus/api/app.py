"""The FastAPI application: routers under /api, the one error shape, and the dashboard pages."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from fastapi import APIRouter, FastAPI

from tacitus import __version__
from tacitus.api.db import ReadOnlyStore
from tacitus.api.errors import ErrorBody, install_error_handlers
from tacitus.api.guard import LOCAL_HOSTS, HeadAsGet, HostGuard, SecurityHeaders
from tacitus.api.responses import FastJSONResponse
from tacitus.api.routes import aggregates, articles, events, quotes
from tacitus.store.aggregates import event_count

__all__ = ["create_app"]

log = logging.getLogger(__name__)

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
    db_path: str | Path,
    *,
    dashboard: bool = True,
    indexes: bool = False,
    cache_mb: int = 0,
    workers: int = 1,
    min_confidence: float | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The Tacitus web app over the store at `db_path`, opened read-only. With `indexes`, build
    the start-up indexes (`tacitus.api.hot`) that serve the hot list and time-series requests
    (about 4 s of start-up and 1.3 GB of memory per million events; worth it for a server,
    not for one `serve --get`); they are skipped, with a warning, where `workers` processes'
    worth of them would not fit in half the memory the machine has free. With `cache_mb` > 0,
    keep up to that many megabytes of API answers for repeated requests (`tacitus.api.cache`).
    `min_confidence` is the threshold requests without a `min_confidence` parameter get (None:
    the calibrated default, `tacitus.events.confidence.default_min_confidence`; 0: none); the
    start-up indexes hold the events at or above it. Requests whose Host is not one of
    `allowed_hosts` (default `tacitus.api.guard.LOCAL_HOSTS`; ``*.example.org`` for subdomains,
    ``*`` for any) are refused with 400: a web page whose name is rebound to this machine's
    address cannot read the API. Every response carries the security headers
    (`tacitus.api.headers`), and HEAD is answered wherever GET is.

    Raises:
        StoreError: the store is missing, locked by a writer, or not a Tacitus store.
    """
    # The store stays open for the app's life: test clients start and stop the app's lifespan
    # many times over one app, so closing it there would break the next client.
    store = ReadOnlyStore(db_path)
    if min_confidence is None:
        from tacitus.events.confidence import default_min_confidence

        min_confidence = default_min_confidence()
    if indexes and _indexes_fit(store, workers):
        from tacitus.api.hot import HotIndex
        from tacitus.api.routes.common import article_ref

        store.hot = HotIndex(store.build_cursor(), article_ref, min_confidence=min_confidence or None)
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
    app.state.min_confidence = min_confidence
    install_error_handlers(app)
    app.include_router(_api_router())
    if dashboard:
        from tacitus.dashboard import install_dashboard

        install_dashboard(app)
    if cache_mb > 0:
        from tacitus.api.cache import ResponseCache

        app.add_middleware(ResponseCache, max_bytes=cache_mb * 2**20)
    # Added last, run first: headers on every answer (refusals too), then the Host check.
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostGuard, allowed=LOCAL_HOSTS if allowed_hosts is None else allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


# Peak memory of building the start-up indexes, per event (2.1 GB for 1,000,000 events, measured
# with benchmarks/api.py; 1.24 GB stays once built).
INDEX_PEAK_BYTES_PER_EVENT = 2_200


def _free_memory() -> int | None:
    """Bytes of memory available for new allocations now, or None where unknown. On Linux,
    MemAvailable (free pages plus the page cache the kernel can drop: a store just written or
    read sits in that cache); elsewhere the free pages sysconf reports."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _indexes_fit(store: ReadOnlyStore, workers: int) -> bool:
    """Whether `workers` processes can each build the indexes in half the free memory: a store
    too large for them is served by plain queries (slower under load) instead of swapping."""
    free = _free_memory()
    needed = event_count(store.cursor()) * INDEX_PEAK_BYTES_PER_EVENT * workers
    if free is None or needed <= free // 2:
        return True
    log.warning(
        "start-up indexes skipped: %d worker(s) would need about %.1f GB and %.1f GB of memory is "
        "free - serving from the store instead (slower under load); use fewer --workers, more "
        "memory, or --no-indexes to silence this",
        workers,
        needed / 1e9,
        free / 1e9,
    )
    return False
