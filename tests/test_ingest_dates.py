"""Dates through every reader: read in every form, an unreadable or missing one counted and logged."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tacitus.cli import command_group
from tacitus.dates import MISSING
from tacitus.errors import UserInputError
from tacitus.ingest import IngestOptions, SkipReport, iter_articles, read_articles
from tacitus.ingest.readers import DATE_KEYS

cli = command_group()

TEXT = (
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fisheries. "
    "Both sides agreed to set up a joint commission that will report before the end of the year."
)
OPTIONS = IngestOptions(duplicates="off")
FORMS = [
    "20080804",
    20080804,
    "2008-08-04",
    "2008-08-04T23:30:00-05:00",
    "2008-08-04T10:00:00Z",
    "Mon, 04 Aug 2008 10:00:00 +0000",
    "2008/08/04",
    "4 August 2008",
    "August 4, 2008",
    1217844000,
    "1217844000000",
]


def _jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("value", FORMS)
def test_ingest_dates_jsonl_every_form(tmp_path, value):
    (article,) = read_articles([_jsonl(tmp_path / "in.jsonl", [{"text": TEXT, "date": value}])])
    assert (article.date, article.date_problem) == ("2008-08-04", None)


@pytest.mark.parametrize("key", DATE_KEYS)
def test_ingest_dates_jsonl_other_keys(tmp_path, key):
    (article,) = read_articles([_jsonl(tmp_path / "in.jsonl", [{"text": TEXT, key: "20080804"}])])
    assert article.date == "2008-08-04"


@pytest.mark.parametrize("record", [{"date": "20080804", "published": "1999-01-01"}])
def test_ingest_dates_jsonl_date_key_first(tmp_path, record):
    (article,) = read_articles([_jsonl(tmp_path / "in.jsonl", [{"text": TEXT, **record}])])
    assert article.date == "2008-08-04"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, MISSING),
        ("", MISSING),
        ("04/08/2008", "'04/08/2008' is not a date: day and month order is ambiguous (DD/MM or MM/DD)"),
        ("2021-05", "'2021-05' is not a date: a month, not a day"),
    ],
)
def test_ingest_dates_jsonl_undated_says_why(tmp_path, value, problem):
    (article,) = read_articles([_jsonl(tmp_path / "in.jsonl", [{"text": TEXT, "date": value}])])
    assert (article.date, article.date_problem) == (None, problem)


@pytest.mark.parametrize("dates", [["2008-08-04", "garbage", None, "20081345", 20080805]])
def test_ingest_dates_bad_dates_counted_never_stop_a_batch(tmp_path, caplog, dates):
    records = [{"id": f"r{n}", "text": f"{TEXT} Item {n}.", "date": date} for n, date in enumerate(dates)]
    report = SkipReport()
    with caplog.at_level(logging.INFO, logger="tacitus.ingest"):
        articles = list(iter_articles([_jsonl(tmp_path / "in.jsonl", records)], report=report))
    assert [a.date for a in articles] == ["2008-08-04", None, None, None, "2008-08-05"]
    assert (report.articles, report.undated, report.unreadable_dates) == (5, 3, 2)
    assert report.as_dict()["undated"] == 3 and report.as_dict()["unreadable_dates"] == 2
    origin = tmp_path / "in.jsonl"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"{origin}:2 (r1): 'garbage' is not a date: no date format Tacitus reads; left undated",
        f"{origin}:4 (r3): '20081345' is not a date: month must be in 1..12; left undated",
    ]
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert f"{origin}:3 (r2): no date" in infos


@pytest.mark.parametrize("default", ["20210204", "2021-02-04"])
def test_ingest_dates_default_for_undated_only(tmp_path, default):
    records = [
        {"id": "dated", "text": TEXT, "date": "2008-08-04"},
        {"id": "bad", "text": TEXT + " Two.", "date": "x"},
    ]
    options = IngestOptions(duplicates="off", date=default)
    dated, bad = read_articles([_jsonl(tmp_path / "in.jsonl", records)], options=options)
    assert (dated.date, dated.date_problem) == ("2008-08-04", None)
    assert (bad.date, bad.date_problem) == ("2021-02-04", "'x' is not a date: no date format Tacitus reads")


@pytest.mark.parametrize("default", ["04/02/2021"])
def test_ingest_dates_default_must_be_a_date(default):
    with pytest.raises(UserInputError, match="day and month order is ambiguous"):
        IngestOptions(date=default)


FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    "<item><title>Talks</title><link>https://w.example/1</link><pubDate>{date}</pubDate>"
    "<description>{text}</description></item></channel></rss>"
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 04 Aug 2008 10:00:00 GMT", "2008-08-04"),
        # The day as the feed wrote it; feedparser's own parse would move it to 5 August (UTC).
        ("Mon, 04 Aug 2008 23:30:00 -0500", "2008-08-04"),
        ("2008-08-04T10:00:00+02:00", "2008-08-04"),
        ("sometime soon", None),
    ],
)
def test_ingest_dates_feed(tmp_path, value, expected):
    path = tmp_path / "feed.rss"
    path.write_text(FEED.format(date=value, text=TEXT))
    (item,) = read_articles([str(path)], options=OPTIONS)
    assert item.date == expected
    assert (item.date_problem is None) == (expected is not None)


def _page(meta: str) -> bytes:
    return (
        f"<html><head><title>Talks</title>{meta}</head><body><article><h1>Talks</h1>"
        f"<p>{TEXT}</p><p>{TEXT.replace('Oslo', 'Bergen')}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta property="article:published_time" content="2008-08-04T10:00:00Z">', "2008-08-04"),
        ('<meta name="date" content="Mon, 04 Aug 2008 10:00:00 GMT">', "2008-08-04"),
        ("", "2009-09-09"),  # no date in the page: the record's WARC-Date
    ],
)
def test_ingest_dates_warc_page_then_record(tmp_path, meta, expected):
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/a",
                "response",
                payload=io.BytesIO(_page(meta)),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2009-09-09T08:00:00Z"},
            )
        )
    (page,) = read_articles([str(path)], options=OPTIONS)
    assert (page.date, page.date_problem) == (expected, None)


@pytest.mark.parametrize("dates", [["2008-08-04", "garbage", None]])
def test_ingest_dates_cli_report(tmp_path, dates):
    records = [{"id": f"r{n}", "text": f"{TEXT} Item {n}.", "date": date} for n, date in enumerate(dates)]
    path = _jsonl(tmp_path / "in.jsonl", records)
    out = str(tmp_path / "out.jsonl")
    result = CliRunner().invoke(cli, ["ingest", path, "--out", out, "--report", "--duplicates", "off"])
    assert result.exit_code == 0, result.output
    assert "articles: 3 (duplicates marked: 0)\nundated: 2 (no date: 1, unreadable: 1)\n" in result.output
    written = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [a["date_problem"] for a in written] == [
        None,
        "'garbage' is not a date: no date format Tacitus reads",
        MISSING,
    ]


@pytest.mark.parametrize("count", [13])
def test_ingest_dates_warnings_capped_counts_complete(tmp_path, caplog, count):
    records = [{"id": f"r{n}", "text": f"{TEXT} {n}", "date": f"bad {n}"} for n in range(count)]
    report = SkipReport()
    path = _jsonl(tmp_path / "in.jsonl", records)
    with caplog.at_level(logging.INFO, logger="tacitus.ingest"):
        articles = list(iter_articles([path], options=OPTIONS, report=report))
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(articles) == report.unreadable_dates == count
    assert len(warned) == 11 and warned[-1].startswith("more unreadable dates are logged at INFO")
    assert sum("'bad " in r.getMessage() for r in caplog.records) == count
