"""Actor composition: country + agents, prefix agents, agent phrases over coordinated countries."""

from __future__ import annotations

import pytest

from coder_helpers import small_set
from tacitus.actors.compose import Mention, compose_code
from tacitus.coder import Coder


@pytest.fixture(scope="module")
def coder(nlp):
    return Coder(small_set())


@pytest.mark.parametrize(
    ("base", "agents", "expected"),
    [
        ("ARN", [("MOS", False)], "ARNMOS"),
        ("ARN", [("NGO", True), ("GOV", False)], "NGOARNGOV"),
        ("USAGOV", [("GOV", False)], "USAGOV"),  # WHITE HOUSE officials
        ("---", [("LEG", False)], "---LEG"),
        ("ARN", [("GOVFRM", False), ("GOV", False)], "ARNGOVFRM"),
        ("OSGMIL", [("ARM", False)], "OSGMILARM"),
        ("PSEREBHMS", [("UAF", False)], "PSEREBHMS"),  # Hamas militants: Hamas
        ("IGOEUREEC", [("GOV", False)], "IGOEUREEC"),  # EU officials
    ],
)
def test_actors_compose_code(base, agents, expected):
    mentions = [Mention("agent", 0, 1, (code,), prefix=prefix) for code, prefix in agents]
    assert compose_code(base, mentions) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An Arnor cleric restored ties with Gondor.", {("ARNMOS", "GON", "064")}),
        ("An MSF Arnor diplomat restored ties with Gondor.", {("NGOARNGOV", "GON", "064")}),
        ("Soldiers from Osgiliath attacked Gondor.", {("OSGMILARM", "GON", "190")}),
        (
            "The ambassadors of Arnor, Osgiliath and Gondor met Lorien.",
            {(s, t, "031") for s in ("ARNGOV", "OSGGOV", "GONGOV") for t in ("ELR", "GAL")}
            | {(t, s, "031") for s in ("ARNGOV", "OSGGOV", "GONGOV") for t in ("ELR", "GAL")},
        ),
    ],
)
def test_actors_compose_in_sentences(coder, text, expected):
    coded = coder.code_text(text, date="1995-01-01")
    assert {(e.source, e.target, e.code) for e in coded.events} == expected


def test_actors_compose_unknown_person_gets_title_code(coder):
    text = "Arnor Foreign Minister Elfstan Fairbairn met Gondor. Later Fairbairn attacked Osgiliath."
    coded = coder.code_text(text, date="1995-01-01")
    assert ("ARNGOV", "OSG", "190") in {(e.source, e.target, e.code) for e in coded.events}
    introduced = [a for a in coded.actors if "Elfstan Fairbairn" in a.text]
    assert introduced and introduced[0].code == "ARNGOV"
    # The name comes from the text, not a dictionary person entry: the generic ARNGOV names nobody.
    assert introduced[0].name is None
