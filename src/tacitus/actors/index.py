"""Longest-match lookup of dictionary phrases (actors, agents) in a word sequence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tacitus.actors.words import CAPITALISED, CAPITALS, Word, split_phrase_word
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

    TABARI semantics (`stems`): a stem phrase's last word matches any text word
    that starts with it; other words must be equal (case-insensitive). Without
    `stems` every phrase matches whole words, as PETRARCH-2 did.

    `case_rules` (PETRARCH-2 actor names): a one-word name of at most three letters
    (``US``, ``PLA``, ``UN``) matches only a word written in capitals, and any other
    one-word name only a capitalised word ("Male" the city, not "male"), since actor
    names are proper nouns. `plurals`: a word ending in ``S`` also matches the
    one-word exact name it is the plural of ("Afghans", "Serbs", "Poles").
    """

    def __init__(self, *, stems: bool = True, case_rules: bool = False, plurals: str = "demonym") -> None:
        self._stems = stems
        self._case_rules = case_rules
        self._plurals = plurals
        self._by_first: dict[str, list[_Entry[T]]] = {}
        self._stem_firsts: dict[str, list[_Entry[T]]] = {}
        self._stem_lengths: set[int] = set()
        self._count = 0
        self._sorted_lengths: list[int] | None = None
        self._stem_heads: set[str] = set()
        self._short_stems = False  # a one-letter stem defeats the two-letter gate
        # word text -> (candidate entries, plural entry or None); cleared by `add`.
        self._lookup_cache: dict[str, tuple[tuple[_Entry[T], ...], _Entry[T] | None]] = {}
        # word text -> its candidates split by their exact second word (see `_by_second`).
        self._second_cache: dict[str, _Split[T]] = {}
        self._added: list[tuple[Phrase, T]] = []

    def filtered(self, keep: Callable[[T], bool]) -> PhraseIndex[T]:
        """A new index, with the same options, of the entries whose payload `keep` accepts."""
        other: PhraseIndex[T] = PhraseIndex(
            stems=self._stems, case_rules=self._case_rules, plurals=self._plurals
        )
        for phrase, payload in self._added:
            if keep(payload):
                other.add(phrase, payload)
        return other

    def add(self, phrase: Phrase, payload: T) -> None:
        self._added.append((phrase, payload))
        words: list[str] = []
        for word in phrase.words:
            words.extend(split_phrase_word(word.upper()))
        if not words:
            return
        stem = phrase.stem and self._stems
        entry = _Entry(tuple(words), stem, phrase, payload)
        self._count += 1
        self._lookup_cache.clear()
        self._second_cache.clear()
        if len(words) == 1 and stem:
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
            if self._is_plural(text) and (self._plurals == "any" or not candidates):
                entries = [e for e in self._by_first.get(text[:-1], []) if len(e.words) == 1 and not e.stem]
                plural = entries[0] if entries else None
            found = (candidates, plural)
            if len(self._lookup_cache) < 500_000:
                self._lookup_cache[text] = found
        return found

    def _is_plural(self, text: str) -> bool:
        if self._plurals == "any":
            return len(text) >= 4 and text.endswith("S") and not text.endswith("SS")
        return len(text) >= 5 and text.endswith(_PLURAL_ENDINGS)

    def _case_fits(self, entry: _Entry[T], word: Word) -> bool:
        """The case rules: a short one-word name wants capitals, a longer one a capital."""
        if not self._case_rules or len(entry.words) > 1 or word.case == CAPITALS:
            return True
        if sum(c.isalpha() for c in entry.words[0]) <= _ACRONYM_LETTERS:
            return False
        return word.case == CAPITALISED

    def _by_second(self, text: str, candidates: tuple[_Entry[T], ...]) -> _Split[T]:
        """`candidates` of a first word as (the ones any second word may follow, the ones
        keyed by their exact second word), each with its place in `candidates`. A common
        first word ("THE", "PRESIDENT") heads thousands of phrases; only those whose second
        word is the text's next word can match."""
        split = self._second_cache.get(text)
        if split is None:
            anywhere: list[tuple[int, _Entry[T]]] = []
            keyed: dict[str, list[tuple[int, _Entry[T]]]] = {}
            for order, entry in enumerate(candidates):
                # a second word that is a stem (the phrase's last) matches by prefix
                if len(entry.words) < 2 or (entry.stem and len(entry.words) == 2):
                    anywhere.append((order, entry))
                else:
                    keyed.setdefault(entry.words[1], []).append((order, entry))
            split = (tuple(anywhere), {k: tuple(v) for k, v in keyed.items()})
            if len(self._second_cache) < 500_000:
                self._second_cache[text] = split
        return split

    def matches_at(self, words: Sequence[Word], i: int) -> list[PhraseHit[T]]:
        """All phrases that match starting at word `i`, longest first."""
        candidates, plural = self._lookup(words[i].text)
        hits: list[PhraseHit[T]] = []
        size = len(words)
        if len(candidates) > _SPLIT_ABOVE:
            anywhere, keyed = self._by_second(words[i].text, candidates)
            following = keyed.get(words[i + 1].text, ()) if i + 1 < size else ()
            # file order kept: the first entry of the same words wins on ties
            candidates = tuple(e for _, e in sorted((*anywhere, *following), key=lambda pair: pair[0]))
        for entry in candidates:
            length = len(entry.words)
            end = i + length
            if end > size:
                continue
            # A candidate's first word matches by construction (indexed by it or by its stem).
            if length == 1:
                if self._case_fits(entry, words[i]):
                    hits.append(PhraseHit(i, end, entry.phrase, entry.payload))
            elif _match(entry, words, i):
                hits.append(PhraseHit(i, end, entry.phrase, entry.payload))
        if len(hits) > 1:
            hits.sort(key=lambda h: (-(h.end - h.start), -len("".join(h.phrase.words))))
        if not hits and plural is not None and self._case_fits(plural, words[i]):
            # "Americans": no phrase starts with the plural itself, so the singular's entry.
            hits.append(PhraseHit(i, i + 1, plural.phrase, plural.payload))
        return hits

    def find_all(self, words: Sequence[Word]) -> list[PhraseHit[T]]:
        """Every match at every position (overlaps kept), in text order."""
        hits: list[PhraseHit[T]] = []
        cache = self._lookup_cache
        for i in range(len(words)):
            candidates, plural = cache.get(words[i].text) or self._lookup(words[i].text)
            if candidates or plural is not None:
                hits.extend(self.matches_at(words, i))
        return hits

    def find_longest(
        self, words: Sequence[Word], accept: Callable[[PhraseHit[T]], bool] | None = None
    ) -> list[PhraseHit[T]]:
        """Non-overlapping longest matches, scanning left to right.

        With `accept`, a hit it refuses (an actor with no code on the article's day)
        gives way to the next entry of the same words (an older dictionary's); when
        none is accepted the words are passed over, matching nothing."""
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
            if accept is not None and found:
                # Only entries of the same words stand in for a refused one: a longer
                # name that has no code that day ("Duma Boko" before his term) does
                # not fall back to a shorter one it contains ("Duma").
                longest = found[0].end
                found = [hit for hit in found if hit.end == longest and accept(hit)]
                if not found:
                    i = longest
                    continue
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


# Above this many candidates for a first word, look only at those its next word can continue.
_SPLIT_ABOVE = 8
_Split = tuple[tuple[tuple[int, "_Entry[T]"], ...], dict[str, tuple[tuple[int, "_Entry[T]"], ...]]]

# Plural endings of demonyms ("Albanians", "Iraqis", "Serbs", "Turks", "Czechs").
_PLURAL_ENDINGS = ("ANS", "IS", "BS", "KS", "HS")
# A one-word name of at most this many letters is an acronym (US, UN, PLA, UAE).
_ACRONYM_LETTERS = 3


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
