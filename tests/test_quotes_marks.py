"""Quotation marks: which stretches of text are quoted, marks included."""

from __future__ import annotations

import pytest

from tacitus.quotes.marks import find_quoted_spans

CASES = [
    ('He said "we will win" today.', ['"we will win"']),
    ("He said “we will win” today.", ["“we will win”"]),
    ('So the minister said: "we can talk endlessly” and left.', ['"we can talk endlessly”']),
    ("“We can talk,” he said, “about everything.”", ["“We can talk,”", "“about everything.”"]),
    (
        "“First paragraph of a long quote.\n\n“Second paragraph.” Then more.",
        ["“First paragraph of a long quote.\n\n“Second paragraph.”"],
    ),
    ("It’s Russia’s view, not a quote.", []),
    (
        "“Unclosed quote runs to the paragraph end.\n\nNext paragraph plain.",
        ["“Unclosed quote runs to the paragraph end."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quotes_marks_finds_quoted_spans(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == expected
