"""Coder accuracy on the gold files (TABARI validation, PLOVER and CAMEO dev) at the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.coder import Coder, CoderOptions
from tacitus.records import Article

FLOORS = json.loads((Path(__file__).parent / "coder_floors.json").read_text(encoding="utf-8"))


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
    assert rate >= FLOORS["tabari_validation"]["floor_pass_rate"], f"pass rate {rate:.3f}; failed: {failed}"


def test_coder_gold_tabari_zero_exceptions(tabari_results):
    _, errors = tabari_results
    assert errors == 0


# The manual dev sets (real wire copy): shared figures from `tacitus.evaluate`, floors per gold file.
DEV_SETS = {
    "plover_manual_dev": {"event_type_recall": "floor_event_type_recall"},
    "cameo_manual_examples_dev": {"code_share": "floor_code_share", "root_share": "floor_root_share"},
}


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


@pytest.mark.parametrize(
    ("gold_name", "figure"),
    [(name, figure) for name, figures in DEV_SETS.items() for figure in figures],
)
def test_coder_gold_dev_figure_at_floor(dev_scores, gold_name, figure):
    overall = dev_scores(gold_name)
    spec = FLOORS[gold_name]
    assert overall["records"] == spec["records"]
    assert overall["exceptions"] == 0
    floor = spec[DEV_SETS[gold_name][figure]]
    assert overall[figure] >= floor, f"{gold_name} {figure} {overall[figure]:.4f} below floor {floor}"


@pytest.mark.parametrize(
    ("figure", "floor_key"),
    [
        ("exact", "floor_exact_f1"),
        ("relaxed", "floor_relaxed_f1"),
        ("relaxed_precision", "floor_relaxed_precision"),
    ],
)
def test_coder_gold_real_news_at_floor(figure, floor_key):
    """Real news at the default confidence threshold: what users get."""
    from tacitus.evaluate import evaluate

    spec = FLOORS["real_news_dev"]
    scores, _ = evaluate(shared_path(spec["gold"]))
    overall = scores.as_dict()["overall"]
    assert overall["records"] == spec["records"]
    value = overall["relaxed"]["precision"] if figure == "relaxed_precision" else overall[figure]["f1"]
    assert value >= spec[floor_key], f"real_news_dev {figure} {value:.4f} below floor {spec[floor_key]}"


def test_coder_gold_whitehouse_readouts_coded_both_ways():
    """The USA <-> partner consultation of White House partner readouts, both ways, USAGOV the US side."""
    import importlib.util

    spec = FLOORS["whitehouse_readouts"]
    shared_path(spec["corpus"])  # skips with a message where ../shared is absent
    path = Path(__file__).parent.parent / "benchmarks" / "readouts.py"
    loader = importlib.util.spec_from_file_location("readouts_benchmark", path)
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    from tacitus.events.confidence import default_min_confidence

    figures = module.evaluate(None, 0, default_min_confidence())  # what users get
    assert figures["partner_readouts"] >= 600
    assert figures["share_both_ways"] >= spec["floor_share_both_ways"], figures
