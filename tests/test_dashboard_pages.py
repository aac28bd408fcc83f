"""The dashboard pages as served (in-process, no browser): HTML parsed, every asset local and
shipped, a Content-Security-Policy on each page, and the vendored files' licences recorded."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api_demo import build_demo_store
from tacitus.api import create_app
from tacitus.dashboard import PAGES, static_dir

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ["uPlot.iife.min.js", "uPlot.min.css", "topojson-client.min.js", "land-110m.json"]


class _Assets(HTMLParser):
    """Collects script sources, stylesheet links and inline scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.ids: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            else:
                self._in_script = True
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.urls.append(attrs["href"])

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app(build_demo_store(tmp_path_factory.mktemp("pages") / "demo.duckdb"))
    with TestClient(app, base_url="http://localhost") as client:
        yield client


def _parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    parser = _Assets()
    parser.feed(response.text)
    return response, parser


@pytest.mark.parametrize("path", sorted(PAGES))
def test_dashboard_page_assets_are_local(client, path):
    response, parser = _parse(client, path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert parser.inline_scripts == 0
    assert parser.urls and all(url.startswith("/static/") for url in parser.urls)
    for url in parser.urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("path", "ids"),
    [
        ("/", {"totals", "quad-chart", "top-dyads", "top-actors"}),
        ("/dyad", {"dyad-chart", "dyad-events", "quotes-a", "quotes-b"}),
        ("/actor", {"actor-chart", "actor-dyads", "actor-events", "actor-quotes"}),
        ("/map", {"map", "place-list"}),
        ("/article", {"article-title", "article-text", "article-events", "article-quotes"}),
    ],
)
def test_dashboard_page_has_its_sections(client, path, ids):
    _, parser = _parse(client, path)
    assert ids <= parser.ids


@pytest.mark.parametrize("name", VENDORED)
def test_dashboard_vendored_file_shipped_with_licence(client, name):
    assert client.get(f"/static/vendor/{name}").status_code == 200
    assert (static_dir() / "vendor" / name).stat().st_size > 1000
    assert name in (ROOT / "NOTICE").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", sorted(p.name for p in static_dir().glob("*.js")))
def test_dashboard_scripts_never_use_inner_html(script):
    code = (static_dir() / script).read_text(encoding="utf-8")
    lines = [line for line in code.splitlines() if not line.strip().startswith("//")]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert not any(sink in line for line in lines), f"{script} uses {sink}"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_dashboard_no_cdn_backed_pages(client, path):
    # FastAPI's own doc pages fetch scripts from a CDN; the app must not serve them.
    assert client.get(path).status_code == 404
