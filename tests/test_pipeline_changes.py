"""Which events a re-coding changed: pairing stored and new events by verb, then sentence."""

from __future__ import annotations

import pytest

from tacitus.pipeline.changes import EventKey, article_changes


def key(sentence, verb, source, target, code):
    return EventKey(sentence, verb, source, target, code, f"evidence {sentence}/{verb}")


def summary(changes):
    return [(c.kind, c.fields, c.before, c.after) for c in changes]


def test_pipeline_changes_identical_events_are_no_change():
    old = [key(0, 5, "CHN", "RUS", "040"), key(0, 5, "RUS", "CHN", "040"), key(2, 9, "USA", "IRN", "111")]
    assert article_changes("d", old, list(reversed(old))) == []


@pytest.mark.parametrize(
    ("new", "fields"),
    [
        (key(0, 5, "CHNGOV", "RUS", "040"), ["source"]),
        (key(0, 5, "CHN", "UKR", "040"), ["target"]),
        (key(0, 5, "CHN", "RUS", "042"), ["code"]),
        (key(0, 5, "USA", "UKR", "190"), ["source", "target", "code"]),
    ],
)
def test_pipeline_changes_source_target_code(new, fields):
    old = [key(0, 5, "CHN", "RUS", "040"), key(1, 3, "USA", "IRN", "111")]
    changes = article_changes("d", old, [new, old[1]])
    assert summary(changes) == [("changed", fields, ("CHN", "RUS", "040"), new.coded)]


def test_pipeline_changes_added_and_removed():
    old = [key(0, 5, "CHN", "RUS", "040"), key(1, 3, "USA", "IRN", "111")]
    new = [key(0, 5, "CHN", "RUS", "040"), key(4, 8, "FRA", "DEU", "036")]
    assert summary(article_changes("d", old, new)) == [
        ("removed", ["source", "target", "code"], ("USA", "IRN", "111"), None),
        ("added", ["source", "target", "code"], None, ("FRA", "DEU", "036")),
    ]


def test_pipeline_changes_store_without_verb_offsets_pairs_by_sentence():
    """Events stored before schema 3 have no verb offset (-1): same sentence and codes is no change."""
    old = [key(0, -1, "CHN", "RUS", "040"), key(1, -1, "USA", "IRN", "111")]
    new = [key(0, 5, "CHN", "RUS", "040"), key(1, 3, "USA", "IRN", "112")]
    assert summary(article_changes("d", old, new)) == [
        ("changed", ["code"], ("USA", "IRN", "111"), ("USA", "IRN", "112"))
    ]


def test_pipeline_changes_duplicates_counted_once():
    old = [key(0, 5, "CHN", "RUS", "040"), key(0, 5, "CHN", "RUS", "040")]
    new = [key(0, 5, "CHN", "RUS", "040")]
    assert summary(article_changes("d", old, new)) == [
        ("removed", ["source", "target", "code"], ("CHN", "RUS", "040"), None)
    ]
