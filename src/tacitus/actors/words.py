"""The word view of a sentence that dictionary phrases are matched against."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc

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
    if skip is None and isinstance(tokens, Doc):
        return _words_of_doc(tokens)
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


# (orth hash, lemma hash) -> the (text, lemma) pairs of its words; hashes are of
# the strings themselves, so one cache serves every vocabulary.
_PARTS: dict[tuple[int, int], tuple[tuple[str, str], ...]] = {}


def _parts(text: str, lemma_: str) -> tuple[tuple[str, str], ...]:
    upper = text.upper()
    if "_" in upper.strip("_") and len(upper) > 2:
        return tuple((piece, piece) for piece in upper.split("_") if piece)
    return ((upper, (lemma_ or text).upper()),)


def _words_of_doc(doc: Doc) -> list[Word]:
    """`words_of_tokens` of a whole Doc from its ORTH/LEMMA arrays (no Token objects)."""
    words: list[Word] = []
    if not len(doc):
        return words
    strings = doc.vocab.strings
    cache = _PARTS
    append = words.append
    for index, key in enumerate(map(tuple, doc.to_array([ORTH, LEMMA]).tolist())):
        parts = cache.get(key)
        if parts is None:
            parts = _parts(strings[key[0]], strings[key[1]] if key[1] else "")
            if len(cache) < 1_000_000:
                cache[key] = parts
        for text, lemma in parts:
            append(Word(text, lemma, index))
    return words
