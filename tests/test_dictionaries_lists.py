"""Discards (sentence vs story), issues (n:/v:/+ expansions, exclusions), prepositions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.lists import (
    expand_issue_phrase,
    read_discards,
    read_issues,
    read_prepositions,
)
from tacitus.dictionaries.model import DictionaryProblem, Phrase


def log_for(path: Path, problems: list[DictionaryProblem]) -> ProblemLog:
    return ProblemLog(path, problems, strict=False)


def test_dictionaries_lists_discards(tmp_path: Path) -> None:
    path = tmp_path / "x.discards.txt"
    path.write_text(
        "# Story-level discards start with '+'\n"
        "MONTHS LATER\n"
        "+World Golf Championships   # pas\n"
        "BASEBALL_ ;AB 13 JUN 2005\n"
        "+\n",
        encoding="utf-8",
    )
    problems: list[DictionaryProblem] = []
    entries = read_discards(path, log_for(path, problems))
    assert [(e.phrase, e.story, e.origin.line) for e in entries] == [
        (Phrase(("MONTHS", "LATER"), stem=True), False, 2),
        (Phrase(("WORLD", "GOLF", "CHAMPIONSHIPS"), stem=True), True, 3),
        (Phrase(("BASEBALL",), stem=False), False, 4),
    ]
    assert [(p.line, p.reason) for p in problems] == [(5, "empty discard phrase")]


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("n:teacher", ["TEACHER", "TEACHERS"]),
        ("pre+n:school", ["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]),
        ("ethnic v:purge", ["ETHNIC PURGE", "ETHNIC PURGES", "ETHNIC PURGED", "ETHNIC PURGING"]),
        (
            "n:bachelor n:degree",
            ["BACHELOR DEGREE", "BACHELOR DEGREES", "BACHELORS DEGREE", "BACHELORS DEGREES"],
        ),
        ("higher education", ["HIGHER EDUCATION"]),
    ],
)
def test_dictionaries_lists_issue_expansion(text: str, forms: list[str]) -> None:
    assert expand_issue_phrase(text) == forms


ISSUES = """\
<ISSUE CATEGORY="EDUCATION" TYPE="ALL">
n:teacher [TEACHERS]
touristry[TOURISM]
~a head start
~~Armenian genocide  # not coding historical cases
eurozone
</ISSUE>
"""


def test_dictionaries_lists_issues(tmp_path: Path) -> None:
    path = tmp_path / "x.IssueCoding.txt"
    path.write_text(ISSUES, encoding="utf-8")
    problems: list[DictionaryProblem] = []
    entries = read_issues(path, log_for(path, problems))
    rows = [(e.phrase.words, e.code, e.category, e.ignore) for e in entries]
    assert rows == [
        (("TEACHER",), "TEACHERS", "EDUCATION", ""),
        (("TEACHERS",), "TEACHERS", "EDUCATION", ""),
        (("TOURISTRY",), "TOURISM", "EDUCATION", ""),
        (("A", "HEAD", "START"), "", "EDUCATION", "sentence"),
        (("ARMENIAN", "GENOCIDE"), "", "EDUCATION", "story"),
    ]
    assert [(p.line, p.reason, p.severity) for p in problems] == [
        (6, "issue line is not 'phrase [CODE]'", "error")
    ]


def test_dictionaries_lists_prepositions(tmp_path: Path) -> None:
    path = tmp_path / "x.prepositions.txt"
    path.write_text("aboard\nas \nin front\n", encoding="utf-8")
    problems: list[DictionaryProblem] = []
    assert read_prepositions(path, log_for(path, problems)) == {"ABOARD", "AS"}
    assert [p.line for p in problems] == [3]
