"""The cue lexicon data file: loads, validates, and rejects malformed lines with a clear message."""

from __future__ import annotations

import pytest

from tacitus.quotes.lexicon import CueLexiconError, load_cues, parse_cues


@pytest.mark.parametrize(
    ("lemma", "cue_class"),
    [
        ("say", "hearer"),
        ("stress", "speech"),
        ("believe", "thought"),
        ("pledge", "intent"),
        ("call for", "verdict"),
    ],
)
def test_quotes_lexicon_ships_cue_classes(lemma: str, cue_class: str) -> None:
    assert load_cues().cue_class(lemma) == cue_class


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "lemma\tclass\nsay\tshout\n",
            "cues.tsv:2: expected 'lemma<TAB>class' with class one of speech, hearer, thought, "
            "evidence, intent, verdict, artifact, raising, survey, got 'say\\tshout' - fix the line",
        ),
        (
            "lemma\tclass\nsay\tspeech\nsay\tspeech\n",
            "cues.tsv:3: cue 'say' listed twice - keep one line",
        ),
    ],
)
def test_quotes_lexicon_rejects_bad_lines(text: str, message: str) -> None:
    with pytest.raises(CueLexiconError) as info:
        parse_cues(text)
    assert str(info.value) == f"[E053] {message}"
