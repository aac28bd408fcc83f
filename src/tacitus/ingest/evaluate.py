"""Word-level precision/recall/F1 of extracted text against reference text (bag of words),
scored by `tacitus.evaluate.prf`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.evaluate.prf import Counts

__all__ = ["WordScore", "word_counts", "word_score"]

WORD = re.compile(r"\w+")


@dataclass(slots=True)
class WordScore(Counts):
    """Summed word overlap over many pages (true positives: words in both, with multiplicity);
    micro-averaged precision, recall and F1 by `tacitus.evaluate.prf`'s rule."""

    def add_text(self, predicted: str | None, expected: str) -> None:
        got, want = word_counts(predicted or ""), word_counts(expected)
        overlap = sum((got & want).values())
        self.tp += overlap
        self.fp += sum(got.values()) - overlap
        self.fn += sum(want.values()) - overlap

    def as_dict(self) -> dict[str, float]:
        return self.figures()


def word_counts(text: str) -> Counter[str]:
    """Multiset of word tokens (``\\w+``, case kept): punctuation and spacing do not count."""
    return Counter(WORD.findall(text))


def word_score(pairs: Iterable[tuple[str | None, str]]) -> WordScore:
    """Micro-averaged word overlap over (predicted, expected) text pairs."""
    score = WordScore()
    for predicted, expected in pairs:
        score.add_text(predicted, expected)
    return score
