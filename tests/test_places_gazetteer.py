"""The gazetteer: names, codes and the readings of names users trip over."""

import pytest

from tacitus.places.gazetteer import load_gazetteer, name_key


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kiev", ("city", "UKR", "Kyiv")),
        ("Peking", ("city", "CHN", "Beijing")),
        ("Bombay", ("city", "IND", "Mumbai")),
        ("Britain", ("country", "GBR", "United Kingdom")),
        ("West Germany", ("country", "DEU", "Germany")),
        ("Soviet Union", ("country", "RUS", "Russia")),
        ("Burma", ("country", "MMR", "Myanmar")),
        ("Bavaria", ("admin1", "DEU", "Bayern")),
        ("Gorazde", ("city", "BIH", "Goražde")),
    ],
)
def test_places_gazetteer_knows_exonyms_and_old_names(gazetteer, name, expected):
    readings = {(p.kind, p.iso3, p.name) for p, _ in gazetteer.lookup(name)}
    assert expected in readings


@pytest.mark.parametrize(
    ("name", "targets"),
    [
        ("Georgia", {"country:GE", "admin1:US.GA"}),
        ("Congo", {"country:CD", "country:CG"}),
        ("Korea", {"country:KR", "country:KP"}),
        ("Macedonia", {"country:MK", "admin1:GR.ESYE12"}),
    ],
)
def test_places_gazetteer_keeps_every_reading_of_trap_names(gazetteer, name, targets):
    assert targets <= {p.target() for p, _ in gazetteer.lookup(name)}


@pytest.mark.parametrize(
    ("target", "fips", "adm1", "geo_type", "feature_class"),
    [
        ("country:GE", "GG", "GG", 1, "A"),
        ("admin1:US.GA", "US", "USGA", 2, "A"),
        ("city:611717", "GG", "GG51", 4, "P"),  # Tbilisi
        ("city:4887398", "US", "USIL", 3, "P"),  # Chicago
    ],
)
def test_places_gazetteer_gives_gdelt_codes(gazetteer, target, fips, adm1, geo_type, feature_class):
    place = gazetteer.place(target)
    assert (place.fips, place.adm1_code, place.geo_type, place.feature_class) == (
        fips,
        adm1,
        geo_type,
        feature_class,
    )
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize("name", ["Asia", "Middle East", "Gulf", "East", "North America"])
def test_places_gazetteer_ignores_regions_that_are_not_places(gazetteer, name):
    assert gazetteer.lookup(name) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [("Goražde", "gorazde"), ("Guinea-Bissau", "guinea bissau"), ("the Netherlands", "netherlands")],
)
def test_places_gazetteer_name_key_normalises(text, key):
    assert name_key(text) == key
