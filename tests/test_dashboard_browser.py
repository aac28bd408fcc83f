"""The dashboard in Debian's chromium through Playwright: charts, event lists, evidence highlighting,
hostile article text rendered as text, and screenshots written to test-artifacts/."""

from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import httpx
import pytest

from api_demo import EVENT_LOCATIONS, HOSTILE_ARTICLE, XSS_TITLE, build_demo_store, stored_articles

# Debian's chromium; TACITUS_CHROMIUM points elsewhere (or nowhere, to check the skip).
CHROMIUM = Path(os.environ.get("TACITUS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package: pip install playwright"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium",
        allow_module_level=True,
    )

import uvicorn  # noqa: E402

from tacitus.api import create_app  # noqa: E402
from tacitus.events.confidence import default_min_confidence  # noqa: E402

STORED = stored_articles()
EVENTS = {f"{s.article.id}:{i}": e for s in STORED for i, e in enumerate(s.events)}
THRESHOLD = default_min_confidence()
SHOWN = {key: e for key, e in EVENTS.items() if e.confidence >= THRESHOLD}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _serving(db: Path):
    """`db` served by uvicorn on a free loopback port in a thread; yields the base URL."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=_free_port(), log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start within 20 s"
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with _serving(build_demo_store(tmp_path_factory.mktemp("browser") / "demo.duckdb")) as url:
        yield url


@pytest.fixture(scope="module")
def pipeline_demo(tmp_path_factory):
    """The store `tacitus demo` makes: the shipped examples through the real pipeline."""
    from tacitus.pipeline import RunOptions, run

    db = tmp_path_factory.mktemp("pipeline") / "demo.duckdb"
    examples = resources.files("tacitus").joinpath("data", "examples", "articles.jsonl")
    with resources.as_file(examples) as path:
        run([str(path)], db=db, options=RunOptions(workers=1))
    with _serving(db) as url:
        yield url, db


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    """A page that may only reach the test server; records dialogs, outside requests and JS errors."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs, page.outside, page.errors = [], [], []

    def route(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _dyad_events(a, b, events=None):
    return {
        key
        for key, e in (SHOWN if events is None else events).items()
        if {e.source[:3], e.target[:3]} == {a, b} and (e.source.startswith((a, b)))
    }


@pytest.mark.parametrize(("a", "b"), [("CHN", "RUS")])
def test_dashboard_dyad_renders_chart_and_events(page, a, b):
    page.goto(f"/dyad?a={a}&b={b}&interval=month")
    page.wait_for_selector("#dyad-chart canvas")
    page.wait_for_selector("tr.event-row")
    page.wait_for_selector("#quotes-a li")
    page.wait_for_selector("#quotes-b li")
    rows = page.locator("tr.event-row")
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == _dyad_events(a, b)
    assert page.locator("#dyad-chart .u-legend").inner_text().count("→") == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-dyad.png"), full_page=True)
    assert not page.errors and not page.outside


@pytest.mark.parametrize("name", ["overview"])
def test_dashboard_overview_renders(page, name):
    page.goto("/")
    page.wait_for_selector("#quad-chart canvas")
    page.wait_for_selector("#dyad-table tbody tr")
    page.wait_for_selector("#totals .card")
    totals = page.locator("#totals").inner_text()
    assert str(len(SHOWN)) in totals and f"below confidence {THRESHOLD:.2f} (hidden)" in totals
    first = page.locator("#dyad-table tbody tr").first.inner_text()
    assert first.startswith("CHN → RUS")
    assert page.locator("#quad-chart .undated-note").count() == 0  # every demo event is dated
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)
    assert not page.errors and not page.outside


@pytest.mark.parametrize(("a", "b"), [("CHN", "RUS")])
def test_dashboard_hides_low_confidence_events_until_asked(page, a, b):
    """The dyad's events below the threshold are hidden, counted, and shown (marked) on request."""
    hidden = _dyad_events(a, b, EVENTS) - _dyad_events(a, b)
    assert hidden, "the demo store needs events below the threshold in this dyad"
    page.goto(f"/dyad?a={a}&b={b}&interval=month")
    page.wait_for_selector("tr.event-row")
    note = page.locator("#dyad-events .confidence-note")
    assert note.inner_text().startswith(f"{len(hidden)} events below confidence {THRESHOLD:.2f} hidden.")
    header = page.locator("#dyad-events thead").inner_text()
    assert "Confidence" in header
    shown = page.locator("tr.event-row")
    assert {shown.nth(i).get_attribute("data-event") for i in range(shown.count())} == _dyad_events(a, b)
    first = shown.first.get_attribute("data-event")
    assert page.locator("tr.event-row td.confidence").first.inner_text() == f"{EVENTS[first].confidence:.2f}"
    note.get_by_role("button", name="Show them").click()
    page.wait_for_selector("tr.event-row.low-confidence")
    rows = page.locator("tr.event-row")
    everything = _dyad_events(a, b, EVENTS)
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == everything
    low = page.locator("tr.event-row.low-confidence")
    assert {low.nth(i).get_attribute("data-event") for i in range(low.count())} == hidden
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-dyad-low-confidence.png"), full_page=True)
    page.locator("#dyad-events .confidence-note").get_by_role("button", name="Hide them").click()
    page.wait_for_selector("tr.event-row.low-confidence", state="detached")
    assert page.locator("tr.event-row").count() == len(_dyad_events(a, b))
    assert not page.errors and not page.outside


@pytest.mark.parametrize("row", [0, 2])
def test_dashboard_event_click_highlights_evidence(page, row):
    page.goto("/dyad?a=CHN&b=RUS")
    page.wait_for_selector("tr.event-row")
    clicked = page.locator("tr.event-row").nth(row)
    event_id = clicked.get_attribute("data-event")
    clicked.locator("a.evidence-link").click()
    page.wait_for_selector("#article-text[data-ready=true]")
    assert "/article" in page.url
    focused = page.locator("#article-text .focus")
    assert "".join(focused.all_inner_texts()) == EVENTS[event_id].evidence.text
    assert page.locator("#article-events li.active").get_attribute("data-event") == event_id
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-article-{row}.png"), full_page=True)
    assert not page.errors and not page.outside


@pytest.mark.parametrize("article_id", ["example-001"])
def test_dashboard_article_side_list_focuses_event(page, article_id):
    page.goto(f"/article?id={article_id}")
    page.wait_for_selector("#article-text[data-ready=true]")
    items = page.locator("#article-events li")
    last = items.nth(items.count() - 1)
    last.click()
    expected = EVENTS[last.get_attribute("data-event")].evidence.text
    assert "".join(page.locator("#article-text .focus").all_inner_texts()) == expected


@pytest.mark.parametrize(
    "path", [f"/article?id={HOSTILE_ARTICLE.id}", "/dyad?a=FRA&b=DEU", "/actor?code=FRA"]
)
def test_dashboard_hostile_text_stays_text(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)  # give any injected handler (onerror) the chance to fire
    assert page.dialogs == []
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img, main script, main [onerror]").count() == 0
    scripts = page.eval_on_selector_all("script", "nodes => nodes.map(n => n.getAttribute('src'))")
    assert all(src and src.startswith("/static/") for src in scripts)
    body = page.locator("main").inner_text()
    assert "onerror=" in body  # the payload is on the page, as text
    if path.startswith("/article"):
        assert page.locator("#article-title").inner_text() == XSS_TITLE
        assert page.locator("#article-text").inner_text() == HOSTILE_ARTICLE.text
    assert not page.errors and not page.outside


@pytest.mark.parametrize(("path", "of"), [("/map", "events"), ("/map?of=mentions", "mentions")])
def test_dashboard_map_draws_outline_and_places(page, path, of):
    page.goto(path)
    page.wait_for_selector("#map svg path.land")
    assert page.locator("#map").get_attribute("data-of") == of
    if of == "events":
        places = {(loc[1].title(), loc[3]) for loc in EVENT_LOCATIONS.values()}
    else:
        places = {(p.name, p.country) for s in STORED for p in s.locations}
    assert page.locator("#map circle.place").count() == len(places)
    assert not page.errors and not page.outside


@pytest.mark.parametrize(("a", "b"), [("CHN", "RUS")])
def test_dashboard_dyad_renders_pipeline_demo(browser, pipeline_demo, a, b):
    """The dyad page over what `tacitus demo` stores (real ingest, coder and store): the events at
    the threshold, then, on request, all of them."""
    url, _ = pipeline_demo

    def ids(**params):
        response = httpx.get(f"{url}/api/events", params={"pair": f"{a},{b}", "limit": 500, **params})
        assert response.status_code == 200
        return {event["id"] for event in response.json()["events"]}

    expected, shown = ids(min_confidence=0), ids()
    assert expected, "the demo store has no CHN-RUS events: the coder output changed"
    context = browser.new_context(base_url=url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"/dyad?a={a}&b={b}")
    # The chart counts the events at the threshold: there may be none ("No dated events.").
    page.wait_for_selector("#dyad-chart canvas, #dyad-chart p")
    page.wait_for_selector("#dyad-events .confidence-note")
    rows = page.locator("tr.event-row")
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == shown
    if expected - shown:
        page.locator("#dyad-events .confidence-note").get_by_role("button", name="Show them").click()
        page.wait_for_selector("tr.event-row.low-confidence")
    assert {rows.nth(i).get_attribute("data-event") for i in range(rows.count())} == expected
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-dyad-pipeline-demo.png"), full_page=True)
    context.close()


UNDATED_ARTICLE = "tacitus-cr-2"  # Russia and China trade accusations (May 2021)


@pytest.fixture(scope="module")
def undated_url(tmp_path_factory):
    """The demo store with one CHN-RUS article (and so its events) left undated."""
    from tacitus.store.connection import connect

    db = build_demo_store(tmp_path_factory.mktemp("undated") / "demo.duckdb")
    con = connect(db)
    con.execute("UPDATE articles SET date = NULL WHERE id = ?", [UNDATED_ARTICLE])
    con.execute("UPDATE events SET date = NULL WHERE doc_id = ?", [UNDATED_ARTICLE])
    con.close()
    with _serving(db) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "chart", "matches"),
    [
        ("/", "#quad-chart", lambda e: True),
        (
            "/dyad?a=CHN&b=RUS&interval=month",
            "#dyad-chart",
            lambda e: {e.source[:3], e.target[:3]} == {"CHN", "RUS"},
        ),
        ("/actor?code=RUS", "#actor-chart", lambda e: "RUS" in (e.source[:3], e.target[:3])),
    ],
)
def test_dashboard_says_how_many_events_are_undated(browser, undated_url, path, chart, matches):
    """The charts plot dated events only, and say how many matching events (at the confidence
    threshold the page shows) have no date."""
    undated = sum(1 for e in SHOWN.values() if e.doc_id == UNDATED_ARTICLE and matches(e))
    assert undated > 0
    context = browser.new_context(base_url=undated_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path)
    page.wait_for_selector(f"{chart} canvas")
    note = page.locator(f"{chart} .undated-note")
    note.wait_for()
    assert note.get_attribute("data-undated") == str(undated)
    assert note.inner_text().startswith(f"{undated} event")
    if path == "/":
        page.wait_for_selector("#totals .card")
        cards = page.locator("#totals").inner_text()
        assert f"{undated}\nundated events" in cards
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0] or "overview"
    page.screenshot(path=str(ARTIFACTS / f"dashboard-undated-{name}.png"), full_page=True)
    context.close()
    assert not errors


BIDI_SOURCE = "Tacitus \u202ewire"  # a right-to-left override that is never closed
BIDI_SPEAKER = "Lavrov \u202eevil"


@pytest.fixture(scope="module")
def bidi_url(tmp_path_factory):
    """The demo store with bidi overrides in an article's source and a quote's speaker, as a store
    written before cleaning dropped them would hold."""
    from tacitus.store.connection import connect

    db = build_demo_store(tmp_path_factory.mktemp("bidi") / "demo.duckdb")
    con = connect(db)
    con.execute("UPDATE articles SET source = ? WHERE id = ?", [BIDI_SOURCE, HOSTILE_ARTICLE.id])
    con.execute("UPDATE quotes SET speaker_name = ?", [BIDI_SPEAKER])
    con.close()
    with _serving(db) as url:
        yield url


# The left edges of the first two characters of `needle` in the first text of `selector` holding
# it (of any text when empty; two neighbours share a line, so their order is the reading order),
# and the tag of that text's element.
_EDGES = """([selector, needle]) => {
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0 || node.data.trim().length < 2) continue;
      const range = document.createRange();
      const left = (i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      };
      return [left(at), left(at + 1), node.parentElement.tagName];
    }
  }
  return null;
}"""


@pytest.mark.parametrize(
    ("path", "override", "following"),
    [
        (
            f"/article?id={HOSTILE_ARTICLE.id}",
            ["#article-meta", "wire"],
            ["#article-meta", HOSTILE_ARTICLE.id],
        ),
        ("/dyad?a=CHN&b=RUS&interval=month", ["#quotes-a li", "evil"], ["#quotes-a li a", ""]),
    ],
)
def test_dashboard_bidi_override_stays_in_its_value(browser, bidi_url, path, override, following):
    """An override in one value (the source, a speaker) used to reorder what follows it on the
    line (the article id, the quote's article); each value is now an isolate."""
    context = browser.new_context(base_url=bidi_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path)
    page.wait_for_selector("#article-text[data-ready=true]" if "article" in path else "#quotes-a li")
    page.wait_for_load_state("networkidle")
    first, last, _ = page.evaluate(_EDGES, following)
    assert first < last, "the text after the override is laid out right to left"
    assert page.evaluate(_EDGES, override)[2] == "BDI"
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").split("?")[0]
    page.screenshot(path=str(ARTIFACTS / f"dashboard-bidi-{name}.png"), full_page=True)
    context.close()
