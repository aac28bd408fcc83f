"""Event identity: `event_id` is the same in every run and process, and `mirror_of` links each
reverse half (paired code ``[a:b]``, reciprocal compound subject) to its forward event."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from store_records import ROOT
from tacitus.events.identity import event_id

# Sentences written for these tests. "concluded a visit to" is a paired pattern ([042:043]:
# the visitor visits, the host hosts); "X and Y agreed" a reciprocal compound subject.
PAIRED = "Russian Foreign Minister Sergei Lavrov concluded a visit to China on Tuesday."
RECIPROCAL = "China and Russia agreed to strengthen cooperation."
ONE_WAY = "Russian troops attacked Ukraine on Monday."
SENTENCES = [PAIRED, RECIPROCAL, ONE_WAY]
TEXT = " ".join(SENTENCES)


@pytest.fixture(scope="module")
def coder():
    from tacitus.coder import Coder

    return Coder()


@pytest.fixture(scope="module")
def coded(coder):
    return coder.code_text(TEXT, date="2021-02-04", doc_id="identity-1")


def _code_in_process(seed: str) -> list[dict]:
    """`tacitus code` in a new interpreter with PYTHONHASHSEED=seed; its JSONL events."""
    record = json.dumps({"id": "identity-cli", "text": TEXT, "date": "2021-02-04"})
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "tacitus.cli", "code", "-", "--min-confidence", "0"],
        input=record,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("seeds", [("1", "2")])
def test_events_identity_stable_across_processes(seeds):
    """Two runs in two processes with different hash seeds give the same events the same ids."""
    first, second = (_code_in_process(seed) for seed in seeds)
    assert len(first) >= 3
    assert [(e["event_id"], e["mirror_of"]) for e in first] == [
        (e["event_id"], e["mirror_of"]) for e in second
    ]
    for e in first:
        fields = ("doc_id", "sentence", "verb_start", "source", "target", "code")
        assert e["event_id"] == event_id(*(e[name] for name in fields))


def test_events_identity_ids_unique_and_verb_span_in_text(coded):
    ids = [e.event_id for e in coded.events]
    assert all(ids) and len(set(ids)) == len(ids)
    for event in coded.events:
        assert TEXT[event.verb_start : event.verb_end] == event.verb


@pytest.mark.parametrize(
    ("sentence", "forward", "reverse"),
    [
        (PAIRED, ("RUSGOV", "CHN", "042"), ("CHN", "RUSGOV", "043")),
        (RECIPROCAL, ("CHN", "RUS"), ("RUS", "CHN")),
    ],
)
def test_events_identity_mirror_links_reverse_half(coded, sentence, forward, reverse):
    events = [e for e in coded.events if e.sentence == SENTENCES.index(sentence)]
    ahead = next(e for e in events if (e.source, e.target, e.code)[: len(forward)] == forward)
    behind = next(e for e in events if (e.source, e.target, e.code)[: len(reverse)] == reverse)
    assert ahead.mirror_of is None
    assert behind.mirror_of == ahead.event_id
    assert behind.verb_start == ahead.verb_start


def test_events_identity_one_way_event_mirrors_nothing(coded):
    events = [e for e in coded.events if e.sentence == SENTENCES.index(ONE_WAY)]
    assert events and all(e.mirror_of is None for e in events)


def test_events_identity_same_text_same_ids_in_one_process(coder, coded):
    again = coder.code_text(TEXT, date="2021-02-04", doc_id="identity-1")
    assert [e.event_id for e in again.events] == [e.event_id for e in coded.events]


@pytest.mark.parametrize("doc_id", ["identity-2"])
def test_events_identity_depends_on_article(coder, coded, doc_id):
    other = coder.code_text(TEXT, date="2021-02-04", doc_id=doc_id)
    assert not {e.event_id for e in other.events} & {e.event_id for e in coded.events}
