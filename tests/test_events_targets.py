"""Targets with the shipped dictionaries: what an object is about, or the speaker's own, is no target."""

from __future__ import annotations

import pytest

from tacitus.coder import Coder
from tacitus.records import Article


@pytest.fixture(scope="module")
def coder(nlp):
    return Coder()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "against armed groups" says what the cooperation is about: they signed with each other.
        (
            "France and Mali signed an agreement on military cooperation against armed groups.",
            {("FRA", "MLI", "057"), ("MLI", "FRA", "057")},
        ),
        # "with": a partner, wherever the parse hangs it.
        (
            "France and Mali signed an agreement with rebel groups.",
            {
                ("FRA", "---REB", "057"),
                ("---REB", "FRA", "057"),
                ("MLI", "---REB", "057"),
                ("---REB", "MLI", "057"),
            },
        ),
        # The direct object is the target, country or not.
        (
            "India and Pakistan accused militants of attacking civilians.",
            {("IND", "---UAF", "112"), ("PAK", "---UAF", "112")},
        ),
        # Hamas's members are Hamas: no generic agent on an organisation code.
        ("Hamas militants fired rockets at southern Israel.", {("PSEREBHMS", "ISR", "190")}),
        # "its soldiers" in India's reported clause are India's own: no IND -> ---MIL statement.
        (
            "India accused Pakistan of violating the ceasefire and said its soldiers returned fire.",
            {("IND", "PAK", "112")},
        ),
        ("Wang said China supports Russia.", {("CHN", "RUS", "050")}),
    ],
)
def test_events_targets_shipped_dictionaries(coder, text, expected):
    coded = next(coder.code_articles([Article(id="t", text=text, date="2018-07-15")]))
    assert {(e.source, e.target, e.code) for e in coded.events} == expected
