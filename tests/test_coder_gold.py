"""Coder accuracy on the gold files (TABARI validation, PLOVER and CAMEO dev) at the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.coder import Coder, CoderOptions
from tacitus.evaluate.floors import FloorFile
from tacitus.records import Article

FLOOR_FILE = FloorFile.read(Path(__file__).parent / "floors" / "coder.json")
FLOORS = {name: FLOOR_FILE.gate(name) for name in FLOOR_FILE.gates()}


@pytest.fixture(scope="module")
def tabari_results():
    from tacitus.dictionaries import load_dictionaries

    spec = FLOORS["tabari_validation"]
    gold = shared_path(spec["gold"])
    coder = Coder(load_dictionaries(shared_path(spec["dictionaries"])))
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("active_in_original_suite")]
    results = []
    errors = 0
    for record in records:
        options = CoderOptions.from_overrides(record.get("config_overrides"))
        run = coder.with_options(options)
        article = Article(id=record["id"], text=record["text"], date=record["date"])
        coded = next(run.code_articles([article]))
        errors += run.stats["sentence_errors"]
        got = {(e.source, e.target, e.code) for e in coded.events}
        expected = {(e["source"], e["target"], e["code"]) for e in record["expected"]}
        results.append((record["id"], got == expected))
    return results, errors


def test_coder_gold_tabari_record_count(tabari_results):
    results, _ = tabari_results
    assert len(results) == FLOORS["tabari_validation"]["records"]


def test_coder_gold_tabari_pass_rate_at_floor(tabari_results):
    results, _ = tabari_results
    rate = sum(ok for _, ok in results) / len(results)
    failed = [rid for rid, ok in results if not ok]
    assert not FLOOR_FILE.failures("tabari_validation", {"pass_rate": rate}), f"failed: {failed}"


def test_coder_gold_tabari_zero_exceptions(tabari_results):
    _, errors = tabari_results
    assert errors == 0


# The manual dev sets (real wire copy): shared figures from `tacitus.evaluate`, floors per gold file.
DEV_SETS = ("plover_manual_dev", "cameo_manual_examples_dev")


@pytest.fixture(scope="module")
def dev_scores():
    from tacitus.evaluate import evaluate

    cache: dict[str, dict] = {}

    def scores_for(name: str) -> dict:
        if name not in cache:
            # The floors pin what the coder produces, before the confidence threshold (which
            # `tacitus eval` applies by default): the threshold trades recall for precision and
            # is chosen on real news by benchmarks/confidence.py, not by these floors.
            scores, _ = evaluate(shared_path(FLOORS[name]["gold"]), min_confidence=0.0)
            cache[name] = scores.as_dict()["overall"]
        return cache[name]

    return scores_for


@pytest.mark.parametrize("gold_name", DEV_SETS)
def test_coder_gold_dev_figures_at_floor(dev_scores, gold_name):
    overall = dev_scores(gold_name)
    assert overall["records"] == FLOORS[gold_name]["records"]
    assert overall["exceptions"] == 0
    assert not FLOOR_FILE.failures(gold_name, overall)


def test_coder_gold_real_news_at_floor():
    """Real news at the default confidence threshold: what users get."""
    from tacitus.evaluate import evaluate

    spec = FLOORS["real_news_dev"]
    scores, _ = evaluate(shared_path(spec["gold"]))
    overall = scores.as_dict()["overall"]
    assert overall["records"] == spec["records"]
    measured = {
        "exact_f1": overall["exact"]["f1"],
        "relaxed_f1": overall["relaxed"]["f1"],
        "relaxed_precision": overall["relaxed"]["precision"],
    }
    assert not FLOOR_FILE.failures("real_news_dev", measured)


def test_coder_gold_whitehouse_readouts_coded_both_ways():
    """The USA <-> partner consultation of White House partner readouts, both ways, USAGOV the US side."""
    from tacitus.evaluate.readouts import readout_verdicts, summary
    from tacitus.events.confidence import default_min_confidence

    corpus = shared_path(FLOORS["whitehouse_readouts"]["gold"])  # skips where ../shared is absent
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    figures = summary(readout_verdicts(records, default_min_confidence()), len(records))  # what users get
    assert figures["partner_readouts"] >= 600
    assert not FLOOR_FILE.failures("whitehouse_readouts", figures), figures
