"""The PolNeAR dev gate: content F1 and speaker accuracy may not fall below their floors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.quotes import extract_quotes
from tacitus.quotes.evaluate import QuoteScores, read_gold, score_article
from tacitus.records import Article

FLOORS = json.loads((Path(__file__).parent / "floors" / "quotes.json").read_text(encoding="utf-8"))
FIGURES = ["precision", "recall", "f1", "speaker_accuracy"]


@pytest.fixture(scope="session")
def polnear_dev():
    """Dev gold coded once per session as the pipeline does it (the coder's docs, actors and
    resolver feed the quote stage): the report and the gold file's hash."""
    from tacitus.coder import Coder

    path = shared_path(FLOORS["gold_file"])
    records = list(read_gold(path))
    articles = [
        Article(id=r["id"], text=r["text"], date=r["meta"].get("publication_date")) for r, _ in records
    ]
    coder = Coder()
    scores = QuoteScores()
    for (_, gold), coded in zip(records, coder.code_articles(articles), strict=True):
        quotes = extract_quotes(coded.article, coded.doc, actors=coded.actors, resolver=coder.resolver)
        score_article(scores, quotes, gold)
    return scores.report(), hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_quotes_polnear_gold_file_unchanged(polnear_dev) -> None:
    # Floors mean something only for the gold file they were measured on.
    assert polnear_dev[1] == FLOORS["gold_sha256"]


@pytest.mark.slow
@pytest.mark.parametrize("group", sorted(FLOORS["floors"]))
@pytest.mark.parametrize("figure", FIGURES)
def test_quotes_polnear_meets_floor(polnear_dev, group, figure) -> None:
    floor = FLOORS["floors"][group].get(figure)
    if floor is None:
        pytest.skip(f"no floor pinned for {group} {figure}")
    measured = polnear_dev[0][group][figure]
    assert measured >= floor, f"{group} {figure} fell to {measured} (floor {floor})"
