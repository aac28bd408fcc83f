"""Bad input never stops a batch: garbage, huge sentences, foreign text, a failing sentence."""

from __future__ import annotations

import logging

import pytest

from coder_helpers import small_set
from tacitus.coder import Coder
from tacitus.records import Article


@pytest.fixture(scope="module")
def coder():
    return Coder(small_set())


BAD_TEXTS = [
    "",
    "\x00\x01\x02 ###### @@@@ }{}{ \ufffd\ufffd",
    "Arnor " * 200_000,  # about 1 MB: skipped as too long
    "Arnor and Gondor " * 2_000,  # one 34,000-character "sentence"
    "Der Bundestag hat heute beschlossen, die Beziehungen zu Frankreich zu stärken.",
    "中国和俄罗斯同意加强合作。",
    "$ 89.7\n€ 97.1\n, , :",
]


def test_coder_robustness_batch_goes_on(coder):
    articles = [Article(id=f"bad{k}", text=t, date="1995-01-01") for k, t in enumerate(BAD_TEXTS)]
    articles.append(Article(id="good", text="Arnor attacked Gondor.", date="1995-01-01"))
    coded = list(coder.code_articles(articles))
    assert [c.article.id for c in coded] == [a.id for a in articles]
    assert {(e.source, e.target, e.code) for e in coded[-1].events} == {("ARN", "GON", "190")}
    assert coded[2].skipped == "too long: 1200000 characters (limit 200000)"
    assert coder.stats["skipped_too_long"] >= 1


def test_coder_robustness_failing_sentence_is_skipped_logged_and_counted(coder, monkeypatch, caplog):
    from tacitus.events import sentence as sentence_module

    real = sentence_module.code_sentence

    def explode_on_gondor(tokens, *args, **kwargs):
        if any(t.text == "Osgiliath" for t in tokens):
            raise RuntimeError("boom")
        return real(tokens, *args, **kwargs)

    monkeypatch.setattr("tacitus.coder.coder.code_sentence", explode_on_gondor)
    run = coder.with_options(coder.options)
    text = "Osgiliath attacked Arnor. Arnor attacked Gondor."
    with caplog.at_level(logging.WARNING, logger="tacitus.coder.coder"):
        coded = run.code_text(text, date="1995-01-01")
    assert {(e.source, e.target) for e in coded.events} == {("ARN", "GON")}
    assert run.stats["sentence_errors"] == 1
    assert "RuntimeError: boom" in caplog.text


def test_coder_robustness_output_is_deterministic(coder):
    text = "Arnor and Osgiliath attacked Gondor. Gondor met Arnor on Monday."
    first = [e.as_dict() for e in coder.code_text(text, date="1995-01-01").events]
    second = [e.as_dict() for e in coder.code_text(text, date="1995-01-01").events]
    assert first == second and len(first) == 4


def test_coder_robustness_selective_parsing_codes_the_same(coder):
    from tacitus.coder import CoderOptions

    text = "The weather was fine.\n\nArnor attacked Gondor. Nothing else happened. Gondor met Osgiliath."
    selective = coder.with_options(CoderOptions(skip_unparsed=True))
    full = {(e.source, e.target, e.code) for e in coder.code_text(text, date="1995-01-01").events}
    some = selective.code_text(text, date="1995-01-01")
    assert {(e.source, e.target, e.code) for e in some.events} == full
    assert some.doc.text == text


def test_coder_robustness_with_options_shares_indexes_not_decisions(coder):
    from tacitus.coder import CoderOptions

    coder.code_text("Arnor attacked Gondor.", date="1995-01-01")
    loose = coder.with_options(CoderOptions(require_dyad=False))
    # Loaded once and shared: the model, the dictionaries and their indexes.
    assert loose.nlp is coder.nlp
    assert loose.dictionaries is coder.dictionaries and loose.finder is coder.finder
    assert loose.resolver is coder.resolver
    assert loose.discards is coder.discards and loose.issues is coder.issues
    # Its own options, decisions and counts.
    assert loose.stats == {} and coder.stats["articles"] >= 1
    text = "Arnor attacked."
    assert {(e.source, e.target) for e in loose.code_text(text, date="1995-01-01").events} == {("ARN", "---")}
    assert coder.code_text(text, date="1995-01-01").events == []
    assert coder.options.require_dyad and not loose.options.require_dyad
