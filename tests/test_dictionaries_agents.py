"""Agent dictionaries: ~GOV vs NGO~, plurals, {} and {PLURAL}, !MACRO! expansion, bad lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.dictionaries.agents import read_agents
from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.model import AgentEntry, DictionaryProblem

SNIPPET = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
!MINIST! = MINISTER, MINISTRY

FOREIGN_MINISTER [~GOV] # comment
HUMAN_RIGHTS_BODY  [NGO~]
ARMY [~MIL]
CONGRESS [~LEG]
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
CONGRESS!PERSON! [~LEG]
FOREIGN_!MINIST!_SPOKES!PERSON! [~GOV]
"""


def read(tmp_path: Path, text: str) -> tuple[list[AgentEntry], list[DictionaryProblem]]:
    path = tmp_path / "test.agents.txt"
    path.write_text(text, encoding="utf-8")
    problems: list[DictionaryProblem] = []
    return read_agents(path, ProblemLog(path, problems, strict=False)), problems


@pytest.fixture(scope="module")
def agents(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], AgentEntry]:
    entries, problems = read(tmp_path_factory.mktemp("agents"), SNIPPET)
    assert problems == []
    return {entry.phrase.words: entry for entry in entries}


@pytest.mark.parametrize(
    ("words", "code", "prefix"),
    [
        (("FOREIGN", "MINISTER"), "GOV", False),  # [~GOV]: the agent code follows the country
        (("HUMAN", "RIGHTS", "BODY"), "NGO", True),  # [NGO~]: it precedes the country
        (("POLICE",), "COP", False),  # "[ ~COP]" with a space
    ],
)
def test_dictionaries_agents_code_side(agents, words, code: str, prefix: bool) -> None:
    entry = agents[words]
    assert (entry.code, entry.prefix, entry.plural) == (code, prefix, False)


@pytest.mark.parametrize(
    "words",
    [
        ("FOREIGN", "MINISTERS"),
        ("HUMAN", "RIGHTS", "BODIES"),
        ("ARMIES",),
        ("CONGRESSES",),
        ("ATTORNEYS", "GENERAL"),
    ],
)
def test_dictionaries_agents_plurals(agents, words) -> None:
    assert agents[words].plural


@pytest.mark.parametrize(
    "absent", [("POLICES",), ("ATTORNEY", "GENERALS"), ("CONGRESSMANS",), ("CONGRESSMEN", "S")]
)
def test_dictionaries_agents_no_plural(agents, absent) -> None:
    assert absent not in agents


@pytest.mark.parametrize(
    "words",
    [
        ("CONGRESSMAN",),
        ("CONGRESSWOMEN",),
        ("CONGRESSPERSON",),
        ("FOREIGN", "MINISTER", "SPOKESMAN"),
        ("FOREIGN", "MINISTRY", "SPOKESWOMEN"),
    ],
)
def test_dictionaries_agents_macro_expansion(agents, words) -> None:
    assert agents[words].code in ("LEG", "GOV")
    assert not agents[words].plural


def test_dictionaries_agents_macro_count(agents) -> None:
    expanded = [w for w in agents if w[:1] == ("FOREIGN",) and len(w) == 3]
    assert len(expanded) == 2 * 5  # two ministry words × five person words


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("ISLAMIC_EXTREMIST", "agent has no [~CODE]"),
        ("DEPARMENT_OF_ENVIRONMENT [~ENV}", "unbalanced ["),
        ("BOSS [BUS]", "is not [~CODE] or [CODE~]"),
        ("BOSS [~BUS~]", "is not [~CODE] or [CODE~]"),
        ("!NOBODY!_BOSS [~BUS]", "macro !NOBODY! is used but never defined"),
        ("BOSS {BOSSES [~BUS]", "unbalanced { }"),
        ("BOSS!PERSON [~BUS]", "unpaired '!'"),
    ],
)
def test_dictionaries_agents_malformed_reported(tmp_path: Path, line: str, reason: str) -> None:
    entries, problems = read(tmp_path, f"ARMY [~MIL]\n{line}\n")
    (problem,) = problems
    assert (problem.file, problem.line, problem.severity) == ("test.agents.txt", 2, "error")
    assert reason in problem.reason
    assert {e.phrase.words for e in entries} == {("ARMY",), ("ARMIES",)}


def test_dictionaries_agents_phoenix() -> None:
    path = shared_path("data/dictionaries/petrarch2/Phoenix.agents.txt")
    problems: list[DictionaryProblem] = []
    entries = read_agents(path, ProblemLog(path, problems, strict=False))
    by_words = {e.phrase.words: e for e in entries}
    assert by_words[("FOREIGN", "MINISTER")].code == "GOV"
    assert by_words[("STATE", "COUNCILOR")].code == "GOV"
    assert by_words[("PEACEKEEPING", "TROOPS")].prefix
    assert [p.line for p in problems if p.severity == "error"] == [544, 1927]
