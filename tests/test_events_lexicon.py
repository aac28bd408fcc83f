"""General rules of the shipped coder (lexicon senses, unasserted clauses, article-level
dedupe, titles against the table), each on sentences written for the test."""

from __future__ import annotations

import pytest

from tacitus.coder import Coder
from tacitus.records import Article


@pytest.fixture(scope="module")
def coder():
    return Coder()


def triples(coder, text, date="2021-05-01"):
    return {(e.source, e.target, e.code) for e in coder.code_text(text, date=date).events}


def article_triples(coder, text, date, title=None):
    coded = next(coder.code_articles([Article(id="a", text=text, date=date, title=title)]))
    return [(e.source, e.target, e.code, e.verb) for e in coded.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit: the host receives, the guest visits
        (
            "France hosted the Lebanese prime minister in Paris.",
            {("FRA", "LBNGOV", "043"), ("LBNGOV", "FRA", "042")},
        ),
        # the mode of a talk: phone, video call
        (
            "Turkey's foreign minister spoke by phone with his Greek counterpart.",
            {("TURGOV", "GRCGOV", "041"), ("GRCGOV", "TURGOV", "041")},
        ),
        (
            "The leaders of India and Japan held a video call on Monday.",
            {("INDGOV", "JPNGOV", "041"), ("JPNGOV", "INDGOV", "041")},
        ),
        # the city of a meeting and its topic are not targets
        ("China and Russia discussed Syria in Moscow.", {("CHN", "RUS", "040"), ("RUS", "CHN", "040")}),
        # praise or condemnation of an act is aimed at its owner
        ("Japan condemned North Korea's missile launch.", {("JPN", "PRK", "111")}),
        # a verb the CAMEO dictionary lacks, with co-listed sources
        (
            "France, Germany and Italy sanctioned Belarus.",
            {("FRA", "BLR", "163"), ("DEU", "BLR", "163"), ("ITA", "BLR", "163")},
        ),
        # the victim of a passive is the target
        ("Two Indian soldiers were killed by Pakistani troops.", {("PAKMIL", "INDMIL", "190")}),
        # seats of government and capitals act for the government
        ("Downing Street criticised Moscow.", {("GBRGOV", "RUSGOV", "111")}),
        # "call for X to act" is aimed at X
        ("Washington called for Russia to withdraw its forces from Ukraine.", {("USAGOV", "RUS", "020")}),
        # a threat with a condition
        ("Russia will attack Ukraine unless NATO withdraws.", {("RUS", "UKR", "138")}),
        # reported speech is the reported act, not an act on the listener
        ("Officials told Reuters that Israel attacked Syria.", {("ISR", "SYR", "190")}),
    ],
)
def test_events_lexicon_codes_general_rules(coder, text, expected):
    assert triples(coder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will Iran attack Israel?",  # a question
        "Israel was unable to persuade Egypt.",  # an act that failed
        "Reports that Iran had attacked Iraq were denied.",  # a claim
        "The UN sanctioned the use of force.",  # "sanction" with no actor to punish
    ],
)
def test_events_lexicon_unasserted_acts_are_not_events(coder, text):
    assert triples(coder, text) == set()


def test_events_lexicon_asked_act_is_a_request_not_the_act(coder):
    assert triples(coder, "Trump asked Zelenskiy to investigate Biden.", "2019-09-01") == {
        ("USAGOV", "UKRGOV", "020")
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Chinese President Xi Jinping met Lula.", "CHNGOV"),  # the person, not the adjective
        ("China's President Xi Jinping met Lula.", "CHNGOV"),
        ("Former President Donald Trump met Lula.", "USAELI"),  # "former" outranks the table
    ],
)
def test_events_lexicon_known_person_code_against_words_before_the_name(coder, text, code):
    events = coder.code_text(text, date="2023-04-14").events
    assert {e.source for e in events if e.target == "BRAGOV"} == {code}


def test_events_lexicon_undated_title_gives_the_office(coder):
    """An undated article takes a person's latest term (the years after office); the title
    written before the name says they are in office."""
    events = coder.code_text(
        "Secretary of State Antony Blinken spoke with French Foreign Minister Jean-Yves Le Drian.",
        date=None,
    ).events
    assert {(e.source, e.target) for e in events} == {("USAGOV", "FRAGOV"), ("FRAGOV", "USAGOV")}


def test_events_lexicon_first_sentence_full_of_names_is_no_headline(coder):
    """A first sentence that ends with a full stop is body text, not a headline that the
    body's later events repeat; what the two leaders discussed in the meeting is that
    meeting, not a second event."""
    found = article_triples(
        coder,
        "Chinese President Xi Jinping met Brazilian President Lula in Beijing on Friday. "
        "The two leaders also discussed trade.",
        "2023-04-14",
    )
    assert found == [("CHNGOV", "BRAGOV", "040", "met"), ("BRAGOV", "CHNGOV", "040", "met")]


def test_events_lexicon_headline_repeated_by_the_body_is_coded_once(coder):
    found = article_triples(
        coder,
        "Japan Condemns North Korea Missile Launch\n\nJapan condemned North Korea on Tuesday.",
        "2022-03-01",
    )
    assert [(s, t, c) for s, t, c, _ in found] == [("JPN", "PRK", "111")]


@pytest.mark.parametrize(
    "text",
    [
        "Did you make a phone call to any Libyan government official to help these people.",
        "Giuliani was persistent in his calls for Ukraine to open an investigation into Russia.",
        "White House officials engage more with Ukraine.",  # no block default: not a fight
        "He served four months in Iraq.",  # not aid
    ],
)
def test_events_lexicon_asked_wanted_or_default_less_is_no_event(coder, text):
    assert triples(coder, text, "2019-10-30") == set()


def test_events_lexicon_the_leaders_are_the_two_just_named(coder):
    found = article_triples(
        coder,
        "President Joe Biden spoke today with Prime Minister Justin Trudeau of Canada. "
        "The leaders affirmed their unwavering support for Ukraine.",
        "2023-06-25",
    )
    assert {(s, t, c) for s, t, c, verb in found if verb == "affirmed"} == {
        ("USAGOV", "UKR", "051"),
        ("CANGOV", "UKR", "051"),
    }


def test_events_lexicon_foreign_government_takes_no_document_country(coder):
    found = article_triples(
        coder,
        "The FBI reviewed its records. A foreign government asked the FBI for "
        "information about Tamerlan Tsarnaev. The FBI said the request was routine.",
        "2013-04-20",
    )
    assert [(s, t) for s, t, _, _ in found] == [("---GOV", "USACOP")]


@pytest.mark.parametrize(
    ("text", "date", "codes"),
    [
        ("The Vatican criticised Russia.", "2023-05-01", ["VATGOV", "RUS"]),
        ("The Blue House condemned North Korea.", "2019-05-01", ["KORGOV", "PRK"]),
        # the seat moved in 2022: the old one is no actor
        ("The Blue House condemned North Korea.", "2023-05-01", ["PRK"]),
    ],
)
def test_events_lexicon_seats_of_government(coder, text, date, codes):
    """A seat is the government, and never a person (no name a pronoun could link to)."""
    actors = coder.code_text(text, date=date).actors
    assert [a.code for a in actors] == codes
    assert all(a.name is None for a in actors)


def test_events_lexicon_unknown_title_and_surname_is_no_office_holder(coder):
    """Any Smith in office that day is no evidence; a given name that disagrees rules it out."""
    actors = coder.code_text("Israeli officials met Envoy John Smith.", date="2023-05-01").actors
    assert [a.code for a in actors] == ["ISRGOV", "---GOV"]
