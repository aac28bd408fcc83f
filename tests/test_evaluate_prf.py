"""The one P/R/F1 core: its edge-case rule, and every stage's evaluation scoring through it."""

from __future__ import annotations

import pytest

from tacitus.evaluate.metrics import Counts as CoderCounts
from tacitus.evaluate.prf import Counts, prf, share
from tacitus.ingest.evaluate import WordScore
from tacitus.places.evaluate import score_countries
from tacitus.quotes.evaluate import QuoteScores


@pytest.mark.parametrize(
    ("predicted", "correct", "expected", "found", "figures"),
    [
        (0, 0, 0, 0, (1.0, 1.0, 1.0)),  # nothing expected, nothing predicted: nothing wrong
        (0, 0, 3, 0, (0.0, 0.0, 0.0)),  # everything missed
        (2, 0, 0, 0, (0.0, 0.0, 0.0)),  # everything invented
        (4, 2, 2, 2, (0.5, 1.0, 2 / 3)),
        (3, 1, 3, 1, (1 / 3, 1 / 3, 1 / 3)),  # unrounded: F1 is not made from 0.3333s
    ],
)
def test_evaluate_prf_edge_rule(predicted, correct, expected, found, figures):
    assert prf(predicted=predicted, correct=correct, expected=expected, found=found) == figures


def test_evaluate_prf_share_of_nothing_is_zero():
    assert (share(0, 0), share(1, 4)) == (0.0, 0.25)


# (tp, fp, fn) cases, the empty ones included: each stage must give prf's figures.
CASES = [(0, 0, 0), (0, 0, 2), (0, 3, 0), (1, 1, 0), (2, 1, 3), (7, 0, 1)]


def _expected(tp: int, fp: int, fn: int) -> dict[str, float]:
    p, r, f = prf(predicted=tp + fp, correct=tp, expected=tp + fn, found=tp)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _figures(result: dict) -> dict[str, float]:
    return {key: result[key] for key in ("precision", "recall", "f1")}


@pytest.mark.parametrize(("tp", "fp", "fn"), CASES)
def test_evaluate_prf_coder_counts_are_the_core(tp, fp, fn):
    assert CoderCounts is Counts
    counts = Counts()
    counts.add(
        {("t", i) for i in range(tp)} | {("p", i) for i in range(fp)},
        {("t", i) for i in range(tp)} | {("g", i) for i in range(fn)},
    )
    assert _figures(counts.as_dict()) == _expected(tp, fp, fn)


@pytest.mark.parametrize(("tp", "fp", "fn"), CASES)
def test_evaluate_prf_places_countries_score_by_the_core(tp, fp, fn):
    found = {f"T{i:02d}" for i in range(tp)} | {f"P{i:02d}" for i in range(fp)}
    gold = {f"T{i:02d}" for i in range(tp)} | {f"G{i:02d}" for i in range(fn)}
    assert _figures(score_countries([(found, gold)])) == _expected(tp, fp, fn)


@pytest.mark.parametrize(("tp", "fp", "fn"), CASES)
def test_evaluate_prf_ingest_words_score_by_the_core(tp, fp, fn):
    predicted = " ".join([f"t{i}" for i in range(tp)] + [f"p{i}" for i in range(fp)])
    expected = " ".join([f"t{i}" for i in range(tp)] + [f"g{i}" for i in range(fn)])
    score = WordScore()
    score.add_text(predicted, expected)
    assert _figures(score.as_dict()) == _expected(tp, fp, fn)


@pytest.mark.parametrize(("tp", "fp", "fn"), CASES)
def test_evaluate_prf_quotes_score_by_the_core(tp, fp, fn):
    scores = QuoteScores()
    counts = scores.overall
    counts.predicted, counts.predicted_matched = tp + fp, tp
    counts.gold, counts.gold_matched = tp + fn, tp
    assert _figures(scores.report()["overall"]) == _expected(tp, fp, fn)
