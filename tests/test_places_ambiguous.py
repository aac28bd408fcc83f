"""Resolution of names users trip over: Georgia, Congo, Macedonia, Korea, Springfield, Paris.

The texts are written for these tests; each is parsed by the real model.
"""

import pytest

from tacitus.places import Geocoder
from tacitus.records import Article


@pytest.fixture(scope="module")
def geocoder():
    return Geocoder()


def resolved(geocoder, nlp, text, name):
    article = Article(id="t", text=text)
    locations = geocoder.locate(article, nlp(text))
    return [(loc.country, loc.admin1, loc.geo_type) for loc in locations if loc.name == name]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Russian tanks rolled toward Tbilisi as fighting spread across Georgia.",
            "Georgia",
            ("GEO", "GG", 1),
        ),
        (
            "Voters in Atlanta lined up for hours as Georgia held its Senate runoff.",
            "Georgia",
            ("USA", "USGA", 2),
        ),
        ("Clashes in Tbilisi, Georgia left three people dead.", "Georgia", ("GEO", "GG", 1)),
        ("Fighting near Goma in eastern Congo displaced thousands of people.", "Congo", ("COD", "CG", 1)),
        ("The president of Congo returned to Brazzaville on Friday.", "Congo", ("COG", "CF", 1)),
        (
            "Ethnic Albanian guerrillas clashed with police in Macedonia near Tetovo.",
            "Macedonia",
            ("MKD", "MK", 1),
        ),
        (
            "Farmers in Thessaloniki said the drought hit Macedonia hardest.",
            "Macedonia",
            ("GRC", "GRESYE12", 5),
        ),
        ("Pyongyang said Korea would never give up its missiles.", "Korea", ("PRK", "KN", 1)),
        ("Seoul said exports from Korea rose in May.", "Korea", ("KOR", "KS", 1)),
    ],
)
def test_places_ambiguous_country_or_region(nlp, geocoder, text, name, expected):
    assert resolved(geocoder, nlp, text, name)[0] == expected


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("The rally in Springfield, Illinois drew thousands of people.", "USIL"),
        ("The rally in Springfield, Missouri drew thousands of people.", "USMO"),
        ("The rally in Springfield, Mass. drew thousands of people.", "USMA"),
    ],
)
def test_places_ambiguous_containment_picks_the_contained_city(nlp, geocoder, text, admin1):
    assert resolved(geocoder, nlp, text, "Springfield")[0][1] == admin1


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Ministers met in Paris to discuss the budget.", "Paris", "FRA"),
        ("The talks in Washington ended without a deal.", "Washington", "USA"),
        ("Protesters marched through Kiev on Sunday.", "Kiev", "UKR"),
    ],
)
def test_places_ambiguous_population_prior(nlp, geocoder, text, name, country):
    assert resolved(geocoder, nlp, text, name)[0][0] == country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Paris Hilton arrived at the party.", "Paris Hilton"),
        ("Oil prices fell across Asia and the Middle East.", "Asia"),
    ],
)
def test_places_ambiguous_non_places_are_not_located(nlp, geocoder, text, name):
    assert resolved(geocoder, nlp, text, name) == []


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Three soldiers were killed outside the Iraqi city of Basra.", "Iraqi", [("IRQ", "demonym")]),
        ("Troops crossed onto Syrian soil on Monday.", "Syrian", [("SYR", "demonym")]),
        ("Iraqi officials rejected the plan.", "Iraqi", []),
        ("Several Americans were released.", "Americans", []),
    ],
)
def test_places_ambiguous_demonyms_only_where_they_name_a_place(nlp, geocoder, text, name, expected):
    article = Article(id="t", text=text)
    found = [(loc.country, loc.mention) for loc in geocoder.locate(article, nlp(text)) if loc.name == name]
    assert found == expected
