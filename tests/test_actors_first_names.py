"""The given-name list (`first_names.tsv`): its rules, a sample of names, the surname rule it serves."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tacitus.actors.offices import first_name_gender
from tacitus.coder import Coder
from tacitus.dictionaries.modern import ascii_fold

ROOT = Path(__file__).parents[1]
NAMES = ROOT / "src" / "tacitus" / "actors" / "data" / "first_names.tsv"
COUNTRIES = ROOT / "src" / "tacitus" / "cameo" / "data" / "cameo_countries.tsv"


def _fold(text: str) -> str:
    return " ".join(ascii_fold(text).replace("_", " ").lower().split())


def _rows() -> list[list[str]]:
    lines = [line for line in NAMES.read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert lines[0] == "name\tgender"
    return [line.split("\t") for line in lines[1:]]


def _places() -> set[str]:
    """Country names, capitals and nationality forms of the CAMEO country table, folded."""
    places: set[str] = set()
    with COUNTRIES.open(encoding="utf-8") as table:
        for row in csv.DictReader(table, delimiter="\t"):
            forms = [row["name"], *row["capital"].split(";"), *row["nationality"].split(";")]
            places.update(_fold(form) for form in forms if form.strip())
    return places


def test_actors_first_names_list_is_broad() -> None:
    assert len(_rows()) >= 3000


def test_actors_first_names_each_name_once_with_one_gender() -> None:
    # The lookup folds case and diacritics: "José" and "Jose" are one name, listed once.
    rows = _rows()
    keys = [_fold(name) for name, _ in rows]
    assert len(keys) == len(set(keys))
    assert {gender for _, gender in rows} == {"m", "f"}
    assert all(len(row) == 2 and row[0][0].isupper() and row[0] == row[0].strip() for row in rows)


def test_actors_first_names_sorted_by_folded_name() -> None:
    keys = [_fold(name) for name, _ in _rows()]
    assert keys == sorted(keys)


def test_actors_first_names_no_country_capital_or_nationality() -> None:
    # A listed name turns the one-word place after it into a surname ("Patty Murray"):
    # "Israel Iran war" must not lose Iran to a given name "Israel".
    assert not {_fold(name) for name, _ in _rows()} & _places()


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Patty Murray", "f"),  # English, with short forms
        ("Bob Menendez", "m"),
        ("Bill Clinton", "m"),
        ("Mike Johnson", "m"),
        ("Kate Gallego", "f"),
        ("Liz Truss", "f"),
        ("François Bayrou", "m"),  # French
        ("Ségolène Royal", "f"),
        ("Jean-Yves Le Drian", "m"),
        ("Marie-Christine Dalloz", "f"),
        ("Jürgen Trittin", "m"),  # German, Dutch, Scandinavian
        ("Ulrike Guérot", "f"),
        ("Wopke Hoekstra", "m"),
        ("Femke Halsema", "f"),
        ("Søren Pape Poulsen", "m"),
        ("Mette Frederiksen", "f"),
        ("Joaquín Almunia", "m"),  # Spanish, Portuguese, Italian
        ("Begoña Gómez", "f"),
        ("João Lourenço", "m"),
        ("Graça Machel", "f"),
        ("Giorgio Napolitano", "m"),
        ("Giorgia Meloni", "f"),
        ("Sergei Shoigu", "m"),  # Slavic
        ("Svetlana Tikhanovskaya", "f"),
        ("Oleksandr Syrskyi", "m"),
        ("Iryna Vereshchuk", "f"),
        ("Radosław Sikorski", "m"),
        ("Małgorzata Kidawa-Błońska", "f"),
        ("Jiří Drahoš", "m"),
        ("Kateřina Konečná", "f"),
        ("Aleksandar Vučić", "m"),
        ("Jadranka Kosor", "f"),
        ("Kyriakos Mitsotakis", "m"),  # Greek, Turkish
        ("Katerina Sakellaropoulou", "f"),
        ("Mevlüt Çavuşoğlu", "m"),
        ("Zeynep Altıok", "f"),
        ("Muhammad Yunus", "m"),  # Arabic, Persian, Hebrew
        ("Mohamed Morsi", "m"),
        ("Mohammed bin Salman", "m"),
        ("Mohammad Javad Zarif", "m"),
        ("Ahmed Aboul Gheit", "m"),
        ("Ahmad Shah Massoud", "m"),
        ("Fatima Payman", "f"),
        ("Aisha Buhari", "f"),
        ("Abbas Araghchi", "m"),
        ("Masoumeh Ebtekar", "f"),
        ("Yitzhak Herzog", "m"),
        ("Ayelet Shaked", "f"),
        ("Narendra Modi", "m"),  # South Asian
        ("Nirmala Sitharaman", "f"),
        ("Shehbaz Sharif", "m"),
        ("Maryam Nawaz", "f"),
        ("Khaleda Zia", "f"),
        ("Shigeru Ishiba", "m"),  # Japanese, Indonesian, Malay, Filipino
        ("Yoko Kamikawa", "f"),
        ("Prabowo Subianto", "m"),
        ("Megawati Sukarnoputri", "f"),
        ("Bongbong Marcos", "m"),
        ("Imelda Marcos", "f"),
        ("Uhuru Kenyatta", "m"),  # African
        ("Ngozi Okonjo-Iweala", "f"),
        ("Kwame Nkrumah", "m"),
        ("Wangari Maathai", "f"),
        ("Andrés Manuel López Obrador", "m"),  # Latin American
        ("Claudia Sheinbaum", "f"),
    ],
)
def test_actors_first_names_known_names(name: str, gender: str) -> None:
    assert first_name_gender(name) == gender


@pytest.mark.parametrize("spelling", ["José", "Jose", "JOSE", "josé"])
def test_actors_first_names_fold_case_and_diacritics(spelling: str) -> None:
    assert first_name_gender(spelling) == "m"


@pytest.mark.parametrize(
    "name",
    [
        # Given to men and to women, here or across cultures.
        "Jean", "Andrea", "Nicola", "Simone", "Kim", "Sasha", "Alex", "Robin",
        "Karen",  # Armenian men (Karen Karapetyan), English women
        "Joan",  # Catalan men, English women
        "Nikola", "Michal", "Daniele", "Yacine", "Erin", "Ilham",
        # Countries, capitals, nationalities and everyday words before a place.
        "Jordan", "Chad", "Israel", "Georgia", "India", "Sofia", "Santiago", "Victoria", "Germán",
        "Christian", "Grant", "Sue", "Per", "Will", "May", "Said", "Can", "June", "August",
        # Family names written first (Chinese, Korean, Vietnamese) and Burmese names.
        "Xi", "Li", "Wang", "Zhang", "Liu", "Chen", "Lee", "Park", "Moon", "Yoon",
        "Nguyen", "Tran", "Pham", "Le", "Mai", "Lam", "Aung", "Min",
    ],
)  # fmt: skip
def test_actors_first_names_left_out(name: str) -> None:
    assert first_name_gender(name) is None


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Patty Murray", None),  # a surname, not the Murray River (AUS)
        ("Michael Jordan", None),
        ("Jordan", "JOR"),
        ("the bill Iran passed", "IRN"),  # "bill" in lower case is no given name
    ],
)
def test_actors_first_names_surname_rule(coder: Coder, text: str, code: str | None) -> None:
    actor = coder.resolver.resolve(text, "2020-01-01")
    assert (actor.code if actor else None) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Milan Kucan met Croatian officials.", ["HRVGOV"]),  # a first name, not Italy
        ("Tara Reade spoke.", []),  # not Ireland
        ("Police in Milan arrested two men.", ["ITACOP", "---PPL"]),  # the city stays a city
    ],
)
def test_actors_first_names_city_before_a_surname_is_a_given_name(
    coder: Coder, text: str, codes: list[str]
) -> None:
    assert [a.code for a in coder.code_text(text, date="2020-01-01").actors] == codes
