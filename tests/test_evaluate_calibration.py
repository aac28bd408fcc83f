"""Calibration helpers: right/wrong labels against gold records, the logistic fit, reliability bins,
threshold sweeps."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from store_records import event
from tacitus.evaluate.calibration import fit_logistic, label_event, reliability, sweep
from tacitus.evaluate.gold import GoldRecord

RECORD = GoldRecord(
    id="r1",
    text="...",
    date=None,
    kind="events",
    expected=frozenset({("CHNGOV", "RUSGOV", "042"), ("RUSGOV", "CHNGOV", "043")}),
)
PLOVER = GoldRecord(
    id="p1",
    text="...",
    date=None,
    kind="plover",
    plover_type="CONSULT",
    actor_countries=frozenset({"CHN"}),
    recipient_countries=frozenset({"RUS"}),
)


@pytest.mark.parametrize(
    ("record", "triple", "exact", "relaxed"),
    [
        (RECORD, ("CHNGOV", "RUSGOV", "042"), True, True),
        (RECORD, ("CHN", "RUSMIL", "0421"), False, True),
        (RECORD, ("CHN", "USA", "042"), False, False),
        (PLOVER, ("CHNGOV", "RUS", "040"), True, True),
        (PLOVER, ("USA", "RUS", "040"), False, False),
        (PLOVER, ("CHN", "RUS", "190"), False, False),
    ],
)
def test_evaluate_calibration_labels(record, triple, exact, relaxed):
    label = label_event(record, event("r1", *triple))
    assert (label.exact, label.relaxed) == (exact, relaxed)


def test_evaluate_calibration_no_label_without_actors():
    record = GoldRecord(id="c1", text="...", date=None, kind="code", code="042")
    assert label_event(record, event("c1", "CHN", "RUS", "042")) is None


@pytest.mark.parametrize(("intercept", "slope"), [(-1.0, 2.0)])
def test_evaluate_calibration_fit_recovers_coefficients(intercept, slope):
    rng = np.random.default_rng(7)
    x = rng.normal(size=20_000)
    y = rng.random(20_000) < 1 / (1 + np.exp(-(intercept + slope * x)))
    fit = fit_logistic([{"x": float(v)} for v in x], y.tolist(), l2=0.0)
    assert fit.intercept == pytest.approx(intercept, abs=0.06)
    assert fit.coefficients["x"] == pytest.approx(slope, abs=0.08)


def test_evaluate_calibration_fit_is_deterministic():
    rows = [{"a": float(k % 3), "b": float(k % 2)} for k in range(60)]
    labels = [k % 5 != 0 for k in range(60)]
    assert fit_logistic(rows, labels) == fit_logistic(rows, labels)


def test_evaluate_calibration_l2_shrinks_a_separating_feature():
    rows = [{"rare": 1.0}] * 3 + [{"rare": 0.0}] * 30
    labels = [True] * 3 + [k % 2 == 0 for k in range(30)]
    free, shrunk = fit_logistic(rows, labels, l2=1e-6), fit_logistic(rows, labels, l2=1.0)
    assert math.isfinite(free.coefficients["rare"])
    assert shrunk.coefficients["rare"] < free.coefficients["rare"]


def test_evaluate_calibration_reliability_bins():
    table = reliability([0.05, 0.15, 0.18, 0.95, 1.0], [False, True, False, True, True], bins=10)
    assert [(b.events, b.right) for b in table if b.events] == [(1, 0), (2, 1), (2, 2)]
    assert table[1].share_right == 0.5 and table[1].mean_confidence == pytest.approx(0.165)


def test_evaluate_calibration_sweep_counts_country_and_root():
    found = [
        replace(event("r1", "CHNGOV", "RUSGOV", "042"), confidence=0.9),
        replace(event("r1", "CHN", "USA", "190"), confidence=0.2),
    ]
    (low, all_counts), (high, kept) = sweep([(RECORD, found)], [0.0, 0.5])
    assert (all_counts.tp, all_counts.fp, all_counts.fn) == (1, 1, 1)
    assert (kept.tp, kept.fp, kept.fn) == (1, 0, 1)
