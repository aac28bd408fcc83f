"""Sentence-level conditions: comma-clause deletion, negation and modality of a verb."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["comma_deletions", "is_negated", "modality_of"]

_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "'d", "can", "must"})
_INTENT_HEADS = frozenset(
    {
        "plan",
        "intend",
        "want",
        "seek",
        "hope",
        "pledge",
        "promise",
        "vow",
        "aim",
        "agree",
        "ready",
        "willing",
        "prepared",
        "decide",
        "offer",
        "expect",
        "try",
        "wish",
    }
)
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})


def comma_deletions(
    tokens: Sequence[Token],
    limits: tuple[int, int, int, int, int, int],
    protected: Sequence[bool],
    *,
    keep_root: bool = False,
) -> set[int]:
    """Token indices of comma-delimited clauses to delete before coding.

    `limits` = (min, max, bmin, bmax, emin, emax) in words: internal, initial and
    terminal clauses whose length lies within their bounds go (a max of 0 turns
    that kind off). A clause holding an actor but no verb is a list item
    (``Mordor, the Shire, Fornost and Bree``) and is kept; so is one followed by
    ``, and``. With `keep_root` (parsed sentences), the clause of the main verb stays.
    """
    comma_min, comma_max, bmin, bmax, emin, emax = limits
    commas = [k for k, t in enumerate(tokens) if t.text == ","]
    if not commas:
        return set()
    end = len(tokens)
    while end > 0 and tokens[end - 1].is_punct:
        end -= 1
    bounds = [-1, *commas, end]
    deleted: set[int] = set()
    for k in range(len(bounds) - 1):
        start, stop = bounds[k] + 1, bounds[k + 1]
        if start >= stop:
            continue
        words = sum(1 for t in tokens[start:stop] if not t.is_punct)
        if k == 0:
            low, high = bmin, bmax
        elif k == len(bounds) - 2:
            low, high = emin, emax
        else:
            low, high = comma_min, comma_max
        if high <= 0 or not low <= words <= high:
            continue
        segment = tokens[start:stop]
        if keep_root and any(t.dep_ == "ROOT" for t in segment):
            # "President Joseph R. Biden, Jr. spoke today with …, conveying …": the clause
            # holding the sentence's main verb is no aside, whatever its commas.
            continue
        has_actor = any(protected[t.i] for t in segment)
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in segment)
        if has_actor and not has_verb:
            continue
        if stop < end and stop + 1 < len(tokens) and tokens[stop + 1].lower_ in ("and", "or"):
            continue
        if segment[0].lower_ in ("and", "or"):
            continue
        if k > 0 and _continues_list(tokens, bounds[k], segment, protected):
            continue
        first = bounds[k] if k > 0 else start
        deleted.update(t.i for t in tokens[first:stop])
    return deleted


def _continues_list(
    tokens: Sequence[Token], comma: int, segment: Sequence[Token], protected: Sequence[bool]
) -> bool:
    """``Arnor, Osgiliath and Gondor met``: an actor before the comma and one opening
    the clause make a list, not a parenthesis."""
    before = tokens[comma - 1] if comma > 0 else None
    first = next((t for t in segment if t.pos_ not in ("DET", "ADJ")), segment[0])
    if before is None or not protected[before.i] or not protected[first.i]:
        return False
    for token in segment:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in ("and", "or", "nor"):
            return True
    return True


def is_negated(verb: Token) -> bool:
    """``did not agree``, ``never agreed``: a `neg` child of the verb or its auxiliaries."""
    return any(child.dep_ == "neg" for child in verb.children)


def modality_of(verb: Token) -> str:
    """asserted | intended | hypothetical | future, from auxiliaries and governing words."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & _HYPOTHETICAL:
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in verb.children):
        return "hypothetical"
    if auxiliaries & _FUTURE or _going_to(verb):
        return "future"
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb:
        if head.lemma_.lower() in _INTENT_HEADS:
            return "intended"
        if head.lemma_.lower() == "be" and any(
            c.lemma_.lower() in _INTENT_HEADS for c in head.children if c.dep_ == "acomp"
        ):
            return "intended"
    if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.lemma_.lower() in _INTENT_HEADS:
        return "intended"
    return "asserted"


def _going_to(verb: Token) -> bool:
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and head is not verb
