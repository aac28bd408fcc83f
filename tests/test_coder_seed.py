"""The seed article (China–Russia phone call, 2021-02-04) coded with the shipped dictionaries."""

from __future__ import annotations

import pytest

from conftest import shared_path
from tacitus.coder import Coder
from tacitus.records import Article


@pytest.fixture(scope="module")
def seed():
    text = shared_path("data/seed/000_0d8367245fda46f3.txt").read_text(encoding="utf-8")
    coder = Coder()
    return next(coder.code_articles([Article(id="seed", text=text, date="2021-02-04")]))


def _between(events, source, target):
    return [e for e in events if e.source[:3] == source and e.target[:3] == target]


@pytest.mark.parametrize(("name", "code"), [("Wang Yi", "CHNGOV"), ("Sergei Lavrov", "RUSGOV")])
def test_coder_seed_people_resolved(seed, name, code):
    codes = {a.code for a in seed.actors if name in a.text or a.name == name}
    assert code in codes


@pytest.mark.parametrize(("source", "target"), [("CHN", "RUS"), ("RUS", "CHN")])
def test_coder_seed_consultation_both_ways(seed, source, target):
    assert any(e.code.startswith("04") for e in _between(seed.events, source, target))


@pytest.mark.parametrize(("source", "target"), [("CHN", "RUS"), ("RUS", "CHN")])
def test_coder_seed_intent_to_cooperate_both_ways(seed, source, target):
    assert any(e.code.startswith("03") for e in _between(seed.events, source, target))


def test_coder_seed_support_china_to_russia(seed):
    assert any(e.code.startswith("05") for e in _between(seed.events, "CHN", "RUS"))


def test_coder_seed_no_conflict_between_them(seed):
    pair = _between(seed.events, "CHN", "RUS") + _between(seed.events, "RUS", "CHN")
    assert [e.code for e in pair if int(e.root_code) >= 10] == []


def test_coder_seed_nothing_from_noise_lines(seed):
    for event in seed.events:
        assert "$ 89.7" not in event.evidence.text and "€" not in event.evidence.text
        assert "maxresdefault" not in (event.source_actor.text + event.target_actor.text)


@pytest.mark.parametrize(("text", "code"), [("Wang", "CHNGOV"), ("he", "CHNGOV"), ("Lavrov", "RUSGOV")])
def test_coder_seed_short_names_and_pronouns_link_back(seed, text, code):
    assert code in {a.code for a in seed.actors if a.text == text}
