"""Event → DuckDB → Event and Event → Parquet → Event give back equal records."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store_records import article, events
from tacitus.store import Store, StoredArticle
from tacitus.store.rows import event_from_row

ROUND_TRIP = settings(max_examples=50, deadline=None)


@pytest.fixture(scope="module")
def store():
    # One store for all examples: each example rewrites article doc-1, which replaces
    # the rows of the example before (the store's replace-by-id rule).
    with Store.open(":memory:") as opened:
        yield opened


def _as_multiset(found):
    # Events come back in date order, not drawing order: compare as multisets.
    return sorted(found, key=repr)


@ROUND_TRIP
@given(drawn=st.lists(events("doc-1"), min_size=1, max_size=4))
def test_store_roundtrip_duckdb(store, drawn):
    store.write([StoredArticle(article("doc-1"), events=drawn)])
    assert _as_multiset(store.events()) == _as_multiset(drawn)


@ROUND_TRIP
@given(drawn=st.lists(events("doc-1"), min_size=1, max_size=4))
def test_store_roundtrip_parquet(store, drawn, tmp_path_factory):
    store.write([StoredArticle(article("doc-1"), events=drawn)])
    out = tmp_path_factory.getbasetemp() / "roundtrip.parquet"
    assert store.export("parquet", out, force=True) == len(drawn)
    rows = pq.read_table(out).to_pylist()
    assert _as_multiset(event_from_row(row) for row in rows) == _as_multiset(drawn)
