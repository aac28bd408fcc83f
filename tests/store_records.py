"""Real records for the store tests: Articles and Events built with the CAMEO tables,
plus Hypothesis strategies that draw any valid Event."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from hypothesis import strategies as st

from tacitus.cameo import code_info
from tacitus.events.identity import event_id
from tacitus.records import Actor, Article, Event, Location, Rule, Span

EVENT_FIELDS = {f.name for f in fields(Event)}
LOCATION_FIELDS = {f.name for f in fields(Location)}

ROOT = Path(__file__).resolve().parent.parent

# A resolved city as the places stage stores it, for the export tests.
BEIJING = Location(
    doc_id="w1",
    name="Beijing",
    gazetteer_id="1816670",
    country="CHN",
    fips="CH",
    admin1="CH22",
    lat=39.9075,
    lon=116.39723,
    feature_class="P",
    confidence=0.9,
    evidence=Span("Beijing", 0, 7),
    resolved_name="Beijing",
)


def article(
    doc_id: str,
    text: str = "",
    *,
    date: str | None = "2021-02-04",
    source: str | None = "Example Wire",
    url: str | None = None,
) -> Article:
    text = text or f"Text of article {doc_id}: China and Russia agreed to cooperate."
    return Article(
        id=doc_id,
        text=text,
        title=f"Title {doc_id}",
        date=date,
        url=url or f"https://example.org/{doc_id}",
        source=source,
        language="en",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        origin=f"{doc_id}.txt",
    )


def event(
    doc_id: str,
    source: str,
    target: str,
    code: str,
    *,
    date: str | None = "2021-02-04",
    sentence: int = 0,
    negated: bool = False,
    modality: str = "asserted",
    confidence: float | None = 0.9,
    verb_start: int = 5,
) -> Event:
    """An event as the coder makes it: with its id (`verb_start` makes it) and a confidence."""
    info = code_info(code)
    evidence = Span(f"{source} did {code} to {target}", 0, 20)
    return Event(
        doc_id=doc_id,
        sentence=sentence,
        date=date,
        source=source,
        target=target,
        code=code,
        root_code=info.root_code,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover={"event_type": info.plover_event, "mode": info.plover_mode, "context": info.plover_context},
        source_actor=Actor(source, source, source[:3], source[3:6] or None, None, 0, 5),
        target_actor=Actor(target, target, target[:3], target[3:6] or None, None, 10, 15),
        evidence=evidence,
        verb="agree",
        rule=Rule("CAMEO.2.0.txt", 120, "- * [036]"),
        negated=negated,
        modality=modality,
        verb_start=verb_start,
        verb_end=verb_start + 5,
        event_id=event_id(doc_id, sentence, verb_start, source, target, code),
        confidence=confidence,
    )


# Any text DuckDB and Parquet store: every code point but surrogates (not UTF-8).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
offsets = st.integers(min_value=-1, max_value=2**31 - 1)
actors = st.builds(
    Actor,
    text=texts,
    code=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ-", min_size=3, max_size=12),
    country=st.none() | texts,
    sector=st.none() | texts,
    name=st.none() | texts,
    start=offsets,
    end=offsets,
)
codes = st.text("0123456789", min_size=2, max_size=4)
iso_dates = st.none() | st.dates().map(lambda d: d.isoformat())


def _locations(doc_id: str, *, method: bool = False) -> st.SearchStrategy[Location]:
    """Any Location of `doc_id`; with `method`, an event's (the rule that placed it; the places an
    article names have none)."""
    values = {
        "doc_id": st.just(doc_id),
        "name": texts,
        "gazetteer_id": st.none() | texts,
        "country": st.none() | texts,
        "fips": st.none() | texts,
        "admin1": st.none() | texts,
        "lat": st.none() | st.floats(-90, 90),
        "lon": st.none() | st.floats(-180, 180),
        "feature_class": st.none() | texts,
        "confidence": st.floats(0, 1),
        "evidence": st.builds(Span, text=texts, start=offsets, end=offsets),
    }
    # Optional fields the places stage adds to Location, when this Location has them.
    extra = {
        "resolved_name": st.none() | texts,
        "feature_code": st.none() | texts,
        "geo_type": st.none() | st.integers(1, 5),
        "mention": st.none() | texts,
    }
    if method:
        methods = ["clause", "sentence", "lead", "actor_country", "document", "dateline"]
        extra["method"] = st.none() | st.sampled_from(methods)
    values.update({k: v for k, v in extra.items() if k in LOCATION_FIELDS})
    return st.builds(Location, **values)


@st.composite
def events(draw: st.DrawFn, doc_id: str) -> Event:
    """Any Event of article `doc_id` that obeys the record's declared types (with the
    places stage's location fields once Event has them)."""
    places = {}
    if "location" in EVENT_FIELDS:
        for slot in ("location", "source_location", "target_location"):
            places[slot] = draw(st.none() | _locations(doc_id, method=slot == "location"))
        places["location_source"] = draw(st.none() | st.sampled_from(["clause", "lead", "dateline"]))
    return Event(
        doc_id=doc_id,
        sentence=draw(st.integers(0, 2**31 - 1)),
        date=draw(iso_dates),
        source=draw(texts),
        target=draw(texts),
        code=draw(codes),
        root_code=draw(st.text("0123456789", min_size=2, max_size=2)),
        quad_class=draw(st.none() | st.integers(1, 4)),
        goldstein=draw(st.none() | st.floats(-10, 10, allow_nan=False)),
        plover=draw(st.dictionaries(st.sampled_from(["event_type", "mode", "context"]), st.none() | texts)),
        source_actor=draw(st.none() | actors),
        target_actor=draw(st.none() | actors),
        evidence=draw(st.builds(Span, text=texts, start=offsets, end=offsets)),
        verb=draw(texts),
        rule=draw(st.none() | st.builds(Rule, file=texts, line=st.integers(0, 2**31 - 1), pattern=texts)),
        negated=draw(st.booleans()),
        modality=draw(st.sampled_from(["asserted", "intended", "hypothetical", "future"])),
        reported_by=draw(st.none() | actors),
        issues=draw(st.lists(texts, max_size=3)),
        **places,
        verb_start=draw(offsets),
        verb_end=draw(offsets),
        event_id=draw(st.none() | st.text("0123456789abcdef", min_size=16, max_size=16)),
        mirror_of=draw(st.none() | st.text("0123456789abcdef", min_size=16, max_size=16)),
        confidence=draw(st.none() | st.floats(0, 1)),
    )


def run_tacitus(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real `tacitus` CLI in a subprocess (the console-script entry point)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tacitus.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def invoke_tacitus(capsys, *args: str) -> tuple[int, str, str]:
    """Run `tacitus.cli.main` in this process (faster than a subprocess): exit code,
    stdout and stderr, as the console script would give them."""
    from tacitus.cli import main

    saved = sys.argv
    sys.argv = ["tacitus", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    finally:
        sys.argv = saved
    captured = capsys.readouterr()
    return code, captured.out, captured.err
