"""Accuracy gate of the places stage: measured on gold files in ../shared, floors in tests/floors/places.json.

The floors file pins the SHA-256 of each gold file: a changed gold file fails until the figures are
re-measured (benchmarks/places_reuters.py, benchmarks/places_plover.py) and pinned with
benchmarks/floors.py, which only raises floors unless given a reason. This test never writes them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.evaluate.floors import FloorFile
from tacitus.nlp import load_model
from tacitus.places import Geocoder, document_countries
from tacitus.places.evaluate import evaluate_event_locations, score_countries
from tacitus.records import Article

FLOORS = FloorFile.read(Path(__file__).parent / "floors" / "places.json")
ANNOTATIONS = Path(__file__).parent / "data" / "plover_location_countries.json"
REUTERS_ARTICLES = 200  # first N articles of the TEST split with a mapped places tag


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def reuters_subset(corpus: Path, mapping: dict[str, str]) -> list[tuple[str, str, set[str]]]:
    rows = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            gold = {mapping[t] for t in row.get("places") or () if t in mapping}
            if row.get("lewissplit") == "TEST" and gold and row.get("text"):
                text = f"{(row.get('dateline') or '').strip()} {row['text']}".strip()
                rows.append((row["id"], text, gold))
                if len(rows) == REUTERS_ARTICLES:
                    break
    return rows


@pytest.fixture(scope="module")
def measured(nlp):
    corpus = shared_path("data/corpus/news_reuters21578.jsonl")
    mapping_path = shared_path("data/corpus/reuters_places_iso3.json")
    plover = shared_path("data/eval/plover_manual_dev.jsonl")
    geocoder = Geocoder()
    rows = reuters_subset(corpus, json.loads(mapping_path.read_text(encoding="utf-8")))
    scores = {}
    # With the model's NER, and on Docs parsed without it as the coder parses (the pipeline).
    for gate, parser in (
        ("reuters_test_country_tagging", nlp),
        ("reuters_test_country_tagging_without_ner", load_model(exclude=["ner"])),
    ):
        pairs = []
        for (doc_id, _, gold), doc in zip(rows, parser.pipe(r[1] for r in rows), strict=True):
            found = document_countries(geocoder.locate(Article(doc_id, doc.text), doc))
            pairs.append((set(found), gold))
        scores[gate] = {"gold_sha256": sha256(corpus), **score_countries(pairs)}
    loc = evaluate_event_locations(plover, ANNOTATIONS, geocoder=geocoder, nlp=nlp).as_dict()
    return {
        **scores,
        "plover_event_locations": {"gold_sha256": sha256(plover), **loc},
    }


@pytest.mark.slow
@pytest.mark.parametrize("gate", FLOORS.gates())
def test_places_gold_meets_floor(measured, gate):
    assert measured[gate]["gold_sha256"] == FLOORS.gate(gate)["gold_sha256"], (
        f"{gate}: the gold file changed - re-measure and pin with benchmarks/floors.py"
    )
    assert not FLOORS.failures(gate, measured[gate])
