"""Calibrating event confidence on gold files: right/wrong labels, logistic fit, reliability, thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tacitus.evaluate.gold import GoldRecord
from tacitus.evaluate.metrics import Counts, relax
from tacitus.events.confidence import confident
from tacitus.records import Event

__all__ = [
    "Fit",
    "Label",
    "ReliabilityBin",
    "fit_logistic",
    "label_event",
    "reliability",
    "sweep",
]


def _country(code: str) -> str:
    return relax((code, "", "00"))[0]


@dataclass(frozen=True, slots=True)
class Label:
    """Whether a coded event is right against its gold record: `exact` (source, target, code) is
    expected; `relaxed` its country parts and two-digit root are (country+root)."""

    exact: bool
    relaxed: bool


def label_event(record: GoldRecord, event: Event) -> Label | None:
    """How `event`, coded from the text of `record`, fares; None where the record cannot say
    (a CAMEO-manual record names only a code, no actors)."""
    if record.kind == "events":
        triple = (event.source, event.target, event.code)
        exact = triple in record.expected
        relaxed = relax(triple) in {relax(t) for t in record.expected}
        return Label(exact, relaxed)
    if record.kind == "plover":
        right = (
            event.plover.get("event_type") == record.plover_type
            and (not record.actor_countries or _country(event.source) in record.actor_countries)
            and (not record.recipient_countries or _country(event.target) in record.recipient_countries)
        )
        return Label(right, right)
    return None


@dataclass(frozen=True, slots=True)
class Fit:
    """A fitted logistic model: intercept, one coefficient per feature name, iterations used."""

    intercept: float
    coefficients: dict[str, float]
    iterations: int


def fit_logistic(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    *,
    weights: Sequence[float] | None = None,
    l2: float = 1.0,
    max_iterations: int = 100,
) -> Fit:
    """Weighted logistic regression by Newton's method (IRLS), with an L2 penalty `l2` on the
    coefficients (not the intercept): a handful of gold events per feature would otherwise let
    a rare feature's coefficient run off. Deterministic: no random start, a fixed order of
    features (sorted names), the same arithmetic every run.
    """
    names = sorted({name for row in rows for name in row})
    x = np.array([[1.0, *(row.get(name, 0.0) for name in names)] for row in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    penalty = np.full(len(names) + 1, float(l2))
    penalty[0] = 0.0
    beta = np.zeros(len(names) + 1)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported in the Fit
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -60, 60)))
        gradient = x.T @ (w * (y - p)) - penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta = beta + step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return Fit(float(beta[0]), {name: float(b) for name, b in zip(names, beta[1:], strict=True)}, iterations)


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    """Events whose confidence falls in [low, high): how many, and the share that is right."""

    low: float
    high: float
    events: int
    right: int
    mean_confidence: float

    @property
    def share_right(self) -> float:
        return self.right / self.events if self.events else 0.0


def reliability(scores: Sequence[float], right: Sequence[bool], bins: int = 10) -> list[ReliabilityBin]:
    """The reliability table: confidence in `bins` equal bins (the last one closed), with the
    share right in each. A calibrated model has share right ≈ mean confidence in every bin."""
    table = []
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        last = k == bins - 1
        pairs = zip(scores, right, strict=True)
        inside = [(s, r) for s, r in pairs if low <= s < high or (last and s == 1.0)]
        mean = sum(s for s, _ in inside) / len(inside) if inside else 0.0
        table.append(ReliabilityBin(low, high, len(inside), sum(r for _, r in inside), mean))
    return table


def sweep(
    coded: Sequence[tuple[GoldRecord, Sequence[Event]]], thresholds: Sequence[float]
) -> list[tuple[float, Counts]]:
    """Country+root counts (P/R/F1) of the `events` gold records at each threshold: the events of
    a record with confidence at or above it, as `tacitus eval` scores them (one triple per set)."""
    found = []
    for threshold in thresholds:
        counts = Counts()
        for record, events in coded:
            if record.kind != "events":
                continue
            kept = {relax((e.source, e.target, e.code)) for e in events if confident(e, threshold)}
            counts.add(kept, {relax(t) for t in record.expected})
        found.append((threshold, counts))
    return found
