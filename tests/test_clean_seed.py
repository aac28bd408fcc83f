"""The seed (a scraped report with ticker, punctuation and image-name residue) ingests clean."""

from __future__ import annotations

import pytest

from conftest import shared_path
from tacitus.ingest import read_articles

SEED = "data/seed/000_0d8367245fda46f3.txt"
NOISE = [", , :", "$ 89.7", "€ 97.1", "maxresdefault 1", "maxresdefault"]
FIRST_SENTENCE = (
    "China and Russia agreed that the principle of non-interference in other countries' "
    "internal affairs, is one of the basic norms governing international relations, "
    "and it should be upheld."
)


@pytest.fixture(scope="module")
def seed_article():
    (article,) = read_articles([str(shared_path(SEED))])
    return article


@pytest.mark.parametrize("noise", NOISE)
def test_clean_seed_has_no_noise(seed_article, noise: str) -> None:
    assert noise not in seed_article.text


def test_clean_seed_starts_with_first_sentence_intact(seed_article) -> None:
    assert seed_article.text.startswith(FIRST_SENTENCE)


def test_clean_seed_headline_becomes_title(seed_article) -> None:
    assert seed_article.title is not None
    assert seed_article.title.endswith("what China and Russia agreed")
    assert seed_article.language == "en"
