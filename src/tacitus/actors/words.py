"""The word view of a sentence that dictionary phrases are matched against."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Word", "split_phrase_word", "words_of_tokens"]


@dataclass(frozen=True, slots=True)
class Word:
    """One dictionary-comparable word: upper-case text, lemma and its token index.

    A token such as ``Dol_Amroth`` yields several words with one token index, so
    phrases written with underscores in the text still match.
    """

    text: str
    lemma: str
    token: int


def split_phrase_word(word: str) -> list[str]:
    """Split a dictionary word the way the tokenizer splits text (hyphens)."""
    if "-" not in word or word.startswith("-") or word.endswith("-"):
        return [word]
    parts: list[str] = []
    for piece in word.split("-"):
        if parts:
            parts.append("-")
        if piece:
            parts.append(piece)
    return parts


def words_of_tokens(tokens: Iterable[object], skip: Sequence[bool] | None = None) -> list[Word]:
    """Words of spaCy tokens (anything with `text`, `lemma_`, `i`), skipping flagged ones."""
    words: list[Word] = []
    for token in tokens:
        index = token.i  # type: ignore[attr-defined]
        if skip is not None and skip[index]:
            continue
        text = token.text.upper()  # type: ignore[attr-defined]
        lemma = (token.lemma_ or token.text).upper()  # type: ignore[attr-defined]
        if "_" in text.strip("_") and len(text) > 2:
            for piece in text.split("_"):
                if piece:
                    words.append(Word(piece, piece, index))
            continue
        words.append(Word(text, lemma, index))
    return words
