"""Reading the store at a confidence threshold, and without negated or hypothetical events unless asked:
`tacitus events`, `stats`, `export` (csv, parquet, gdelt, plover) and `EventFilter`."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from store_records import article, event, invoke_tacitus
from tacitus.events.confidence import default_min_confidence
from tacitus.store import EventFilter, Store, StoredArticle
from tacitus.store.gdelt import GDELT_COLUMNS
from tacitus.store.summary import merged_events_sql

# CHN -> RUS 041 four times at different confidences (None: stored before schema 3), once
# negated and once hypothetical; one USA -> IRN 172 below every threshold used here.
CALL = ("CHN", "RUS", "041")
EVENTS = {
    "c1-high": dict(args=CALL, confidence=0.95),
    "c2-mid": dict(args=CALL, confidence=0.7, sentence=1),
    "c3-low": dict(args=CALL, confidence=0.3, sentence=2),
    "c4-unscored": dict(args=CALL, confidence=None, sentence=3),
    "c5-negated": dict(args=CALL, confidence=0.95, sentence=4, negated=True),
    "c6-hypothetical": dict(args=CALL, confidence=0.95, sentence=5, modality="hypothetical"),
    "u1-low": dict(args=("USA", "IRN", "172"), confidence=0.1, sentence=6),
}


def _events() -> list:
    made = []
    for name, spec in EVENTS.items():
        options = {k: v for k, v in spec.items() if k != "args"}
        found = event("c", *spec["args"], **options)
        found.verb = name  # names the event in the assertions
        made.append(found)
    return made


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("confidence") / "news.duckdb"
    with Store.open(path) as opened:
        opened.write([StoredArticle(article("c", "China called Russia."), events=_events())])
    with Store.open(path, read_only=True) as opened:
        yield opened


def _names(events) -> set[str]:
    return {e.verb for e in events}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"min_confidence": 0.5}, {"c1-high", "c2-mid", "c4-unscored"}),
        ({"min_confidence": 0.8}, {"c1-high", "c4-unscored"}),
        ({"min_confidence": 0.0}, {"c1-high", "c2-mid", "c3-low", "c4-unscored", "u1-low"}),
        ({"min_confidence": 0.0, "include_negated": True}, set(EVENTS) - {"c6-hypothetical"}),
        ({"min_confidence": 0.0, "include_hypothetical": True}, set(EVENTS) - {"c5-negated"}),
    ],
)
def test_store_confidence_filter(store, options, expected):
    assert _names(store.events(EventFilter.build(**options))) == expected


def test_store_confidence_default_threshold(store):
    threshold = default_min_confidence()
    expected = {
        name
        for name, spec in EVENTS.items()
        if "negated" not in spec
        and "modality" not in spec
        and (spec["confidence"] is None or spec["confidence"] >= threshold)
    }
    assert _names(store.events(EventFilter.build())) == expected
    assert EventFilter.build().min_confidence == threshold


def test_store_confidence_plain_filter_selects_everything(store):
    assert _names(store.events(EventFilter())) == set(EVENTS)


@pytest.mark.parametrize(("threshold", "shown", "below"), [("0.5", 3, 2), ("0", 5, 0)])
def test_store_confidence_stats_cli(capsys, store, threshold, shown, below):
    code, out, _ = invoke_tacitus(
        capsys, "stats", "--db", str(store.path), "--json", "--min-confidence", threshold
    )
    figures = json.loads(out)
    assert code == 0 and (figures["events"], figures["below_threshold"]) == (shown, below)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ((), None),
        (("--min-confidence", "0.5"), {"c1-high", "c2-mid", "c4-unscored"}),
        (("--min-confidence", "0", "--include-negated", "--include-hypothetical"), set(EVENTS)),
    ],
)
def test_store_confidence_events_cli(capsys, store, options, expected):
    code, out, _ = invoke_tacitus(capsys, "events", "--db", str(store.path), "--format", "jsonl", *options)
    assert code == 0
    found = {json.loads(line)["verb"] for line in out.splitlines()}
    assert found == (expected if expected is not None else _names(store.events(EventFilter.build())))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--min-confidence", "0.5"), {"c1-high", "c2-mid", "c4-unscored"}),
        (
            ("--min-confidence", "0.5", "--include-negated"),
            {"c1-high", "c2-mid", "c4-unscored", "c5-negated"},
        ),
        (
            ("--min-confidence", "0.9", "--include-hypothetical"),
            {"c1-high", "c4-unscored", "c6-hypothetical"},
        ),
    ],
)
def test_store_confidence_export_rows(capsys, store, tmp_path, fmt, options, expected):
    out = tmp_path / f"events.{fmt}"
    code, _, err = invoke_tacitus(
        capsys, "export", "--db", str(store.path), "--format", fmt, "--out", str(out), *options
    )
    assert code == 0, err
    frame = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert set(frame["verb"]) == expected
    assert "confidence" in frame.columns and "event_id" in frame.columns


@pytest.mark.parametrize(("threshold", "mentions"), [("0", 4), ("0.5", 3), ("0.8", 2), ("0.99", 1)])
def test_store_confidence_gdelt_counts_kept_mentions(capsys, store, tmp_path, threshold, mentions):
    """NumMentions counts the asserted mentions at the threshold (the unscored one always)."""
    out = tmp_path / "events.tsv"
    code, _, _ = invoke_tacitus(
        capsys,
        "export",
        "--db",
        str(store.path),
        "--format",
        "gdelt",
        "--out",
        str(out),
        "--min-confidence",
        threshold,
        "--code",
        "041",
    )
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert code == 0 and len(rows) == 1 and len(rows[0]) == len(GDELT_COLUMNS) == 61
    assert int(rows[0][GDELT_COLUMNS.index("NumMentions")]) == mentions


@pytest.mark.parametrize(("threshold", "expected"), [("0.5", 3), ("0.99", 1)])
def test_store_confidence_plover_records(capsys, store, tmp_path, threshold, expected):
    out = tmp_path / "events.jsonl"
    code, _, _ = invoke_tacitus(
        capsys,
        "export",
        "--db",
        str(store.path),
        "--format",
        "plover",
        "--out",
        str(out),
        "--min-confidence",
        threshold,
    )
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert code == 0 and len(records) == expected
    assert all(r["confidence"] is None or r["confidence"] >= float(threshold) for r in records)


@pytest.mark.parametrize("fmt", ["gdelt", "plover"])
@pytest.mark.parametrize("flag", ["--include-negated", "--include-hypothetical"])
def test_store_confidence_include_flags_refused_for_merged_formats(capsys, store, tmp_path, fmt, flag):
    code, _, err = invoke_tacitus(
        capsys, "export", "--db", str(store.path), "--format", fmt, "--out", str(tmp_path / "x"), flag
    )
    assert code == 2
    assert (
        f"{flag} does not apply to --format {fmt}: its records are asserted, non-negated events "
        "- use --format csv or parquet"
    ) in err


def test_store_confidence_merged_query_equals_view(store):
    view = store.con.execute("SELECT * FROM event_summary ORDER BY ALL").fetchall()
    built = store.con.execute(f"SELECT * FROM ({merged_events_sql()}) ORDER BY ALL").fetchall()
    assert built == view and view


def test_store_confidence_events_table_shows_confidence(capsys, store):
    code, out, _ = invoke_tacitus(capsys, "events", "--db", str(store.path), "--min-confidence", "0")
    header, *rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    column = header.index("confidence")
    assert code == 0 and sorted(row[column] for row in rows) == ["-", "0.10", "0.30", "0.70", "0.95"]
