"""Actor dictionaries: synonyms, dated codes, multi-codes, stems, malformed lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.dictionaries import builtin_directory
from tacitus.dictionaries.actors import index_actors, read_actors
from tacitus.dictionaries.lines import ProblemLog, parse_dictionary_date
from tacitus.dictionaries.model import ActorDictionary, ActorEntry, DictionaryProblem, Phrase
from tacitus.errors import DictionaryError


def read(tmp_path: Path, text: str) -> tuple[list[ActorEntry], list[DictionaryProblem]]:
    path = tmp_path / "test.actors.txt"
    path.write_text(text, encoding="utf-8")
    problems: list[DictionaryProblem] = []
    return read_actors(path, ProblemLog(path, problems, strict=False)), problems


def find(actors: ActorDictionary, *words: str) -> ActorEntry:
    for phrase, entry in actors.by_first_word[words[0]]:
        if phrase.words == words:
            return entry
    raise KeyError(words)


@pytest.fixture(scope="module")
def validation() -> ActorDictionary:
    path = shared_path("data/dictionaries/tabari_validation/PETR.Validate.actors.txt")
    return index_actors(read_actors(path, ProblemLog(path, [], strict=False)))


@pytest.fixture(scope="module")
def countries() -> ActorDictionary:
    # The shipped (corrected) file: the shared original has date typos that stop a load.
    path = builtin_directory() / "Phoenix.Countries.actors.txt"
    return index_actors(read_actors(path, ProblemLog(path, [], strict=False)))


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(1999, 1, 1), "RUSGOV"),  # Ambassador to the UN, 19940922-20040712
        (date(2021, 2, 4), "RUSGOV"),  # Foreign Minister, >20040309
        (date(1990, 1, 1), None),  # before any range; the entry has no default code
    ],
)
def test_dictionaries_actors_lavrov_by_date(countries, day: date, code: str | None) -> None:
    lavrov = find(countries, "SERGEI", "LAVROV")
    assert lavrov.name == "Sergey Lavrov"
    assert lavrov.code_on(day) == code


def test_dictionaries_actors_lavrov_ranges(countries) -> None:
    lavrov = find(countries, "SERGEY", "LAVROV")
    ranges = [(c.code, c.start, c.end) for c in lavrov.codes]
    assert ranges == [
        ("RUSGOV", date(1994, 9, 22), date(2004, 7, 12)),
        ("RUSGOV", date(2004, 3, 9), None),
    ]


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(1995, 5, 31), "HOB"),  # [HOB < 950601]
        (date(1995, 6, 1), "HOB"),  # both ends inclusive: the first line wins the overlap day
        (date(1995, 6, 2), "HOBGOV"),  # [HOBGOV 19950601 - 19990815]
        (date(1999, 8, 15), "HOBGOV"),
        (date(1999, 8, 16), "HOBREB"),  # [HOBREB > 990816]
        (date(2014, 1, 1), "HOBREB"),
    ],
)
def test_dictionaries_actors_gollum_by_date(validation, day: date, code: str) -> None:
    for name in ("GOLLUM", "SMEAGOL", "STINKER"):
        assert find(validation, name).code_on(day) == code


def test_dictionaries_actors_multi_code(validation) -> None:
    lorien = find(validation, "LORIEN")
    assert lorien.codes_on(date(2000, 1, 1)) == ("ELR", "GAL")
    assert lorien.code_on(None) == "ELR"
    assert find(validation, "THE", "SHIRE").codes_on(None) == ("FRO", "BIL", "SAM")


@pytest.mark.parametrize(
    ("words", "code"),
    [(("ARNOR",), "ARN"), (("PALESTINIAN",), "PSE"), (("HAMAS",), "PSEREBHMS")],
)
def test_dictionaries_actors_code_normalised(validation, words, code: str) -> None:
    # "[ ARN ]" has spaces, "[pse]" is lower case
    assert find(validation, *words).code_on(None) == code


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        (("ARGENTIN",), True),
        (("LIBYA",), False),
        (("ARNOR",), False),
        (("CARAS", "GALADHON"), True),
    ],
)
def test_dictionaries_actors_stem_rule(validation, words, stem: bool) -> None:
    # TABARI: no trailing "_" → the last word is a prefix (ARGENTIN → Argentina)
    phrases = [p for p, _ in validation.by_first_word[words[0]] if p.words == words]
    assert phrases == [Phrase(words, stem=stem)]


def test_dictionaries_actors_default_after_dated(validation) -> None:
    ent = find(validation, "ENT")
    assert ent.code_on(date(1988, 1, 1)) == "###"
    assert ent.code_on(date(1990, 1, 1)) == "ENT"


SNIPPET = """\
# comment
<!-- a comment
spanning lines -->
ALPHA_  [AAA] ; TABARI comment
+ALPHA_REPUBLIC
BETA  # no code here
+BETA_LAND
\t[BBBGOV 19940922-20040712] # dated
\t[BBBGOV >040713]
GAMMA  [IGOUNO 820101-911231] [ELI]
"""


def test_dictionaries_actors_snippet(tmp_path: Path) -> None:
    entries, problems = read(tmp_path, SNIPPET)
    assert problems == []
    alpha, beta, gamma = entries
    assert [p.words for p in alpha.names] == [("ALPHA",), ("ALPHA", "REPUBLIC")]
    assert alpha.origin.line == 4
    assert beta.code_on(date(2010, 1, 1)) == "BBBGOV"
    assert beta.code_on(date(1990, 1, 1)) is None
    assert gamma.code_on(date(1990, 1, 1)) == "IGOUNO"
    assert gamma.code_on(date(2000, 1, 1)) == "ELI"


@pytest.mark.parametrize(
    ("text", "reason", "severity"),
    [
        ("DELTA [DDD", "unbalanced [ ]", "error"),
        ("DELTA [DD$$ DD]", "is not [CODE]", "error"),
        ("DELTA", "actor has no code", "error"),
        ("DELTA [NGOEEURENV]", "not made of 3-letter blocks", "warning"),
        ("DELTA [DD$]", "characters other than letters", "warning"),
        ("DELTA [DDD] Newspapers $137,000", "text beside the codes is ignored", "warning"),
        ("+DELTA", "synonym before any actor name", "error"),
        ("\t[DDD]", "code line before any actor name", "error"),
    ],
)
def test_dictionaries_actors_malformed_reported(
    tmp_path: Path, text: str, reason: str, severity: str
) -> None:
    _, problems = read(tmp_path, f"{text}\n")
    problem = problems[0]  # a bad code line may also leave the entry with no code
    assert (problem.file, problem.line, problem.severity) == ("test.actors.txt", 1, severity)
    assert reason in problem.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("DELTA\n\t[DDD 20121207-20120802]", "ends before it starts"),
        ("DELTA\n\t[DDD 9008223-911221]", "is not YYMMDD or YYYYMMDD"),
        ("DELTA\n\t[DDD 20100231-20120101]", "not a calendar day"),
        ("DELTA\n\t[DDD 20121204]", "is not [CODE]"),
        ("DELTA\n\t[DDD <2012x]", "is not YYMMDD or YYYYMMDD"),
    ],
)
def test_dictionaries_actors_unreadable_date_range_fails_load(tmp_path: Path, text: str, reason: str) -> None:
    # A code applied on the wrong days is worse than no set at all: the load stops at FILE:LINE.
    with pytest.raises(DictionaryError) as caught:
        read(tmp_path, f"ALPHA_ [AAA]\n{text}\n")
    assert caught.value.line == 3
    assert caught.value.path is not None and caught.value.path.endswith("test.actors.txt")
    assert reason in str(caught.value)
    assert "write the range as [CODE YYYYMMDD-YYYYMMDD]" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("300101", date(2030, 1, 1)),  # YY 00-30 → 20YY (KEDS/TABARI/PETRARCH rule)
        ("310101", date(1931, 1, 1)),
        ("950601", date(1995, 6, 1)),
        ("19950601", date(1995, 6, 1)),
    ],
)
def test_dictionaries_actors_two_digit_years(text: str, day: date) -> None:
    assert parse_dictionary_date(text) == day


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2008, 1, 19), "HOBCIV"),
        (date(2010, 1, 10), "ORCHOB"),  # listed first, so it overrides HOBMIL's range
        (date(2011, 1, 1), "HOBMIL"),
        (date(2013, 1, 1), "HOBGOV"),
        (date(2014, 1, 1), "HOBELI"),
    ],
)
def test_dictionaries_actors_overlap_first_wins(validation, day: date, code: str) -> None:
    assert find(validation, "SAM", "GAMGEE").code_on(day) == code
