"""Longest-match lookup of dictionary phrases (actors, agents) in a word sequence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tacitus.actors.words import Word, split_phrase_word
from tacitus.dictionaries.model import Phrase

__all__ = ["PhraseHit", "PhraseIndex"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[T]):
    """A phrase found at words [start, end) with what it was indexed with."""

    start: int
    end: int
    phrase: Phrase
    payload: T


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    words: tuple[str, ...]
    stem: bool
    phrase: Phrase
    payload: T


class PhraseIndex(Generic[T]):
    """Phrases indexed by first word; single-word stems indexed by the stem.

    TABARI semantics: a stem phrase's last word matches any text word that
    starts with it; other words must be equal (case-insensitive).
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[_Entry[T]]] = {}
        self._stem_firsts: dict[str, list[_Entry[T]]] = {}
        self._stem_lengths: set[int] = set()
        self._count = 0
        self._sorted_lengths: list[int] | None = None
        self._stem_heads: set[str] = set()
        self._short_stems = False  # a one-letter stem defeats the two-letter gate
        # word text -> (candidate entries, plural entry or None); cleared by `add`.
        self._lookup_cache: dict[str, tuple[tuple[_Entry[T], ...], _Entry[T] | None]] = {}

    def add(self, phrase: Phrase, payload: T) -> None:
        words: list[str] = []
        for word in phrase.words:
            words.extend(split_phrase_word(word.upper()))
        if not words:
            return
        entry = _Entry(tuple(words), phrase.stem, phrase, payload)
        self._count += 1
        self._lookup_cache.clear()
        if len(words) == 1 and phrase.stem:
            self._stem_firsts.setdefault(words[0], []).append(entry)
            self._stem_lengths.add(len(words[0]))
            self._stem_heads.add(words[0][:2])
            self._short_stems = self._short_stems or len(words[0]) < 2
            self._sorted_lengths = None
        else:
            self._by_first.setdefault(words[0], []).append(entry)

    def __len__(self) -> int:
        return self._count

    def _candidates(self, word: str) -> list[_Entry[T]]:
        exact = self._by_first.get(word)
        found: list[_Entry[T]] = list(exact) if exact else []
        if self._short_stems is False and word[:2] not in self._stem_heads:
            return found  # no stem starts like this word: skip the per-length lookups
        for length in self._lengths:
            if length > len(word):
                break
            bucket = self._stem_firsts.get(word[:length])
            if bucket:
                found.extend(bucket)
        return found

    @property
    def _lengths(self) -> list[int]:
        if self._sorted_lengths is None:
            self._sorted_lengths = sorted(self._stem_lengths)
        return self._sorted_lengths

    def _lookup(self, text: str) -> tuple[tuple[_Entry[T], ...], _Entry[T] | None]:
        """Candidates of a word text and its plural entry, computed once per text."""
        found = self._lookup_cache.get(text)
        if found is None:
            candidates = tuple(self._candidates(text))
            plural = None
            if not candidates and len(text) >= 5 and text.endswith(_PLURAL_ENDINGS):
                entries = [e for e in self._by_first.get(text[:-1], []) if len(e.words) == 1 and not e.stem]
                plural = entries[0] if entries else None
            found = (candidates, plural)
            if len(self._lookup_cache) < 500_000:
                self._lookup_cache[text] = found
        return found

    def matches_at(self, words: Sequence[Word], i: int) -> list[PhraseHit[T]]:
        """All phrases that match starting at word `i`, longest first."""
        candidates, plural = self._lookup(words[i].text)
        if not candidates:
            return [PhraseHit(i, i + 1, plural.phrase, plural.payload)] if plural is not None else []
        hits: list[PhraseHit[T]] = []
        size = len(words)
        for entry in candidates:
            length = len(entry.words)
            end = i + length
            if end > size:
                continue
            # A candidate's first word matches by construction (indexed by it or by its stem).
            if length == 1 or _match(entry, words, i):
                hits.append(PhraseHit(i, end, entry.phrase, entry.payload))
        if len(hits) > 1:
            hits.sort(key=lambda h: (-(h.end - h.start), -len("".join(h.phrase.words))))
        return hits

    def _plural_matches(self, words: Sequence[Word], i: int) -> list[PhraseHit[T]]:
        """``Albanians``, ``Serbs``: the plural of a one-word exact name (a
        demonym such as ``ALBANIAN_``) that the dictionary lists only in the singular."""
        text = words[i].text
        if len(text) < 5 or not text.endswith(_PLURAL_ENDINGS):
            return []
        entries = [e for e in self._by_first.get(text[:-1], []) if len(e.words) == 1 and not e.stem]
        return [PhraseHit(i, i + 1, e.phrase, e.payload) for e in entries[:1]]

    def find_all(self, words: Sequence[Word]) -> list[PhraseHit[T]]:
        """Every match at every position (overlaps kept), in text order."""
        hits: list[PhraseHit[T]] = []
        cache = self._lookup_cache
        for i in range(len(words)):
            candidates, plural = cache.get(words[i].text) or self._lookup(words[i].text)
            if candidates or plural is not None:
                hits.extend(self.matches_at(words, i))
        return hits

    def find_longest(self, words: Sequence[Word]) -> list[PhraseHit[T]]:
        """Non-overlapping longest matches, scanning left to right."""
        hits: list[PhraseHit[T]] = []
        i = 0
        size = len(words)
        cache = self._lookup_cache
        while i < size:
            candidates, plural = cache.get(words[i].text) or self._lookup(words[i].text)
            if not candidates and plural is None:
                i += 1  # nothing starts here
                continue
            found = self.matches_at(words, i)
            if found and self._loose_stem_beaten(found[0], words):
                found = []
            if found:
                hits.append(found[0])
                i = found[0].end
            else:
                i += 1
        return hits

    def _loose_stem_beaten(self, hit: PhraseHit[T], words: Sequence[Word]) -> bool:
        """``THE_KU`` stems into "The Kuwait": a phrase that starts at that last word
        and matches it more closely (exact, or a longer stem) wins."""
        if hit.end - hit.start < 2 or not hit.phrase.stem:
            return False
        last = hit.end - 1
        stem = words[last].text
        expected = split_phrase_word(hit.phrase.words[-1].upper())[-1]
        if stem == expected:
            return False
        return any(
            len(other.phrase.words) >= 1
            and other.end - other.start >= 1
            and len(split_phrase_word(other.phrase.words[0].upper())[0]) > len(expected)
            for other in self.matches_at(words, last)
        )


# Plural endings of demonyms ("Albanians", "Iraqis", "Serbs", "Turks", "Czechs").
_PLURAL_ENDINGS = ("ANS", "IS", "BS", "KS", "HS")


def _match(entry: _Entry[T], words: Sequence[Word], i: int) -> bool:
    last = len(entry.words) - 1
    for k, expected in enumerate(entry.words):
        text = words[i + k].text
        if k == last and entry.stem:
            if not text.startswith(expected):
                return False
        elif text != expected:
            return False
    return True
