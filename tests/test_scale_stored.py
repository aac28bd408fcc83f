"""The stored-articles set the Ray read tasks consult: same id and content only."""

from __future__ import annotations

import pickle

import pytest

from tacitus.records import Article
from tacitus.scale.stored import StoredArticles, article_key
from tacitus.store import Store, StoredArticle


@pytest.fixture
def article() -> Article:
    return Article(id="a-1", text="Kenya's president met Uganda's president.", content_hash="h1")


@pytest.mark.parametrize(
    ("other", "expected"),
    [({}, True), ({"content_hash": "h2"}, False), ({"id": "a-2"}, False), ({"content_hash": None}, False)],
)
def test_scale_stored_same_id_and_content_only(article, other, expected):
    stored = StoredArticles([("a-1", "h1"), ("b-7", "h9")])
    probe = Article(**{**article.as_dict(), **other}) if other else article
    assert (probe in stored) is expected
    assert len(stored) == 2


def test_scale_stored_key_separates_id_from_content():
    assert article_key("ab", "c") != article_key("a", "bc")


def test_scale_stored_survives_pickling(article):
    stored = StoredArticles([("a-1", "h1")])
    assert article in pickle.loads(pickle.dumps(stored))


def test_scale_stored_from_missing_store_is_empty(tmp_path, article):
    assert len(StoredArticles.from_store(tmp_path / "none.duckdb")) == 0


def test_scale_stored_from_store_holds_every_article(tmp_path, article):
    db = tmp_path / "s.duckdb"
    copy = Article(id="a-2", text=article.text, content_hash="h1", duplicate_of="a-1")
    with Store.open(db) as store:
        store.write([StoredArticle(article), StoredArticle(copy, status="duplicate")])
    stored = StoredArticles.from_store(db)
    assert len(stored) == 2 and article in stored and copy in stored
