"""Whole-word PETRARCH-2 actor names, case rules, demonym recovery; TABARI stems for PETRARCH-1."""

from __future__ import annotations

import pytest

from conftest import shared_path
from tacitus.actors.finder import ActorFinder
from tacitus.actors.index import PhraseIndex
from tacitus.actors.resolver import ActorResolver
from tacitus.actors.words import CAPITALISED, CAPITALS, LOWER, Word, text_case
from tacitus.coder import Coder
from tacitus.dictionaries import load_dictionaries
from tacitus.dictionaries.lines import make_phrase


def words(text: str) -> list[Word]:
    return [Word(t.upper(), t.upper(), i, text_case(t)) for i, t in enumerate(text.split())]


def hits(index: PhraseIndex[str], text: str) -> list[str]:
    return [h.payload for h in index.find_longest(words(text))]


@pytest.mark.parametrize(
    ("text", "case"),
    [("male", LOWER), ("Male", CAPITALISED), ("US", CAPITALS), ("U.S.", CAPITALS), ("313", CAPITALS)],
)
def test_actors_whole_words_text_case(text: str, case: int) -> None:
    assert text_case(text) == case


@pytest.mark.parametrize(
    ("stems", "text", "found"),
    [
        (True, "the plans", ["CHNMIL"]),  # TABARI: PLA is a stem of "plans"
        (False, "the plans", []),
        (False, "the PLA", ["CHNMIL"]),
        (True, "Iraqis", ["IRQ"]),
        (False, "Iraqis", ["IRQ"]),  # the plural rule finds the exact IRAQI_
    ],
)
def test_actors_whole_words_stems_only_when_asked(stems: bool, text: str, found: list[str]) -> None:
    plurals = "demonym" if stems else "any"
    index: PhraseIndex[str] = PhraseIndex(stems=stems, case_rules=not stems, plurals=plurals)
    index.add(make_phrase("PLA"), "CHNMIL")
    index.add(make_phrase("IRAQ"), "IRQ")
    index.add(make_phrase("IRAQI_"), "IRQ")
    assert hits(index, text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("us", []),  # an acronym entry wants capitals
        ("Us", []),
        ("US", ["USA"]),
        ("male", []),  # a longer one-word name wants a capital
        ("Male", ["MDV"]),
        ("MALE", ["MDV"]),
        ("male nurses", []),
        ("the Afghans", ["AFG"]),  # plural of a one-word name
        ("the afghans", []),
        ("United States", ["USA"]),  # several words: no case rule
        ("united states", ["USA"]),
    ],
)
def test_actors_whole_words_case_rules(text: str, found: list[str]) -> None:
    index: PhraseIndex[str] = PhraseIndex(stems=False, case_rules=True, plurals="any")
    for name, code in (("US_", "USA"), ("MALE_", "MDV"), ("AFGHAN_", "AFG"), ("UNITED_STATES_", "USA")):
        index.add(make_phrase(name), code)
    assert hits(index, text) == found


@pytest.mark.parametrize("stems", [True, False])
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("the Kremlin said", ["first"]),  # two entries of the same words: the first added wins
        ("the Kremlin Palace", ["palace"]),  # the longest
        ("the Kremlinites", ["stem"]),  # with stems; whole words: only "the"
        ("the council", ["THE_ONLY"]),
        ("the", ["THE_ONLY"]),  # no next word
    ],
)
def test_actors_whole_words_common_first_word_keeps_order(stems: bool, text: str, found: list[str]) -> None:
    """A first word heading many phrases is looked up by its next word too; the result is the
    one a scan of every phrase gives."""
    index: PhraseIndex[str] = PhraseIndex(stems=stems, case_rules=False)
    index.add(make_phrase("THE_"), "THE_ONLY")
    for n in range(20):
        index.add(make_phrase(f"THE_FILLER{n}_"), f"filler{n}")
    index.add(make_phrase("THE_KREMLIN_"), "first")
    index.add(make_phrase("THE_KREMLIN_PALACE_"), "palace")
    index.add(make_phrase("THE_KREMLIN_"), "second")
    index.add(make_phrase("THE_KREMLINITE"), "stem")  # a stem as the second word
    expected = found if stems or found != ["stem"] else ["THE_ONLY"]
    assert hits(index, text) == expected


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("plans", None),  # +PLA does not stem into every "pla…" word
        ("the place", None),
        ("players", None),
        ("us", None),
        ("goal", None),
        ("male", None),
        ("PLA", "CHNMIL"),
        ("US", "USA"),
        ("Nato", "IGOWSTNAT"),
        ("PRC", "CHN"),  # Countries:9588 +CHINA_(PRC) could never match; now +PRC_
        # Demonyms the stems caught, recovered from the country table and the plural rule.
        ("Iraqis", "IRQ"),
        ("Afghans", "AFG"),
        ("Chinese", "CHN"),
        ("Serbs", "SRB"),
        ("Americans", "USA"),
        ("Filipinos", "PHL"),
        ("Croats", "HRV"),
        ("Argentinian", "ARG"),
    ],
)
def test_actors_whole_words_shipped_set(coder: Coder, text: str, code: str | None) -> None:
    actor = coder.resolver.resolve(text, "2012-01-01")
    assert (actor.code if actor else None) == code


def test_actors_whole_words_petrarch1_set_keeps_stems() -> None:
    dictionaries = load_dictionaries(shared_path("data/dictionaries/tabari_validation"))
    finder = ActorFinder(dictionaries)
    stems = [(p, e) for e in dictionaries.actors.entries for p in e.names if p.stem and len(p.words) == 1]
    phrase, entry = stems[0]
    longer = phrase.words[0].lower() + "xyz"
    actor = ActorResolver(finder).resolve(longer, "1995-01-01")
    assert actor is not None and actor.code.startswith(entry.codes[0].code[:3])


def test_actors_whole_words_caseless_text_keeps_names(coder: Coder) -> None:
    # A text with no capital at all says nothing by its case: names still match.
    coded = coder.code_text("iraqi troops attacked kurdish rebels in mosul.", date="2012-01-01")
    assert any(a.code.startswith("IRQ") for a in coded.actors)


def test_actors_whole_words_no_stem_in_coded_text(coder: Coder) -> None:
    coded = coder.code_text("The players had planned to play in the new place.", date="2012-01-01")
    assert not [a for a in coded.actors if a.code.startswith("CHN")]
