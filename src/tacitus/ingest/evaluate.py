"""Word-level precision/recall/F1 of extracted text against reference text (bag of words)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["WordScore", "word_counts", "word_score"]

WORD = re.compile(r"\w+")


@dataclass(slots=True)
class WordScore:
    """Summed word overlap over many pages; micro-averaged precision, recall and F1."""

    overlap: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: str | None, expected: str) -> None:
        got, want = word_counts(predicted or ""), word_counts(expected)
        self.overlap += sum((got & want).values())
        self.predicted += sum(got.values())
        self.expected += sum(want.values())

    @property
    def precision(self) -> float:
        return self.overlap / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def word_counts(text: str) -> Counter[str]:
    """Multiset of word tokens (``\\w+``, case kept): punctuation and spacing do not count."""
    return Counter(WORD.findall(text))


def word_score(pairs: Iterable[tuple[str | None, str]]) -> WordScore:
    """Micro-averaged word overlap over (predicted, expected) text pairs."""
    score = WordScore()
    for predicted, expected in pairs:
        score.add(predicted, expected)
    return score
