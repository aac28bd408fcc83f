"""The PolNeAR dev gate: content F1 and speaker accuracy may not fall below their floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.evaluate.floors import FloorFile
from tacitus.quotes import extract_quotes
from tacitus.quotes.evaluate import QuoteScores, read_gold, score_article
from tacitus.records import Article

FLOORS = FloorFile.read(Path(__file__).parent / "floors" / "quotes.json")
GOLD = FLOORS.gate("overall")["gold"]  # every group is measured on the one dev file


@pytest.fixture(scope="session")
def polnear_dev():
    """Dev gold coded once per session as the pipeline does it (the coder's docs, actors and
    resolver feed the quote stage): the report and the gold file's path."""
    from tacitus.coder import Coder

    path = shared_path(GOLD)
    records = list(read_gold(path))
    articles = [
        Article(id=r["id"], text=r["text"], date=r["meta"].get("publication_date")) for r, _ in records
    ]
    coder = Coder()
    scores = QuoteScores()
    for (_, gold), coded in zip(records, coder.code_articles(articles), strict=True):
        quotes = extract_quotes(coded.article, coded.doc, actors=coded.actors, resolver=coder.resolver)
        score_article(scores, quotes, gold)
    return scores.report(), path


@pytest.mark.slow
@pytest.mark.parametrize("group", FLOORS.gates())
def test_quotes_polnear_gold_file_unchanged(polnear_dev, group) -> None:
    # Floors mean something only for the gold file they were measured on.
    assert FLOORS.gold_matches(group, polnear_dev[1])


@pytest.mark.slow
@pytest.mark.parametrize("group", FLOORS.gates())
def test_quotes_polnear_meets_floor(polnear_dev, group) -> None:
    assert not FLOORS.failures(group, polnear_dev[0][group])
