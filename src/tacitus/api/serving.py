"""Running the app under uvicorn: one process or several workers, each opening the store read-only."""

from __future__ import annotations

import gc
import os
import sys

from fastapi import FastAPI

__all__ = ["ENV_CACHE_MB", "ENV_DB", "ENV_INDEXES", "ENV_MIN_CONFIDENCE", "app_from_env", "run"]

# uvicorn starts each worker by importing a factory, so the worker's settings travel in the environment.
ENV_DB = "TACITUS_SERVE_DB"
ENV_INDEXES = "TACITUS_SERVE_INDEXES"
ENV_CACHE_MB = "TACITUS_SERVE_CACHE_MB"
ENV_WORKERS = "TACITUS_SERVE_WORKERS"
ENV_MIN_CONFIDENCE = "TACITUS_SERVE_MIN_CONFIDENCE"


def app_from_env() -> FastAPI:
    """The app of one worker: the store named by $TACITUS_SERVE_DB (uvicorn's factory)."""
    from tacitus.api import create_app

    app = create_app(
        os.environ[ENV_DB],
        indexes=os.environ.get(ENV_INDEXES, "1") == "1",
        cache_mb=int(os.environ.get(ENV_CACHE_MB, "0")),
        workers=int(os.environ.get(ENV_WORKERS, "1")),
        min_confidence=float(os.environ[ENV_MIN_CONFIDENCE]) if os.environ.get(ENV_MIN_CONFIDENCE) else None,
    )
    # The indexes are millions of long-lived objects; a full garbage collection would walk them
    # all and stall every request in flight. Frozen, the collector skips them.
    gc.freeze()
    return app


def _fast_parts() -> dict[str, str]:
    """uvloop's event loop and the httptools parser where installed: measured on the 1M-event
    benchmark they cut the server's CPU per request by about a third against asyncio + h11."""
    parts = {}
    if sys.platform != "win32":
        try:
            import uvloop  # noqa: F401

            parts["loop"] = "uvloop"
        except ImportError:
            pass
    try:
        import httptools  # noqa: F401

        parts["http"] = "httptools"
    except ImportError:
        pass
    return parts


def run(
    db_path: str,
    *,
    host: str,
    port: int,
    workers: int,
    indexes: bool,
    cache_mb: int,
    min_confidence: float | None = None,
) -> None:
    """Serve the app on host:port with `workers` processes (DuckDB lets many processes open one
    store read-only; each builds its own start-up indexes and keeps its own response cache)."""
    import uvicorn

    os.environ[ENV_DB] = str(db_path)
    os.environ[ENV_INDEXES] = "1" if indexes else "0"
    os.environ[ENV_WORKERS] = str(workers)
    os.environ[ENV_CACHE_MB] = str(cache_mb)
    os.environ[ENV_MIN_CONFIDENCE] = "" if min_confidence is None else repr(min_confidence)
    uvicorn.run(
        "tacitus.api.serving:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        log_level="warning",
        # Access logs cost ~10 % of a request's CPU and nothing reads them here.
        access_log=False,
        **_fast_parts(),  # type: ignore[arg-type]
    )
