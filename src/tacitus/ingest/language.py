"""Language identification with py3langid (its model ships inside the package; no download)."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

__all__ = ["UNDETERMINED", "detect_language"]

UNDETERMINED = "und"
# The first few thousand characters decide; more costs time and changes nothing.
SAMPLE_CHARS = 3000
# Below this normalised probability the guess is not trusted: short or mixed texts
# ("Russia and China" scores as Kikuyu) are kept as undetermined, not skipped.
MIN_CONFIDENCE = 0.5
MIN_LETTERS = 20


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence for a text; ``("und", p)`` when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    code, probability = _identifier().classify(sample)
    if probability < MIN_CONFIDENCE:
        return UNDETERMINED, float(probability)
    return str(code), float(probability)
