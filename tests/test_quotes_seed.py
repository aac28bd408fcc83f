"""The seed article: Lavrov's and Wang Yi's statements found with the right speakers."""

from __future__ import annotations

import pytest

from conftest import shared_path
from tacitus.quotes import extract_quotes
from tacitus.records import Article

SEED = "data/seed/000_0d8367245fda46f3.txt"
EXPECTED = [
    ("we can talk endlessly about Russian-Chinese cooperation", "direct", "Sergei Lavrov", "RUS"),
    ("China sees no limit or restricted area", "indirect", "Wang Yi", "CHN"),
    (
        "Russia is very satisfied with the anti-pandemic cooperation",
        "indirect",
        "Sergei Lavrov",
        "RUS",
    ),
    ("The two countries have conducted efficient coordination", "indirect", "Wang Yi", "CHN"),
    ("Russia is ready to strengthen cooperation with China", "indirect", "Sergei Lavrov", "RUS"),
]


@pytest.fixture(scope="module")
def seed_article() -> Article:
    text = shared_path(SEED).read_text(encoding="utf-8")
    return Article(id="000_0d8367245fda46f3", text=text, date="2021-02-04")


def _quote_with(quotes, fragment):
    found = [q for q in quotes if fragment in q.content.text]
    assert len(found) == 1, f"{fragment!r}: {[q.content.text[:60] for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(("fragment", "kind", "name", "country"), EXPECTED)
def test_quotes_seed_speaker_names(nlp, seed_article, fragment, kind, name, country) -> None:
    quote = _quote_with(extract_quotes(seed_article, nlp(seed_article.text)), fragment)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.name == name


@pytest.mark.parametrize(("fragment", "kind", "name", "country"), EXPECTED)
def test_quotes_seed_speaker_codes(seed_article, fragment, kind, name, country) -> None:
    # The pipeline path: the coder's doc (no NER, selective parse), actors and resolver.
    coder_module = pytest.importorskip(
        "tacitus.coder", reason="needs tacitus.coder (coder branch) to resolve speakers"
    )
    coder = coder_module.Coder()
    coded = next(iter(coder.code_articles([seed_article])))
    quotes = extract_quotes(seed_article, coded.doc, actors=coded.actors, resolver=coder.resolver)
    speaker = _quote_with(quotes, fragment).speaker
    assert speaker is not None and speaker.name == name
    assert (speaker.country, speaker.sector) == (country, "GOV")
    assert speaker.code is not None and speaker.code.startswith(country + "GOV")
