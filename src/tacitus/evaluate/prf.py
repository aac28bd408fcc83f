"""Precision, recall and F1: the one scoring core of every stage's evaluation, with one edge-case rule.

The rule: a ratio with nothing to divide by is 1.0 when both sides are empty (nothing expected and
nothing predicted: nothing was missed and nothing invented) and 0.0 otherwise (predictions with no
gold have no precision to earn; gold with no predictions has no recall). F1 is the harmonic mean of
the unrounded precision and recall (0.0 when both are 0); figures are rounded only for display.
The coder (`tacitus.evaluate.metrics`), places (`tacitus.places.evaluate`), quotes
(`tacitus.quotes.evaluate`) and ingestion (`tacitus.ingest.evaluate`) all score through here.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any

__all__ = ["Counts", "prf", "share"]


def share(part: int, whole: int) -> float:
    """`part / whole`; 0.0 of nothing (an accuracy over no cases is not a perfect one)."""
    return part / whole if whole else 0.0


def prf(*, predicted: int, correct: int, expected: int, found: int) -> tuple[float, float, float]:
    """Precision, recall and F1, unrounded.

    Args:
        predicted: how many predictions there are; `correct` of them match the gold.
        expected: how many gold items there are; `found` of them were predicted. (With one-to-one
            matching `correct` == `found` == true positives; a quote matching two gold spans
            makes them differ.)
    """
    if predicted:
        precision = correct / predicted
    else:
        precision = 0.0 if expected else 1.0
    if expected:
        recall = found / expected
    else:
        recall = 0.0 if predicted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 by `prf`'s rule."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Set[Any], expected: Set[Any]) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    def _figures(self) -> tuple[float, float, float]:
        tp = self.tp
        return prf(predicted=tp + self.fp, correct=tp, expected=tp + self.fn, found=tp)

    @property
    def precision(self) -> float:
        return self._figures()[0]

    @property
    def recall(self) -> float:
        return self._figures()[1]

    @property
    def f1(self) -> float:
        return self._figures()[2]

    def figures(self, digits: int = 4) -> dict[str, float]:
        """Precision, recall and F1 rounded for display."""
        precision, recall, f1 = self._figures()
        return {
            "precision": round(precision, digits),
            "recall": round(recall, digits),
            "f1": round(f1, digits),
        }

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **self.figures()}
