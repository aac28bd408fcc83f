"""Plural demonyms resolve like the singular the dictionary lists (``ALBANIAN_`` → ``Albanians``)."""

from __future__ import annotations

import pytest

from tacitus.coder import Coder


@pytest.fixture(scope="module")
def coder():
    return Coder()


@pytest.mark.parametrize(("text", "code"), [("Albanians", "ALB"), ("Turks", "TUR"), ("Czechs", "CZE")])
def test_actors_plural_demonyms_resolve(coder, text, code):
    actor = coder.resolver.resolve(text, "2021-02-04")
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("text", ["News", "Times", "Analysis"])
def test_actors_plural_demonyms_leave_other_words_alone(coder, text):
    assert coder.resolver.resolve(text, "2021-02-04") is None
