"""Quote records survive the trip through their dict form (the store and JSONL export use it)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.records import Quote, Span, Speaker

texts = st.text(max_size=40)
offsets = st.integers(min_value=0, max_value=10_000)
spans = st.builds(Span, text=texts, start=offsets, end=offsets)
speakers = st.builds(
    Speaker,
    text=texts,
    start=offsets,
    end=offsets,
    name=st.none() | texts,
    code=st.none() | st.sampled_from(["RUSGOV", "CHNGOV", "USA"]),
    country=st.none() | st.sampled_from(["RUS", "CHN", "USA"]),
    sector=st.none() | st.sampled_from(["GOV", "MIL"]),
)
quotes = st.builds(
    Quote,
    doc_id=texts,
    kind=st.sampled_from(["direct", "indirect", "mixed"]),
    content=spans,
    cue=st.none() | spans,
    speaker=st.none() | speakers,
    sentence=st.integers(min_value=0, max_value=500),
)


@given(quotes)
def test_quotes_records_round_trip_through_dict(quote: Quote) -> None:
    assert Quote.from_dict(quote.as_dict()) == quote


@pytest.mark.parametrize("field", ["doc_id", "kind", "content", "cue", "speaker", "sentence"])
def test_quotes_records_dict_has_contract_fields(field: str) -> None:
    quote = Quote("d", "direct", Span("x y", 0, 3), None, None, 0)
    assert field in quote.as_dict()
