"""Office holders by day, the title lexicon, gender of names; the modern resolver expectations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tacitus.actors.offices import (
    OfficeTable,
    first_name_gender,
    gender_of,
    office_holder,
    offices_for_title,
)
from tacitus.dictionaries.modern import read_modern_sources

HEADER = "person\tvariants\tcode\toffice\ttitle\tstart\tend\tgender\tsource\n"
# Fictional people with real country codes (a test fixture, not shipped data).
ROWS = """Aria Vell\tVell\tFRAGOV\thead_of_government\tPrime Minister\t2022-05-16\t2024-01-09\tf\ttest
Bran Dûnmar\tDunmar\tFRAGOV\thead_of_government\tPrime Minister\t2024-01-09\t\tm\ttest
Cato Rime\t\tFRAGOV\thead_of_state\tPresident\t2017-05-14\t\tm\ttest
Dana Holt\t\tUSAGOV\thead_of_state\tPresident\t2021-01-20\t2025-01-20\tf\ttest
Eli Stone\t\tIGOUNO\torg_head\tSecretary-General\t2017-01-01\t\tm\ttest
Kim Sol\t\tKORGOV\tforeign_minister\tForeign Minister\t2019-01-01\t\tf\ttest
Kim Sol\t\tKORGOV\tforeign_minister\tForeign Minister\t2016-01-01\t2017-01-01\tf\ttest
Gondor Guard\tGG\tNORMIL\tarmed_group\t\t2015-01-01\t\tx\ttest
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> OfficeTable:
    folder = tmp_path_factory.mktemp("sources")
    (folder / "test.tsv").write_text(HEADER + ROWS, encoding="utf-8")
    return OfficeTable(read_modern_sources(folder))


@pytest.mark.parametrize(
    ("country", "office", "day", "name"),
    [
        ("FRA", "head_of_government", date(2023, 3, 1), "Aria Vell"),
        ("FRA", "head_of_government", date(2024, 1, 9), "Bran Dûnmar"),  # handover day: the newcomer
        ("FRA", "head_of_government", date(2022, 1, 1), None),  # nobody listed then
        ("USA", "head_of_government", date(2023, 3, 1), "Dana Holt"),  # presidential: the head of state
        ("USA", "head_of_state", date(2026, 1, 1), None),
        ("IGOUNO", "org_head", date(2020, 1, 1), "Eli Stone"),
        ("IGO", "org_head", date(2020, 1, 1), "Eli Stone"),
        ("KOR", "foreign_minister", date(2018, 1, 1), None),  # between two terms
        ("KOR", "foreign_minister", date(2016, 6, 1), "Kim Sol"),
    ],
)
def test_actors_offices_holder_on_day(table: OfficeTable, country, office, day, name) -> None:
    holder = office_holder(country, office, day, table=table)
    assert (holder.name if holder else None) == name


def test_actors_offices_holder_record(table: OfficeTable) -> None:
    holder = table.holder("FRA", "head_of_government", date(2023, 3, 1))
    assert holder is not None
    assert (holder.code, holder.gender, holder.title, holder.start, holder.end) == (
        "FRAGOV",
        "f",
        "Prime Minister",
        date(2022, 5, 16),
        date(2024, 1, 9),
    )


@pytest.mark.parametrize(
    ("title", "country", "office"),
    [
        ("prime minister", None, "head_of_government"),
        ("Prime Minister", "FRA", "head_of_government"),
        ("premier", "CHN", "head_of_government"),
        ("Secretary of State", "USA", "foreign_minister"),
        ("secretary of state", "GBR", "cabinet"),
        ("chancellor", "DEU", "head_of_government"),
        ("Chancellor", "GBR", "finance_minister"),
        ("chancellor of the exchequer", None, "finance_minister"),
        ("president", "USA", "head_of_state"),
        ("foreign secretary", "GBR", "foreign_minister"),
        ("Minister of Foreign Affairs", "JPN", "foreign_minister"),
        ("defense secretary", "USA", "defence_minister"),
        ("Defence Minister", None, "defence_minister"),
        ("home secretary", "GBR", "interior_minister"),
        ("interior minister", None, "interior_minister"),
        ("Treasury Secretary", "USA", "finance_minister"),
        ("finance minister", None, "finance_minister"),
        ("national security advisor", "USA", "national_security_adviser"),
        ("National Security Adviser", None, "national_security_adviser"),
        ("spokesperson of the foreign ministry", "CHN", "foreign_ministry_spokesperson"),
        ("Foreign Ministry spokesman", "RUS", "foreign_ministry_spokesperson"),
        ("Secretary-General", None, "org_head"),
        ("grand vizier", None, None),
    ],
)
def test_actors_offices_title_lexicon(title: str, country: str | None, office: str | None) -> None:
    assert offices_for_title(title, country) == office


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Aria Vell", "f"),  # the table's gender column
        ("VELL", "f"),  # a variant, case-blind
        ("Bran Dûnmar", "m"),
        ("Bran Dunmar", "m"),  # diacritics ignored
        ("bran dûnmar", "m"),
        ("Gondor Guard", "x"),  # a group
        ("Maria Lopez", "f"),  # else the first-name list
        ("Sergei Ivanov", "m"),
        ("Andrea Rossi", None),  # a name given to men and women: left out of the list
        ("Zqxw Yyy", None),
    ],
)
def test_actors_offices_gender_of(table: OfficeTable, name: str, gender: str | None) -> None:
    assert gender_of(name, table=table) == gender


def test_actors_offices_first_name_list_is_unambiguous() -> None:
    text = Path(__file__).parents[1].joinpath("src/tacitus/actors/data/first_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    names = [name.lower() for name, _ in rows]
    assert len(rows) >= 300
    assert len(names) == len(set(names))
    assert {gender for _, gender in rows} == {"m", "f"}
    assert first_name_gender("Jean Dupont") is None  # Jean: a man in France, a woman in English


def test_actors_offices_builtin_table_loads() -> None:
    # The shipped sources (none yet on this branch: an empty table answers None).
    holder = office_holder("FRA", "head_of_government", date(2023, 3, 1))
    assert holder is None or holder.code.startswith("FRA")


EXPECTATIONS = sorted((Path(__file__).parent / "data" / "modern_actors").glob("*.tsv"))


def _expectations() -> list:
    cases = []
    for path in EXPECTATIONS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or line.startswith("text\t"):
                continue
            text, day, expected, *_ = line.split("\t")
            cases.append(pytest.param(text, day, expected, id=f"{path.stem}:{number}"))
    return cases


@pytest.fixture(scope="module")
def coder():
    from tacitus.coder import Coder

    return Coder()


@pytest.mark.skipif(not EXPECTATIONS, reason="no tests/data/modern_actors/*.tsv on this branch yet")
@pytest.mark.parametrize(("text", "day", "expected"), _expectations())
def test_actors_offices_modern_expectations(coder, text: str, day: str, expected: str) -> None:
    """Each row: a mention as news writes it, an article date, the code the resolver
    must give (``-``: no code, e.g. before the person's first listed term)."""
    actor = coder.resolver.resolve(text, day)
    assert (actor.code if actor else "-") == expected
