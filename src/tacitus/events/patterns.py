"""Matching one verb pattern against the words around a verb (PETRARCH-1 linear, PETRARCH-2 phrases)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tacitus.actors.words import Word
from tacitus.dictionaries.model import Element, Phrase, VerbPattern

__all__ = ["PatternMatch", "Scope", "SentenceWords", "match_pattern"]

# Word positions a pattern's elements after the verb may be matched at; None: anywhere.
Scope = frozenset[int] | None

_NEGATION_WORDS = frozenset({"NOT", "N'T", "NEVER", "NO", "DON'T", "NEITHER", "NOR"})


@dataclass(slots=True, kw_only=True)
class SentenceWords:
    """The visible words of a sentence with, per word, the actor group and the
    skippable phrase (noun chunk or group) it belongs to (-1: none)."""

    words: list[Word]
    group: list[int]
    chunk: list[int]
    synsets: dict[str, tuple[Phrase, ...]]
    use_lemmas: bool = False
    group_spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    chunk_spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Fills `chunk`/`chunk_spans` on first use: noun chunks cost, and few patterns skip.
    chunk_loader: Callable[[SentenceWords], None] | None = None
    # Where each word (and lemma) occurs, and those words as a set: filled from `words`.
    positions: dict[str, list[int]] = field(default_factory=dict, init=False)
    vocabulary: frozenset[str] = field(default=frozenset(), init=False)

    def load_chunks(self) -> None:
        if self.chunk_loader is not None:
            loader, self.chunk_loader = self.chunk_loader, None
            loader(self)

    def __post_init__(self) -> None:
        # Where each word (and lemma) occurs: pattern words are looked up, not scanned for.
        for index, word in enumerate(self.words):
            self.positions.setdefault(word.text, []).append(index)
            if self.use_lemmas and word.lemma != word.text:
                self.positions.setdefault(word.lemma, []).append(index)
        self.vocabulary = frozenset(self.positions)


_FIRST_WORDS: dict[int, dict[str, frozenset[str]]] = {}


def _synset_firsts(sw: SentenceWords, name: str) -> frozenset[str]:
    """First words of a synset's phrases (cached per synset table)."""
    table = _FIRST_WORDS.setdefault(id(sw.synsets), {})
    found = table.get(name)
    if found is None:
        firsts: set[str] = set()
        for phrase in sw.synsets.get(name, ()):
            if phrase.words:
                first = phrase.words[0]
                firsts.update(_synset_firsts(sw, first[1:].upper()) if first.startswith("&") else {first})
        found = table[name] = frozenset(firsts)
    return found


def _first_words(element: Element, sw: SentenceWords) -> frozenset[str] | None:
    if element.kind in ("word", "prep") and element.phrase is not None and element.phrase.words:
        first = element.phrase.words[0]
        if first.startswith("&"):
            return _synset_firsts(sw, first[1:].upper())
        return frozenset({first})
    if element.kind == "synset":
        return _synset_firsts(sw, element.name.upper())
    return None


def _candidate_starts(element: Element, sw: SentenceWords, low: int, high: int) -> list[int]:
    """Positions in [low, high] where `element` could start, in order."""
    firsts = _first_words(element, sw)
    if firsts is None:
        return list(range(low, high + 1))
    found = sorted({p for w in firsts for p in sw.positions.get(w, ()) if low <= p <= high})
    return found


@dataclass(slots=True)
class PatternMatch:
    """What a matched pattern says: groups bound to ``$``/``+``/``%`` and whether
    its words spelled a negation (so the event is not flagged negated)."""

    source: int | None = None
    target: int | None = None
    compound: int | None = None
    compound_before: bool = True
    spells_negation: bool = False


_REQUIRED: dict[int, tuple[VerbPattern, list[frozenset[str]]]] = {}


def required_words(pattern: VerbPattern, sw: SentenceWords) -> list[frozenset[str]]:
    """For each word or synset element of the pattern, the words that can start it (cached)."""
    cached = _REQUIRED.get(id(pattern))
    if cached is None or cached[0] is not pattern:
        required = [
            firsts
            for element in (*pattern.before, *pattern.after)
            if (firsts := _first_words(element, sw)) is not None
        ]
        cached = _REQUIRED[id(pattern)] = (pattern, required)
    return cached[1]


def _possible(pattern: VerbPattern, sw: SentenceWords) -> bool:
    """Cheap pre-check: every word or synset of the pattern occurs in the sentence."""
    vocabulary = sw.vocabulary
    for firsts in required_words(pattern, sw):
        if firsts.isdisjoint(vocabulary):
            return False
    return True


def match_pattern(
    pattern: VerbPattern,
    sw: SentenceWords,
    verb_start: int,
    verb_end: int,
    joined_before: bool,
    *,
    scope: Scope = None,
) -> PatternMatch | None:
    """Match `pattern` with the verb at words [verb_start, verb_end); None if it fails.

    `scope`: the word positions elements after the verb may be matched at (the verb's
    own phrase); None: anywhere in the sentence."""
    if not _possible(pattern, sw):
        return None
    result = PatternMatch()
    cursor = verb_end
    for element in pattern.after:
        adjacent = element.joined or False
        found = _forward(element, sw, cursor, adjacent, result, before=False, scope=scope)
        if found is None:
            return None
        cursor = found
    cursor = verb_start
    before = pattern.before
    for index in range(len(before) - 1, -1, -1):
        element = before[index]
        if index == len(before) - 1:
            adjacent = joined_before
        else:
            adjacent = before[index + 1].joined
        found = _backward(element, sw, cursor, adjacent, result, scope=scope)
        if found is None:
            return None
        cursor = found
    return result


def _word_equal(sw: SentenceWords, position: int, expected: str) -> bool:
    word = sw.words[position]
    if word.text == expected:
        return True
    return sw.use_lemmas and word.lemma == expected


def _phrase_at(sw: SentenceWords, position: int, words: Sequence[str]) -> int | None:
    """End position if `words` match at `position` (synset names expand), else None."""
    cursor = position
    for expected in words:
        if expected.startswith("&"):
            end = _synset_at(sw, cursor, expected[1:])
            if end is None:
                return None
            cursor = end
            continue
        if cursor >= len(sw.words) or not _word_equal(sw, cursor, expected):
            return None
        cursor += 1
    return cursor


def _synset_at(sw: SentenceWords, position: int, name: str) -> int | None:
    best: int | None = None
    for phrase in sw.synsets.get(name.upper(), ()):
        end = _phrase_at(sw, position, phrase.words)
        if end is not None and (best is None or end > best):
            best = end
    return best


def _element_at(element: Element, sw: SentenceWords, position: int, scope: Scope) -> int | None:
    """End position when `element` (word, synset or prep) matches at `position`."""
    if element.kind == "word" and element.phrase is not None:
        return _phrase_at(sw, position, element.phrase.words)
    if element.kind == "synset":
        return _synset_at(sw, position, element.name)
    if element.kind == "prep" and element.phrase is not None:
        end = _phrase_at(sw, position, element.phrase.words)
        if end is None:
            return None
        cursor = end
        for child in element.children:
            found = _forward(child, sw, cursor, child.joined, PatternMatch(), before=False, scope=scope)
            if found is None:
                return None
            cursor = found
        return cursor
    return None


def _spells_negation(element: Element, sw: SentenceWords) -> bool:
    if element.kind == "word" and element.phrase is not None:
        return any(w in _NEGATION_WORDS for w in element.phrase.words)
    if element.kind == "synset":
        return any(w in _NEGATION_WORDS for p in sw.synsets.get(element.name, ()) for w in p.words)
    return False


def _bind(element: Element, result: PatternMatch, group: int, before: bool) -> None:
    if element.kind == "source":
        result.source = group
    elif element.kind == "target":
        result.target = group
    else:
        result.compound = group
        result.compound_before = before


def _forward(
    element: Element,
    sw: SentenceWords,
    cursor: int,
    adjacent: bool,
    result: PatternMatch,
    *,
    before: bool,
    scope: Scope,
) -> int | None:
    last = min(cursor if adjacent else len(sw.words) - 1, len(sw.words) - 1)
    if element.kind in ("word", "synset", "prep"):
        for position in _candidate_starts(element, sw, cursor, last):
            if scope is not None and position not in scope:
                continue
            end = _element_at(element, sw, position, scope)
            if end is not None:
                result.spells_negation |= _spells_negation(element, sw)
                return end
        return None
    for position in range(cursor, last + 1):
        if scope is not None and position not in scope:
            continue
        if element.kind in ("source", "target", "compound"):
            group = sw.group[position]
            if group >= 0 and sw.group_spans[group][0] == position:
                _bind(element, result, group, before)
                return sw.group_spans[group][1]
            continue
        if element.kind == "skip":
            sw.load_chunks()
            chunk = sw.chunk[position]
            if chunk >= 0:
                return sw.chunk_spans[chunk][1]
            continue
        end = _element_at(element, sw, position, scope)
        if end is not None:
            result.spells_negation |= _spells_negation(element, sw)
            return end
    return None


def _backward(
    element: Element, sw: SentenceWords, cursor: int, adjacent: bool, result: PatternMatch, *, scope: Scope
) -> int | None:
    """Match `element` ending at or before `cursor` (exclusive), nearest first;
    return its start position. (`scope` bounds only the phrases of a prep element.)"""
    first = cursor - 1 if adjacent else 0
    for end_at in range(cursor - 1, max(first, 0) - 1, -1):
        if element.kind in ("source", "target", "compound"):
            group = sw.group[end_at]
            if group >= 0 and sw.group_spans[group][1] == end_at + 1:
                _bind(element, result, group, True)
                return sw.group_spans[group][0]
            continue
        if element.kind == "skip":
            sw.load_chunks()
            chunk = sw.chunk[end_at]
            if chunk >= 0:
                return sw.chunk_spans[chunk][0]
            continue
        for start in reversed(_candidate_starts(element, sw, max(end_at - 7, 0), end_at)):
            end = _element_at(element, sw, start, scope)
            if end == end_at + 1:
                result.spells_negation |= _spells_negation(element, sw)
                return start
    return None
