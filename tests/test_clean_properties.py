"""Properties of clean_text on arbitrary text (Hypothesis): it never raises and is idempotent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.clean import clean_text
from tacitus.clean.text import NEWLINES

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["$ 89.7", ", , :", "maxresdefault 1China agreed.", "Read more »", ""]),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_clean_properties_idempotent(lines: list[str]) -> None:
    once = clean_text("\n".join(lines), detect_title=False).text
    assert clean_text(once, detect_title=False).text == once


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_clean_properties_removals_come_from_input(lines: list[str]) -> None:
    text = "\n".join(lines)
    result = clean_text(text)
    line_count = len(NEWLINES.sub("\n", text).split("\n"))
    assert all(0 < removal.line <= line_count for removal in result.removals)
    assert "\r" not in result.text and "  " not in result.text
