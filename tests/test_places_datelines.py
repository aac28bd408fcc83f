"""Datelines: the place at the head of wire copy, found, resolved and used for events."""

import pytest

from tacitus.places import Geocoder
from tacitus.places.toponyms import find_dateline
from tacitus.records import Article


@pytest.mark.parametrize(
    ("text", "place", "region"),
    [
        ("MOSCOW, Feb 4 (Reuters) - Russia said on Thursday", "MOSCOW", None),
        ("BEIJING — China's foreign minister spoke", "BEIJING", None),
        ("SAN FRANCISCO, Calif. (AP) — A judge ruled", "SAN FRANCISCO", "Calif."),
        ("KYIV, Ukraine — Officials said", "KYIV", "Ukraine"),
        ("READING, Penn., Feb 26 - Qtly div 25 cts", "READING", "Penn."),
        ("****SANTO DOMINGO, March 4 - The republic sold sugar", "SANTO DOMINGO", None),
        ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", None),
    ],
)
def test_places_dateline_is_found(text, place, region):
    mention = find_dateline(text)
    assert mention is not None
    assert (mention.text, mention.container) == (place, region)
    assert text[mention.start : mention.end] == place


@pytest.mark.parametrize(
    "text",
    [
        "The minister said - and repeated - that talks would go on.",
        "UPDATE 1 - Oil prices rose",
        "Moscow, a city of millions, said nothing.",
        "US - China talks resumed.",
    ],
)
def test_places_dateline_absent_is_not_invented(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "country", "admin1", "resolved"),
    [
        ("MOSCOW, Feb 4 (Reuters) - Talks ended on Thursday.", "RUS", "RS48", "Moscow"),
        ("SPRINGFIELD, Ill. (AP) — The governor signed the bill.", "USA", "USIL", "Springfield"),
        ("PARIS — Ministers met on Monday.", "FRA", "FR11", "Paris"),
        ("ELWOOD, KAN., Feb 26 - Shr loss six cts.", "USA", "USKS", "Kansas"),
    ],
)
def test_places_dateline_resolves(nlp, text, country, admin1, resolved):
    article = Article(id="d", text=text)
    locations = Geocoder().locate(article, nlp(text))
    dateline = [loc for loc in locations if loc.mention == "dateline"]
    assert [(loc.country, loc.admin1, loc.resolved_name) for loc in dateline] == [(country, admin1, resolved)]
