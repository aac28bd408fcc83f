"""Event rules: patterns, paired codes, passives, compounds, negation, modality, no fallbacks."""

from __future__ import annotations

import pytest

from coder_helpers import block, pattern, small_set, word
from tacitus.coder import Coder, CoderOptions
from tacitus.dictionaries.model import Element

WARN = block(
    "WARN",
    ["WARN", "WARNED"],
    "160",
    patterns=(pattern((), (word("OF"), Element("target")), "162"),),
)
WILL = block("WILL", ["WILL", "WOULD"], "030")


@pytest.fixture(scope="module")
def coder():
    return Coder(small_set((WARN, WILL)))


def triples(coder, text, date="1995-01-01", **kw):
    return {(e.source, e.target, e.code) for e in coder.code_text(text, date=date, **kw).events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor restored ties with Gondor.", {("ARN", "GON", "064")}),
        ("Arnor met Gondor on Monday.", {("ARN", "GON", "031"), ("GON", "ARN", "031")}),
        ("Gondor was opposed by Osgiliath.", {("OSG", "GON", "112")}),
        ("Arnor and Osgiliath attacked Gondor.", {("ARN", "GON", "190"), ("OSG", "GON", "190")}),
        ("Arnor warned Gondor of Osgiliath.", {("ARN", "OSG", "162")}),
        ("Arnor and Gondor agreed on Monday.", {("ARN", "GON", "030"), ("GON", "ARN", "030")}),
        ("Osgiliath opposed the plan and attacked Gondor.", {("OSG", "GON", "190")}),
    ],
)
def test_events_rules_code(coder, text, expected):
    assert triples(coder, text) == expected


def test_events_rules_pattern_rule_is_recorded(coder):
    event = coder.code_text("Arnor warned Gondor of Osgiliath.", date="1995-01-01").events[0]
    assert event.rule.pattern == "- test pattern" and event.rule.file == "test.txt"


def test_events_rules_future_auxiliary_is_never_a_verb(coder):
    from tacitus.actors.words import words_of_tokens
    from tacitus.events.patterns import SentenceWords
    from tacitus.events.verbs import find_verbs

    text = "Arnor will restore ties with Gondor."
    assert triples(coder, text) == {("ARN", "GON", "064")}
    # WILL is a verb form of this dictionary (030), and the parse makes it an auxiliary
    # verb: only the rule keeps it from being found as one.
    doc = coder.nlp(text)
    assert doc[1].pos_ == "AUX"
    words = words_of_tokens(doc)
    blank = [-1] * len(words)
    sw = SentenceWords(words=words, group=blank, chunk=blank, synsets=coder.dictionaries.verbs.synsets)
    assert [hit.token.text for hit in find_verbs(list(doc), sw, coder.dictionaries.verbs)] == ["restore"]


def test_events_rules_no_fallback_statement_code(coder):
    # The same sentence with a dictionary verb codes; with a verb no dictionary knows, nothing.
    assert triples(coder, "Arnor attacked Gondor warmly.") == {("ARN", "GON", "190")}
    assert triples(coder, "Arnor praised Gondor warmly.") == set()


def test_events_rules_negated_excluded_by_default(coder):
    assert triples(coder, "Arnor did not attack Gondor.") == set()
    negated = coder.with_options(CoderOptions(include_negated=True))
    assert triples(negated, "Arnor did not attack Gondor.") == {("ARN", "GON", "190")}


def test_events_rules_negated_kept_and_flagged_on_request(coder):
    negated = coder.with_options(CoderOptions(include_negated=True))
    events = negated.code_text("Arnor did not attack Gondor.", date="1995-01-01").events
    assert [(e.code, e.negated) for e in events] == [("190", True)]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Arnor attacked Gondor.", "asserted"),
        ("Arnor will attack Gondor.", "future"),
        ("Arnor could attack Gondor.", "hypothetical"),
        ("Arnor plans to attack Gondor.", "intended"),
    ],
)
def test_events_rules_modality(coder, text, modality):
    events = coder.code_text(text, date="1995-01-01").events
    assert [e.modality for e in events] == [modality]


def test_events_rules_require_dyad(coder):
    assert triples(coder, "Arnor attacked yesterday.") == set()
    loose = coder.with_options(CoderOptions(require_dyad=False))
    assert triples(loose, "Arnor attacked yesterday.") == {("ARN", "---", "190")}


def test_events_rules_reported_speech_keeps_the_speaker(coder):
    coded = coder.code_text("Gollum said Arnor attacked Gondor.", date="1995-01-01")
    event = next(e for e in coded.events if e.code == "190")
    assert (event.source, event.target) == ("ARN", "GON")
    assert event.reported_by is not None and event.reported_by.code == "HOB"


def test_events_rules_event_record_is_complete(coder):
    text = "Arnor attacked Gondor."
    event = coder.code_text(text, date="1995-01-01", doc_id="d1").events[0]
    record = event.as_dict()
    assert record["root_code"] == "19" and record["quad_class"] == 4
    assert record["plover"]["event_type"] == "ASSAULT"
    assert text[record["evidence"]["start"] : record["evidence"]["end"]] == text
    assert record["source_actor"]["code"] == "ARN" and record["verb"] == "attacked"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1988 Arnor attacked Gondor.", set()),  # parsed with Arnor as subject (no comma)
        ("Arnor attacked Gondor, which it first fought in 1988.", {("ARN", "GON", "190")}),
        ("Arnor attacked Gondor at the World Cup.", set()),
    ],
)
def test_events_rules_discards_history_and_sport(nlp, text, expected):
    from coder_helpers import ORIGIN, phrase
    from tacitus.dictionaries.model import DiscardEntry, Phrase

    discards = [
        DiscardEntry(Phrase(("1988",)), False, ORIGIN),
        DiscardEntry(phrase("WORLD CUP"), False, ORIGIN),
    ]
    # Without the discards every sentence codes: what is missing below, a discard took.
    assert triples(Coder(small_set()), text) == {("ARN", "GON", "190")}
    coder = Coder(small_set(discards=discards))
    assert triples(coder, text) == expected


@pytest.mark.parametrize(
    ("date", "expected"), [("1988-06-01", {("ARN", "GON", "190")}), ("1989-06-01", set())]
)
def test_events_rules_year_discard_is_history_only_before_the_articles_year(nlp, date, expected):
    from coder_helpers import ORIGIN
    from tacitus.dictionaries.model import DiscardEntry, Phrase

    coder = Coder(small_set(discards=[DiscardEntry(Phrase(("1988",)), False, ORIGIN)]))
    assert triples(coder, "In 1988 Arnor attacked Gondor.", date=date) == expected


def test_events_rules_petrarch2_patterns_stay_in_the_verbs_phrase(nlp):
    from coder_helpers import block, pattern, small_set, word
    from tacitus.dictionaries.model import Element

    # A verb Tacitus's lexicon does not know, so the dictionary's patterns decide.
    lament = block(
        "LAMENT",
        ["LAMENT", "LAMENTED"],
        "122",
        patterns=(pattern((), (word("ATTACK"), word("ON"), Element("target")), "112"),),
    )
    dictionaries = small_set((lament,))
    dictionaries.verbs.syntax = "petrarch2"
    coder = Coder(dictionaries)
    # Inside the verb's own phrase the pattern matches; its words spread over a coordinated
    # clause ("attack" … "on Gondor") do not (read linearly, they would: ARN → GON 112).
    assert triples(coder, "Arnor lamented the attack on Gondor.") == {("ARN", "GON", "112")}
    text = "Arnor lamented the attack, and Osgiliath imposed sanctions on Gondor."
    assert ("ARN", "GON", "112") not in triples(coder, text)
