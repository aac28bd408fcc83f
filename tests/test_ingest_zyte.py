"""Zyte article-extraction benchmark: F1 floors (HTML path) and WARC records equal to the HTML path."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import trafilatura

from conftest import shared_path
from tacitus.ingest import IngestOptions, Skip, read_articles
from tacitus.ingest.evaluate import WordScore
from tacitus.records import Article

PAGES = "data/corpus/html_zyte_article_extraction_benchmark.jsonl"
WARC = "data/corpus/warc_zyte_news_pages.warc.gz"
FLOORS = Path(__file__).parent / "data" / "ingest_zyte_floors.json"


@pytest.fixture(scope="module")
def pages() -> list[dict[str, str]]:
    with shared_path(PAGES).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="module")
def html_path_items(pages: list[dict[str, str]]) -> dict[str, Article | Skip]:
    """Default ingestion of the pages (English only), keyed by URL."""
    items = read_articles([str(shared_path(PAGES))])
    return {page["url"]: item for page, item in zip(pages, items, strict=True)}


@pytest.fixture(scope="module")
def warc_items() -> list[Article | Skip]:
    return list(read_articles([str(shared_path(WARC))]))


def test_ingest_zyte_gold_file_is_the_pinned_one() -> None:
    pinned = json.loads(FLOORS.read_text())["gold_sha256"]
    assert hashlib.sha256(shared_path(PAGES).read_bytes()).hexdigest() == pinned


def test_ingest_zyte_f1_floors_and_beats_trafilatura(pages: list[dict[str, str]]) -> None:
    ours, plain = WordScore(), WordScore()
    items = read_articles([str(shared_path(PAGES))], options=IngestOptions(languages=frozenset(), duplicates="off"))
    for page, item in zip(pages, items, strict=True):
        ours.add(None if isinstance(item, Skip) else item.text, page["expected_text"])
        plain.add(trafilatura.extract(page["html"], url=page["url"]), page["expected_text"])
    floors = json.loads(FLOORS.read_text())["tacitus"]
    got = ours.as_dict()
    assert all(got[key] >= floor for key, floor in floors.items()), (got, floors)
    assert ours.f1 >= plain.f1 and ours.precision > plain.precision, (got, plain.as_dict())


def test_ingest_zyte_warc_accounts_for_every_record(warc_items: list[Article | Skip]) -> None:
    assert len(warc_items) == 181
    for item in warc_items:
        assert isinstance(item, Article) or item.reason.startswith("language:"), item
    assert sum(isinstance(item, Article) for item in warc_items) >= 155


def test_ingest_zyte_warc_text_equals_html_path(
    warc_items: list[Article | Skip], html_path_items: dict[str, Article | Skip]
) -> None:
    for item in warc_items:
        twin = html_path_items[item.url] if isinstance(item, Article) else None
        if isinstance(item, Article):
            assert isinstance(twin, Article) and twin.text == item.text, item.url
            assert item.origin and "@" in item.origin and item.date is not None
    skipped_warc = sorted(s.reason for s in warc_items if isinstance(s, Skip))
    skipped_html = sorted(s.reason for s in html_path_items.values() if isinstance(s, Skip))
    assert skipped_warc == skipped_html
