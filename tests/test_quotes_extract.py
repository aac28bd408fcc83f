"""Quote extraction on sentences written for these tests: kinds, cues, speakers, offsets."""

from __future__ import annotations

import pytest

from tacitus.quotes import extract_quotes
from tacitus.records import Actor, Article

TEXT = (
    "Finnish Foreign Minister Anna Berg met her Estonian counterpart on Monday.\n\n"
    "“We will not accept any change of borders by force,” Berg said, "
    "“and we will say so in Brussels.”\n\n"
    "She added that the two countries would hold joint exercises in the spring.\n\n"
    "The trade talks had stalled, according to the Finnish foreign ministry.\n\n"
    'The minister said: "Our patience is not endless, and our neighbours know it."\n\n'
    "Berg warned that the sanctions would be “painful but necessary” for both sides.\n\n"
    "Estonia will host the summit next year, Berg told reporters.\n"
)


@pytest.fixture(scope="module")
def quotes(nlp):
    article = Article(id="t1", text=TEXT, date="2024-03-04")
    return extract_quotes(article, nlp(TEXT))


def _find(quotes, fragment: str):
    found = [q for q in quotes if fragment in q.content.text]
    assert found, f"no quote holds {fragment!r}: {[q.content.text for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(
    ("fragment", "kind", "speaker_text", "speaker_name"),
    [
        ("any change of borders", "direct", "Berg", "Anna Berg"),
        ("joint exercises", "indirect", "She", "Anna Berg"),
        ("trade talks had stalled", "indirect", "the Finnish foreign ministry", None),
        ("Our patience is not endless", "direct", "The minister", "Anna Berg"),
        ("painful but necessary", "mixed", "Berg", "Anna Berg"),
        ("host the summit", "indirect", "Berg", "Anna Berg"),
    ],
)
def test_quotes_extract_kind_and_speaker(quotes, fragment, kind, speaker_text, speaker_name) -> None:
    quote = _find(quotes, fragment)
    assert quote.kind == kind
    assert quote.speaker is not None and quote.speaker.text == speaker_text
    assert quote.speaker.name == speaker_name


@pytest.mark.parametrize("fragment", ["any change of borders"])
def test_quotes_extract_split_quote_is_one_quote(quotes, fragment) -> None:
    quote = _find(quotes, fragment)
    assert quote.content.text.startswith("“We will not") and quote.content.text.endswith("in Brussels.”")
    assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.parametrize("field", ["content", "cue", "speaker"])
def test_quotes_extract_offsets_point_into_article(quotes, field) -> None:
    for quote in quotes:
        part = getattr(quote, field)
        if part is not None:
            assert TEXT[part.start : part.end] == part.text


@pytest.mark.parametrize("repeat", [2])
def test_quotes_extract_is_deterministic(nlp, quotes, repeat) -> None:
    article = Article(id="t1", text=TEXT, date="2024-03-04")
    for _ in range(repeat):
        again = extract_quotes(article, nlp(TEXT))
        assert [q.as_dict() for q in again] == [q.as_dict() for q in quotes]


def _berg_resolver(mention, date):
    """A resolver with one dictionary entry, standing in for the coder's dictionary lookup."""
    text = mention if isinstance(mention, str) else mention.text
    if "Anna Berg" in text and date == "2024-03-04":
        return Actor(text=text, code="FINGOV", country="FIN", sector="GOV", name="Anna Berg")
    return None


@pytest.mark.parametrize("fragment", ["joint exercises", "host the summit"])
def test_quotes_extract_resolver_codes_linked_speakers(nlp, fragment) -> None:
    article = Article(id="t1", text=TEXT, date="2024-03-04")
    quote = _find(extract_quotes(article, nlp(TEXT), resolver=_berg_resolver), fragment)
    assert (quote.speaker.code, quote.speaker.country, quote.speaker.sector) == (
        "FINGOV",
        "FIN",
        "GOV",
    )


@pytest.mark.parametrize("fragment", ["trade talks had stalled"])
def test_quotes_extract_actor_mentions_code_speakers(nlp, fragment) -> None:
    start = TEXT.index("the Finnish foreign ministry")
    ministry = Actor(
        text="Finnish foreign ministry",
        code="FINGOV",
        country="FIN",
        sector="GOV",
        start=start + 4,
        end=start + 28,
    )
    article = Article(id="t1", text=TEXT, date="2024-03-04")
    quote = _find(extract_quotes(article, nlp(TEXT), actors=[ministry]), fragment)
    assert quote.speaker.code == "FINGOV"


@pytest.mark.parametrize(
    ("fragment", "speaker_name"),
    [("joint exercises", "Anna Berg"), ("Our patience is not endless", "Anna Berg")],
)
def test_quotes_extract_links_names_without_entities(nlp, fragment, speaker_name) -> None:
    # The coder parses without NER: names then come from runs of proper nouns.
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(TEXT)
    article = Article(id="t1", text=TEXT, date="2024-03-04")
    assert _find(extract_quotes(article, doc), fragment).speaker.name == speaker_name


DASH_TEXT = (
    "Readers sent us their views on the debate.\n"
    "“The candidates never answered the question about rents. We deserve better than this.” ― Maria Lopez\n"
    "“I have voted in every election since 1980 and this was the worst debate I have seen.”— Tom Hale\xa0\n"
    "“Nobody on that stage talked about the farms in our county, not even once.” ― the editors\n"
)


@pytest.mark.parametrize(
    ("fragment", "speaker_text"),
    [("answered the question about rents", "Maria Lopez"), ("voted in every election", "Tom Hale")],
)
def test_quotes_extract_speaker_after_dash(nlp, fragment, speaker_text) -> None:
    # A quote round-up: the name after a dash closing the quote's line is its speaker.
    quotes = extract_quotes(Article(id="t3", text=DASH_TEXT, date="2024-03-04"), nlp(DASH_TEXT))
    assert _find(quotes, fragment).speaker.text == speaker_text


def test_quotes_extract_no_speaker_from_words_after_dash(nlp) -> None:
    # Words after the dash that are not a name ("the editors") are never the speaker.
    quotes = extract_quotes(Article(id="t3", text=DASH_TEXT, date="2024-03-04"), nlp(DASH_TEXT))
    speaker = _find(quotes, "farms in our county").speaker
    assert speaker is None or "editors" not in speaker.text
