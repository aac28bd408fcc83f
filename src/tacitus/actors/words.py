"""The word view of a sentence that dictionary phrases are matched against."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc, Token

__all__ = ["CAPITALISED", "CAPITALS", "LOWER", "Word", "split_phrase_word", "text_case", "words_of_tokens"]

# How a word was written: the case rules of PETRARCH-2 actor names read it.
LOWER = 0  # "male", "us", "plan"
CAPITALISED = 1  # "Male", "Iraq", "Nato"
CAPITALS = 2  # "US", "PLA", "U.N.", a word without letters, or any word of a text without capitals


@dataclass(frozen=True, slots=True)
class Word:
    """One dictionary-comparable word: upper-case text, lemma and its token index.

    A token such as ``Dol_Amroth`` yields several words with one token index, so
    phrases written with underscores in the text still match. `case` says how the
    text wrote it (`LOWER`, `CAPITALISED`, `CAPITALS`); unknown means `CAPITALS`,
    which every case rule accepts.
    """

    text: str
    lemma: str
    token: int
    case: int = CAPITALS


def text_case(text: str) -> int:
    """`CAPITALS` when every letter is upper-case (or there is none), `CAPITALISED`
    when the first letter is, else `LOWER`."""
    letters = [c for c in text if c.isalpha()]
    if not letters or all(c.isupper() for c in letters):
        return CAPITALS
    return CAPITALISED if letters[0].isupper() else LOWER


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


def words_of_tokens(tokens: Iterable[Token], skip: Sequence[bool] | None = None) -> list[Word]:
    """Words of spaCy tokens (a Doc, a Span or a list of tokens), skipping flagged ones."""
    if skip is None and isinstance(tokens, Doc):
        return _words_of_doc(tokens)
    words: list[Word] = []
    for token in tokens:
        index = token.i
        if skip is not None and skip[index]:
            continue
        original = token.text
        text = original.upper()
        lemma = (token.lemma_ or original).upper()
        if "_" in text.strip("_") and len(text) > 2:
            for piece in original.split("_"):
                if piece:
                    words.append(Word(piece.upper(), piece.upper(), index, text_case(piece)))
            continue
        words.append(Word(text, lemma, index, text_case(original)))
    return words


# (orth hash, lemma hash) -> the (text, lemma, case) of its words; hashes are of
# the strings themselves, so one cache serves every vocabulary.
_PARTS: dict[tuple[int, int], tuple[tuple[str, str, int], ...]] = {}


def _parts(text: str, lemma_: str) -> tuple[tuple[str, str, int], ...]:
    upper = text.upper()
    if "_" in upper.strip("_") and len(upper) > 2:
        return tuple((piece.upper(), piece.upper(), text_case(piece)) for piece in text.split("_") if piece)
    return ((upper, (lemma_ or text).upper(), text_case(text)),)


def _words_of_doc(doc: Doc) -> list[Word]:
    """`words_of_tokens` of a whole Doc from its ORTH/LEMMA arrays (no Token objects).

    A text written without any capital letter gives every word `CAPITALS`: case
    then says nothing, and the case rules must not drop its names."""
    words: list[Word] = []
    if not len(doc):
        return words
    strings = doc.vocab.strings
    cache = _PARTS
    append = words.append
    caseless = not any(c.isupper() for c in doc.text)
    for index, key in enumerate(map(tuple, doc.to_array([ORTH, LEMMA]).tolist())):
        parts = cache.get(key)
        if parts is None:
            parts = _parts(strings[key[0]], strings[key[1]] if key[1] else "")
            if len(cache) < 1_000_000:
                cache[key] = parts
        for text, lemma, case in parts:
            append(Word(text, lemma, index, CAPITALS if caseless else case))
    return words
