"""The dashboard for research, in chromium through Playwright: actor search by name, time axes that
fit the data, series that break over empty periods, a map without antimeridian lines and with
hover labels, CSV downloads of what tables show, and notes saying how many events are hidden.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

import test_dashboard_browser as shared
from store_records import article, event
from tacitus.store import Store, StoredArticle

# The server, browser and page fixtures of the dashboard's browser tests (same skip rules).
ARTIFACTS, _serving = shared.ARTIFACTS, shared._serving
base_url, browser, page = shared.base_url, shared.browser, shared.page

pytestmark = pytest.mark.browser


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def _store(path, days):
    """A store with one CHN-RUS article and event on each ISO day of `days`."""
    with Store.open(path) as store:
        store.write(
            [
                StoredArticle(
                    article(f"d{i}", date=day),
                    events=[event(f"d{i}", "CHNGOV", "RUSGOV", "042" if i % 2 else "111", date=day)],
                )
                for i, day in enumerate(days)
            ]
        )
    return path


@pytest.fixture(scope="module")
def one_month_url(tmp_path_factory):
    days = ["2021-03-01", "2021-03-02", "2021-03-09", "2021-03-15", "2021-03-16", "2021-03-29"]
    with _serving(_store(tmp_path_factory.mktemp("month") / "month.duckdb", days)) as url:
        yield url


@pytest.fixture(scope="module")
def gap_url(tmp_path_factory):
    days = ["2020-01-10", "2020-02-11", "2020-03-12", "2021-01-05", "2021-02-06"]
    with _serving(_store(tmp_path_factory.mktemp("gap") / "gap.duckdb", days)) as url:
        yield url


def _open(browser, url):
    context = browser.new_context(
        base_url=url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    opened = context.new_page()
    opened.errors = []
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    return context, opened


CHART_STATE = """(id) => {
  const chart = document.getElementById(id).chart;
  return { min: chart.scales.x.min, max: chart.scales.x.max, xs: chart.data[0], ys: chart.data.slice(1),
           gaps: chart.series.slice(1).map((s) => s.spanGaps) };
}"""


@pytest.mark.parametrize(("typed", "code"), [("lavrov", "RUSGOV"), ("russia", "RUS"), ("chng", "CHNGOV")])
def test_dashboard_search_actor_by_name(page, typed, code):
    page.goto("/actor")
    page.locator("#input-code").press_sequentially(typed, delay=30)
    option = page.locator(f"ul.suggestions li.suggestion[data-code='{code}']")
    option.wait_for()
    _shot(page, f"search-{typed}")
    option.click()
    page.wait_for_url(f"**/actor?code={code}")
    page.wait_for_selector("#actor-chart canvas")
    assert page.locator("#actor-title").inner_text() == f"Actor {code}"
    assert not page.errors


def test_dashboard_search_dyad_boxes_by_keyboard(page):
    page.goto("/dyad")
    box = page.locator("#input-a")
    box.press_sequentially("china", delay=30)
    page.locator("#input-a-suggestions li.suggestion").first.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value().startswith("CHN")
    page.locator("#input-b").press_sequentially("lavrov", delay=30)
    page.locator("#input-b-suggestions li.suggestion[data-code='RUSGOV']").click()
    assert page.locator("#input-b").input_value() == "RUSGOV"
    _shot(page, "search-dyad")
    assert not page.errors


@pytest.mark.parametrize("path", ["/", "/actor?code=CHNGOV", "/dyad?a=CHNGOV&b=RUSGOV"])
def test_dashboard_time_axis_fits_one_month(browser, one_month_url, path):
    context, opened = _open(browser, one_month_url)
    opened.goto(path)
    chart_id = "quad-chart" if path == "/" else path.split("?")[0].strip("/") + "-chart"
    opened.wait_for_selector(f"#{chart_id} canvas")
    state = opened.evaluate(CHART_STATE, chart_id)
    assert opened.locator(f"#{chart_id}").get_attribute("data-interval") in ("day", "week")
    first = httpx.get(f"{one_month_url}/api/stats").json()["first_date"]
    # The axis spans the month (a little margin), not years: before, a month sat on a 3-year axis.
    assert state["min"] >= _epoch("2021-02-20") and state["max"] <= _epoch("2021-04-08"), state
    assert state["min"] <= _epoch(first) and state["max"] >= _epoch("2021-03-29"), state
    _shot(opened, f"axis-one-month-{chart_id}")
    assert not opened.errors
    context.close()


def _epoch(day):
    import datetime as dt

    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()


def test_dashboard_series_break_over_empty_months(browser, gap_url):
    context, opened = _open(browser, gap_url)
    opened.goto("/")
    opened.wait_for_selector("#quad-chart canvas")
    state = opened.evaluate(CHART_STATE, "quad-chart")
    assert opened.locator("#quad-chart").get_attribute("data-interval") == "month"
    assert len(state["xs"]) == 14  # 2020-01 … 2021-02: every month, the empty ones as gaps
    totals = [sum(v or 0 for v in values) for values in zip(*state["ys"], strict=True)]
    empty = [i for i, total in enumerate(totals) if total == 0]
    assert empty == list(range(3, 12))
    assert all(values[i] is None for values in state["ys"] for i in empty)
    assert state["gaps"] == [False, False, False, False]
    _shot(opened, "series-gaps")
    assert not opened.errors
    context.close()


MAP_STEPS = """() => {
  // The longest horizontal step a land outline draws (closing segments included), in map units.
  let longest = 0;
  for (const path of document.querySelectorAll("#map path.land")) {
    const parts = path.getAttribute("d").match(/[MLZ][^MLZ]*/g);
    let start = null, previous = null;
    for (const part of parts) {
      const kind = part[0];
      const point = kind === "Z" ? start : part.slice(1).split(",").map(Number);
      if (kind === "M") { start = point; previous = point; continue; }
      longest = Math.max(longest, Math.abs(point[0] - previous[0]));
      previous = point;
    }
  }
  return longest;
}"""


def test_dashboard_map_without_antimeridian_lines_and_labels_on_hover(page):
    page.goto("/map")
    page.wait_for_selector("#map circle.place")
    assert page.evaluate(MAP_STEPS) < 100  # a line across the map would be ~960
    circle = page.locator("#map circle.place").first
    name = circle.get_attribute("data-name")
    assert page.locator("#map text.place-label").count() == 0
    circle.hover()
    label = page.locator("#map text.place-label")
    label.wait_for()
    assert label.text_content().startswith(name)
    _shot(page, "map-hover")
    page.mouse.move(5, 5)
    assert page.locator("#map text.place-label").count() == 0
    assert not page.errors


@pytest.mark.parametrize(
    ("path", "block", "header"),
    [
        ("/", "#top-actors", ["Code", "Name", "Events"]),
        ("/", "#top-dyads", ["Dyad", "Events", "Mean Goldstein"]),
        ("/actor?code=CHN", "#actor-dyads", ["Dyad", "Events", "Goldstein sum"]),
        ("/dyad?a=CHN&b=RUS&interval=month", "#dyad-events", ["Date", "Source", "Target", "Event"]),
        ("/map", "#place-list", ["Place", "Country", "Mentions", "Articles", "Events"]),
    ],
)
def test_dashboard_tables_download_what_they_show(page, tmp_path, path, block, header):
    page.goto(path)
    page.wait_for_selector(f"{block} table tbody tr")
    with page.expect_download() as caught:
        page.locator(f"{block} a.csv-download").click()
    saved = tmp_path / "table.csv"
    caught.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    shown = page.locator(f"{block} table tbody tr")
    assert rows[0][: len(header)] == header
    assert len(rows) - 1 == shown.count()
    assert rows[1] == [cell.strip() for cell in shown.first.locator("td").all_inner_texts()]


def test_dashboard_top_actors_never_name_a_generic_code_by_a_person(page):
    page.goto("/")
    page.wait_for_selector("#actor-table tbody tr")
    names = dict(
        zip(
            page.locator("#actor-table tbody td:nth-child(1)").all_inner_texts(),
            page.locator("#actor-table tbody td:nth-child(2)").all_inner_texts(),
            strict=True,
        )
    )
    assert names["RUSGOV"] == "Russian Federation: Government" and names["CHN"] == "China"
    assert "Sergei Lavrov" not in names.values()


@pytest.mark.parametrize(("path", "chart"), [("/dyad?a=CHN&b=RUS&interval=month", "dyad-chart")])
def test_dashboard_chart_says_how_many_events_are_below_threshold(page, base_url, path, chart):
    page.goto(path)
    note = page.locator(f"#{chart} .below-note")
    note.wait_for()
    below = httpx.get(f"{base_url}/api/confidence", params={"pair": "CHN,RUS"}).json()["below"]
    assert below > 0 and note.get_attribute("data-below") == str(below)
    assert note.inner_text().startswith(f"{below} event")
    _shot(page, "below-note")
