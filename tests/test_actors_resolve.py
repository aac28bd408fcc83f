"""Actor resolution: stems, longest match, dated codes, multi-code actors and `resolver.resolve`."""

from __future__ import annotations

import pytest

from coder_helpers import small_set
from tacitus.coder import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder(small_set())


@pytest.mark.parametrize(
    ("text", "day", "code"),
    [
        ("Gollum", "1995-01-01", "HOB"),
        ("Smeagol", "19970101", "HOBGOV"),
        ("Gollum", "2001-01-01", "HOBREB"),
        ("the Arnorian diplomat", "2001-01-01", "ARNGOV"),
        ("Minas Tirith", None, "GON"),
    ],
)
def test_actors_resolve_by_date(coder, text, day, code):
    actor = coder.resolver.resolve(text, day)
    assert actor is not None and actor.code == code


def test_actors_resolve_unknown_is_none(coder):
    assert coder.resolver.resolve("the weather in spring", "2001-01-01") is None


def test_actors_resolve_country_and_sector(coder):
    actor = coder.resolver.resolve("Osgiliath soldiers", "2001-01-01")
    assert (actor.code, actor.country, actor.sector) == ("OSGMILARM", "OSG", "MILARM")


def test_actors_multi_code_actor_gives_one_event_per_code(coder):
    coded = coder.code_text("Arnor attacked Lorien.", date="1995-01-01")
    assert {(e.source, e.target) for e in coded.events} == {("ARN", "ELR"), ("ARN", "GAL")}
