"""Language identification with py3langid (its model ships inside the package; no download)."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
# The first 500 characters decide. On the 38k shared news articles and the 181 Zyte
# pages 500 and 1,000 give the same answers, at 0.24 vs 0.36 ms per article; language
# id is otherwise the largest cost of plain-text (JSONL) ingestion.
SAMPLE_CHARS = 500
LETTER = re.compile(r"[^\W\d_]")
# Below this normalised probability the guess is not trusted: short or mixed texts
# ("Russia and China" scores as Kikuyu) are kept as undetermined, not skipped.
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 20
# English news written plainly (Reuters 1987) can score as Nigerian Pidgin (pcm) at
# p~0.5 with English at 0.2-0.4, while real foreign pages give English ~0.0: a wanted
# language this likely wins over an unwanted top guess.
PREFERRED_MIN = 0.15


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _preferred(sample: str, prefer: frozenset[str]) -> tuple[str, float] | None:
    scores = [(float(p), str(code)) for code, p in _identifier().rank(sample) if code in prefer]
    best = max(scores, default=None)
    return (best[1], best[0]) if best and best[0] >= PREFERRED_MIN else None


def detect_language(text: str, prefer: frozenset[str] = frozenset()) -> tuple[str, float]:
    """ISO 639-1 code and confidence for a text; ``("und", p)`` when unsure.

    Args:
        text: the article text (only its start is read).
        prefer: languages wanted; one of them wins when it is a close-enough second.
    """
    sample = text[:SAMPLE_CHARS]
    if len(LETTER.findall(sample, 0, 4 * MIN_LETTERS)) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    code, probability = _identifier().classify(sample)
    if prefer and code not in prefer:
        rescued = _preferred(sample, prefer)
        if rescued is not None:
            return rescued
    if probability < MIN_CONFIDENCE:
        return UNDETERMINED, float(probability)
    return str(code), float(probability)
