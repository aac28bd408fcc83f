"""Wire-style sentences coded with the shipped dictionaries: general rules, not gold sentences."""

from __future__ import annotations

import pytest

from tacitus.coder import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder()


def triples(coder, text):
    return {(e.source, e.target, e.code) for e in coder.code_text(text, date="2021-02-04").events}


@pytest.mark.parametrize(
    "text",
    [
        "Chinese Foreign Minister Wang Yi said China firmly supports Russia.",
        "Malian President Ibrahim Keita said Mali welcomes the French troops.",
    ],
)
def test_events_wire_reported_speech_gives_no_self_event(coder, text):
    got = triples(coder, text)
    assert not any(s[:3] == t[:3] for s, t, _ in got), got


@pytest.mark.parametrize(
    ("text", "place_code"),
    [
        ("Iranian negotiators met American diplomats in Geneva on Friday.", "CHE"),
        (
            "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov on Monday. "
            "The two ministers agreed to meet in Moscow later this year.",
            "RUS",
        ),
    ],
)
def test_events_wire_city_of_a_meeting_is_no_target(coder, text, place_code):
    got = triples(coder, text)
    assert got, "the meeting itself should be coded"
    assert not any(t == place_code for _, t, _ in got), got


def test_events_wire_threatened_act_is_a_threat_not_the_act(coder):
    got = triples(coder, "The Belarusian government threatened to retaliate against Lithuania.")
    assert got and all(code.startswith("13") for _, _, code in got), got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany agreed to meet Poland next week.", {("DEU", "POL", "036")}),
        ("Japan agreed to provide economic aid to Nepal.", {("JPN", "NPL", "033")}),
    ],
)
def test_events_wire_intent_takes_the_code_of_its_content(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan will give Nepal a grant of 14 million dollars.", {("JPN", "NPL", "0331")}),
        ("German Foreign Minister Heiko Maas will visit Poland in June.", {("DEUGOV", "POL", "036")}),
    ],
)
def test_events_wire_announced_cooperation_is_intent(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia will impose sanctions on Lithuania.", {("RUS", "LTU", "1312")}),
        ("Russia imposed sanctions on Lithuania.", {("RUS", "LTU", "163")}),
        ("Russian troops tried to attack Ukrainian positions.", {("RUSMIL", "UKR", "190")}),
    ],
)
def test_events_wire_announced_conflict_is_threat_attempt_is_act(coder, text, expected):
    assert triples(coder, text) == expected


def test_events_wire_role_word_describing_a_thing_is_no_target(coder):
    got = triples(
        coder, "French President Emmanuel Macron promised additional military aid to the Malian army."
    )
    assert got == {("FRAGOV", "MLIMIL", "0332")}


def test_events_wire_statement_that_target_must_act_is_a_demand(coder):
    got = triples(coder, "The German government declared on Monday that Russia must withdraw its troops.")
    assert ("DEUGOV", "RUS", "1056") in got and not any(code.startswith("01") for _, _, code in got)


def test_events_wire_rejection_codes_without_a_pattern(coder):
    assert triples(coder, "Serbia flatly rejected an Australian ultimatum.") == {("SRB", "AUS", "120")}


def test_events_wire_renewed_talks_are_negotiation(coder):
    got = triples(coder, "Israel and Syria renewed negotiations on Monday.")
    assert got == {("ISR", "SYR", "046"), ("SYR", "ISR", "046")}


def test_events_wire_serb_is_serbia(coder):
    # "Serb" had no dictionary entry (only "Serbia", "Serbian"): the attack coded nothing.
    got = triples(coder, "Serb forces attacked Albanian villages on Monday.")
    assert got == {("SRB", "ALBCVL", "190")}
