"""Finding dictionary verbs in a sentence and choosing the pattern (and code) that fires."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tacitus.dictionaries.model import VerbBlock, VerbDictionary, VerbForm, VerbPattern
from tacitus.events.patterns import PatternMatch, Scope, SentenceWords, match_pattern, required_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["CodedVerb", "VerbHit", "choose_code", "find_verbs"]

# Future and conditional auxiliaries are never verbs of their own (PETRARCH
# over-coded WILL/WOULD as 030 until 2019).
_NEVER_VERBS = frozenset({"WILL", "WOULD", "SHALL", "'LL", "WO", "'D"})
_VERB_POS = frozenset({"VERB", "AUX"})


@dataclass(slots=True)
class VerbHit:
    """A verb word of the sentence that selects dictionary blocks.

    `start`/`end` are word positions of the whole (possibly multi-word) form."""

    token: Token
    start: int
    end: int
    candidates: list[tuple[VerbBlock, VerbForm]]


@dataclass(slots=True)
class CodedVerb:
    """The code a verb takes: from a pattern (with what it bound) or the block default."""

    code: str | None
    reverse_code: str | None
    pattern: VerbPattern | None
    block: VerbBlock
    form: VerbForm
    match: PatternMatch


def find_verbs(tokens: list[Token], sw: SentenceWords, verbs: VerbDictionary) -> list[VerbHit]:
    """Verb tokens whose text (or, for PETRARCH-2 dictionaries, lemma) is a verb form."""
    hits: list[VerbHit] = []
    by_token = {t.i: t for t in tokens}
    for position, word in enumerate(sw.words):
        token = by_token.get(word.token)
        if token is None or token.pos_ not in _VERB_POS or word.text in _NEVER_VERBS:
            continue
        entries = verbs.forms.get(word.text)
        if not entries and sw.use_lemmas:
            entries = verbs.forms.get(word.lemma)
        if not entries:
            continue
        matched = _matching_forms(entries, sw, position)
        if not matched:
            continue
        longest = max(len(form.words) for _, form, _ in matched)
        best = [(b, f, s) for b, f, s in matched if len(f.words) == longest]
        start = best[0][2]
        hits.append(VerbHit(token, start, start + longest, [(b, f) for b, f, _ in best]))
    return _drop_overlaps(hits)


def _matching_forms(
    entries: list[tuple[VerbBlock, VerbForm]], sw: SentenceWords, position: int
) -> list[tuple[VerbBlock, VerbForm, int]]:
    found = []
    for block, form in entries:
        start = position - form.head
        if start < 0 or start + len(form.words) > len(sw.words):
            continue
        ok = True
        for k, expected in enumerate(form.words):
            if k == form.head:
                continue
            word = sw.words[start + k]
            if word.text != expected and not (sw.use_lemmas and word.lemma == expected):
                ok = False
                break
        if ok:
            found.append((block, form, start))
    return found


def _drop_overlaps(hits: list[VerbHit]) -> list[VerbHit]:
    kept: list[VerbHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def choose_code(hit: VerbHit, sw: SentenceWords, *, scope: Scope = None) -> CodedVerb | None:
    """The first pattern (block by block, in file order) that matches; else the
    default code of the first block that has one. None: the verb codes nothing.

    `scope`: the word positions a pattern's words after the verb may be matched at
    (`tacitus.events.patterns.match_pattern`); None: the whole sentence."""
    vocabulary = sw.vocabulary
    for block, form in hit.candidates:
        for pattern, joined, required in _block_patterns(block, sw):
            if sw.use_lemmas and not _written_for(pattern, block, form):
                continue
            for firsts in required:
                if firsts.isdisjoint(vocabulary):
                    break  # a pattern word is missing from the sentence
            else:
                match = match_pattern(pattern, sw, hit.start, hit.end, joined, scope=scope)
                if match is not None:
                    return CodedVerb(pattern.code, pattern.reverse_code, pattern, block, form, match)
    for block, form in hit.candidates:
        if form.null_code:
            continue
        if form.code is not None or form.reverse_code is not None:
            return CodedVerb(form.code, form.reverse_code, None, block, form, PatternMatch())
        if block.code is not None or block.reverse_code is not None:
            return CodedVerb(block.code, block.reverse_code, None, block, form, PatternMatch())
    return None


def _written_for(pattern: VerbPattern, block: VerbBlock, form: VerbForm) -> bool:
    """Whether a PETRARCH-2 pattern applies to `form`. CAMEO.2.0 writes beside most patterns
    the verb it was written for (``- * AGAINST [141] # RALLIED`` in the block of MOBILIZE,
    RALLY, MUSTER …). Where the block also has patterns written for `form`'s own verb, its
    author coded that verb apart, so the other verbs' patterns do not apply to it ("mobilized
    reservists for a war against Iraq" is no rally); a verb with no patterns of its own takes
    its synonyms' ("renewed negotiations" as "resumed negotiations")."""
    named = pattern.written_for
    if not named:
        return True
    lemmas, with_patterns = _form_lemmas(block)
    target = lemmas.get(named)
    own = form.lemma or " ".join(form.words)
    return target is None or target == own or own not in with_patterns


_FORM_LEMMAS: dict[int, tuple[VerbBlock, dict[str, str], frozenset[str]]] = {}


def _form_lemmas(block: VerbBlock) -> tuple[dict[str, str], frozenset[str]]:
    """Each one-word form of a block (inflections too) → its lemma, and the lemmas some
    pattern was written for (cached per block)."""
    cached = _FORM_LEMMAS.get(id(block))
    if cached is None or cached[0] is not block:
        table = {f.words[0]: (f.lemma or " ".join(f.words)) for f in block.forms if len(f.words) == 1}
        named = frozenset(table[p.written_for] for p in block.patterns if p.written_for in table)
        cached = _FORM_LEMMAS[id(block)] = (block, table, named)
    return cached[1], cached[2]


# A block's patterns, each with its verb-joined flag and the words that can start its elements.
_PatternEntries = tuple[tuple[VerbPattern, bool, list[frozenset[str]]], ...]
_BLOCK_PATTERNS: dict[int, tuple[VerbBlock, int, _PatternEntries]] = {}


def _block_patterns(block: VerbBlock, sw: SentenceWords) -> _PatternEntries:
    """A block's patterns with their verb-joined flag and required words, computed once per block."""
    patterns = block.patterns
    cached = _BLOCK_PATTERNS.get(id(block))
    if cached is None or cached[0] is not block or cached[1] != len(patterns):
        entries = tuple((p, p.verb_joined, required_words(p, sw)) for p in patterns)
        cached = _BLOCK_PATTERNS[id(block)] = (block, len(patterns), entries)
    return cached[2]
