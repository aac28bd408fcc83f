"""Zyte extraction benchmark: F1 floors (HTML path) and WARC texts equal to the HTML path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.evaluate.floors import FloorFile
from tacitus.ingest import IngestOptions, Skip, read_articles
from tacitus.ingest.evaluate import WordScore
from tacitus.records import Article

PAGES = "data/corpus/html_zyte_article_extraction_benchmark.jsonl"
WARC = "data/corpus/warc_zyte_news_pages.warc.gz"
FLOORS = FloorFile.read(Path(__file__).parent / "floors" / "ingest.json")
EVERY_LANGUAGE = IngestOptions(languages=frozenset(), duplicates="off")


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with shared_path(PAGES).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="module")
def html_path(pages: list[dict[str, str]]) -> dict[str, Article | Skip]:
    """Every page through the HTML path (JSONL `html` field), all languages, keyed by URL."""
    items = read_articles([str(shared_path(PAGES))], options=EVERY_LANGUAGE)
    return {page["url"]: item for page, item in zip(pages, items, strict=True)}


@pytest.fixture(scope="module")
def warc_items() -> list[Article | Skip]:
    """The WARC with default options (English only)."""
    return list(read_articles([str(shared_path(WARC))]))


def test_ingest_zyte_gold_file_is_the_pinned_one() -> None:
    assert FLOORS.gold_matches("zyte_html", shared_path(PAGES))


def test_ingest_zyte_f1_floors_and_beats_trafilatura(
    pages: list[dict[str, str]], html_path: dict[str, Article | Skip]
) -> None:
    score = WordScore()
    for page in pages:
        item = html_path[page["url"]]
        score.add_text(None if isinstance(item, Skip) else item.text, page["expected_text"])
    got = score.as_dict()
    assert not FLOORS.failures("zyte_html", got)
    # Plain trafilatura is measured beside Tacitus by benchmarks/ingest_html.py.
    baseline = FLOORS.gate("zyte_html")["baseline_trafilatura_default"]
    assert got["f1"] >= baseline["f1"] and got["precision"] > baseline["precision"]


def test_ingest_zyte_warc_accounts_for_every_record(warc_items: list[Article | Skip]) -> None:
    assert len(warc_items) == 181
    for item in warc_items:
        assert isinstance(item, Article) or item.reason.startswith("language:"), item
    assert sum(isinstance(item, Article) for item in warc_items) >= 155


def test_ingest_zyte_warc_text_equals_html_path(
    warc_items: list[Article | Skip], html_path: dict[str, Article | Skip]
) -> None:
    by_url = {(item.url or ""): item for item in html_path.values() if isinstance(item, Article)}
    for item in warc_items:
        if isinstance(item, Skip):
            continue
        assert item.origin and "@" in item.origin and item.date is not None
        assert by_url[item.url or ""].text == item.text, item.url


def test_ingest_zyte_warc_language_skips_match_html_path(
    warc_items: list[Article | Skip], html_path: dict[str, Article | Skip]
) -> None:
    skipped = sorted(item.reason for item in warc_items if isinstance(item, Skip))
    foreign = sorted(
        f"language:{item.language}"
        for item in html_path.values()
        if isinstance(item, Article) and item.language not in ("en", "und")
    )
    assert skipped == foreign
