"""Actor records: country is never a sector, sector the blocks after it, a name only when sure."""

from __future__ import annotations

import pytest

from tacitus.actors.resolver import actor_record, split_actor_code
from tacitus.coder import Coder


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        ("USAGOVMIL", "USA", "GOVMIL"),
        ("USA", "USA", None),
        ("---GOV", None, "GOV"),  # no country is not a country
        ("---", None, None),
        ("MED", None, "MED"),  # a sector alone is not a country
        ("IGOUNO", "IGO", "UNO"),
        ("OSGMILARM", "OSG", "MILARM"),  # a user set's own country block
        ("PSEREBHMS", "PSE", "REBHMS"),
        ("MEAREB", "MEA", "REB"),  # a region
        ("MNCUSAMED", "MNC", "USAMED"),
        ("MEDGOV", None, "MEDGOV"),
        ("SVNGOV", "SVN", "GOV"),  # a country the table codes with dates
        ('"THE MOB"', None, None),  # a new actor coded by its text
    ],
)
def test_actors_records_country_and_sector(code: str, country: str | None, sector: str | None) -> None:
    assert split_actor_code(code) == (country, sector)
    actor = actor_record("x", code)
    assert (actor.country, actor.sector) == (country, sector)


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def test_actors_records_name_of_dictionary_person(coder: Coder) -> None:
    actor = coder.resolver.resolve("Russian Foreign Minister Sergei Lavrov", "2021-02-04")
    assert actor is not None and actor.code == "RUSGOV"
    assert actor.name == "Sergei Lavrov"


@pytest.mark.parametrize("text", ["Iraq", "Iraqi troops", "the Pentagon"])
def test_actors_records_no_name_for_generic_entries(coder: Coder, text: str) -> None:
    actor = coder.resolver.resolve(text, "2021-02-04")
    assert actor is not None and actor.name is None


def test_actors_records_coded_article_names(coder: Coder) -> None:
    coded = coder.code_text(
        "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Zhu Qianwei in Moscow. "
        "Zhu said China would deepen ties with Russia.",
        date="2021-02-04",
    )
    assert {a.name for a in coded.actors if "Lavrov" in a.text} == {"Sergei Lavrov"}
    zhu = [a for a in coded.actors if "Zhu" in a.text]
    assert zhu and all(a.code == "CHNGOV" and a.name is None for a in zhu)
    assert all(a.country is None or len(a.country) == 3 for a in coded.actors)
    assert not [a for a in coded.actors if a.country in {"MED", "GOV", "MIL", "BUS"}]
