"""The dashboard: static pages and vendored assets served by the API app, usable offline."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from tacitus.api.headers import CSP

__all__ = ["PAGES", "install_dashboard", "static_dir"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

# URL path → page file. Pages are static: data arrives from /api and is put in the DOM as text.
PAGES = {
    "/": "index.html",
    "/dyad": "dyad.html",
    "/actor": "actor.html",
    "/map": "map.html",
    "/article": "article.html",
}


def static_dir() -> Path:
    """The folder of the packaged dashboard files."""
    return Path(str(resources.files("tacitus.dashboard").joinpath("static")))


def _page_handler(path: Path) -> Callable[[Request], Awaitable[Response]]:
    async def page(request: Request) -> Response:
        return FileResponse(path, media_type="text/html", headers={"Content-Security-Policy": CSP})

    return page


def install_dashboard(app: FastAPI) -> None:
    """Serve the pages at their paths and the assets under /static."""
    folder = static_dir()
    for url, name in PAGES.items():
        app.add_api_route(url, _page_handler(folder / name), methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=folder), name="static")
