"""Word-level precision/recall/F1 of extracted text against reference text (bag of words),
scored by `tacitus.evaluate.prf`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.evaluate.prf import prf

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

    def _figures(self) -> tuple[float, float, float]:
        overlap = self.overlap
        return prf(predicted=self.predicted, correct=overlap, expected=self.expected, found=overlap)

    @property
    def precision(self) -> float:
        return self._figures()[0]

    @property
    def recall(self) -> float:
        return self._figures()[1]

    @property
    def f1(self) -> float:
        return self._figures()[2]

    def as_dict(self) -> dict[str, float]:
        precision, recall, f1 = self._figures()
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def word_counts(text: str) -> Counter[str]:
    """Multiset of word tokens (``\\w+``, case kept): punctuation and spacing do not count."""
    return Counter(WORD.findall(text))


def word_score(pairs: Iterable[tuple[str | None, str]]) -> WordScore:
    """Micro-averaged word overlap over (predicted, expected) text pairs."""
    score = WordScore()
    for predicted, expected in pairs:
        score.add(predicted, expected)
    return score
