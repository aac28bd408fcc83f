"""Reported speech from the dependency parse: a cue verb, its speaker and its content clause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tacitus.quotes.lexicon import CueLexicon
from tacitus.quotes.speakers import speaker_phrase

__all__ = ["Candidate", "cue_class_of", "cue_subject", "find_reported"]

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Relations by which a cue verb without its own subject borrows its governor's.
_BORROW_SUBJECT = {"conj", "xcomp", "advcl", "acl", "ccomp", "pcomp", "prep"}
_QUOTE_CHARS = set('"“”«»„') | {"''", "``"}
_OBJECT_CLASSES = {"intent", "verdict", "speech", "evidence"}
# One-word answers a speech verb reports: "half said so", "75 percent said yes".
_ONE_WORD_CONTENT = {"so", "yes", "no", "that", "this", "otherwise"}


@dataclass(slots=True)
class Candidate:
    """A quotation found in the text before records are made: offsets and parse anchors."""

    start: int
    end: int
    cue: Span | None
    speaker: Span | None
    source: str  # which rule found it: clause, trailing, according, marks


def _span_of(tokens: list[Token], *, min_tokens: int = 2) -> tuple[int, int] | None:
    """Character offsets of a token run, without leading/trailing punctuation other than quotes."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[0].is_punct and tokens[0].text not in _QUOTE_CHARS:
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in _QUOTE_CHARS:
        tokens = tokens[:-1]
    if len(tokens) < min_tokens or not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _issuer(noun: Token, cues: CueLexicon) -> Token:
    """Who speaks through a message noun: `McConnell issued a statement saying …` → McConnell."""
    verb = noun.head
    if cues.cue_class(noun.lemma_) == "artifact" and noun.dep_ in ("dobj", "pobj") and verb is not noun:
        if noun.dep_ == "pobj" and verb.head is not verb:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return noun


def _subject(verb: Token, cues: CueLexicon) -> Token | None:
    """The speaking subject of a cue verb, climbing through coordination and participles."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and token is not verb):
                return child
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            return _issuer(token.head, cues)  # "911 calls saying shots were fired"
        if token.dep_ not in _BORROW_SUBJECT or token.head is token:
            return None
        token = token.head
    return None


def _cue_span(verb: Token) -> Span:
    """The cue as written: the verb with its particle or preposition (called for, pointed to)."""
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i == start - 1:
            start = child.i
        if child.dep_ in ("prt", "prep") and child.i == end and child.lower_ in {"for", "on", "to", "out"}:
            end = child.i + 1
    return doc[start:end]


def _complement(verb: Token, cue_class: str) -> list[Token] | None:
    """Tokens of what the cue reports: a clause, an infinitive, or (some classes) an object."""
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    right = [c for c in clauses if c.i > verb.i]
    if right:
        return list(right[0].subtree)
    if clauses:
        return list(clauses[-1].subtree)
    misattached = _misattached_that_clause(verb)
    if misattached is not None:
        return misattached
    if cue_class in ("speech", "hearer", "intent", "verdict"):
        for child in children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and child.i > verb.i:
                objects = [c for c in children if c.dep_ in ("dobj", "dative") and c.i < child.i]
                start = objects[0] if objects and cue_class == "intent" else child
                return [t for t in verb.doc[start.left_edge.i : child.right_edge.i + 1]]
    if cue_class in _OBJECT_CLASSES:
        return _object_complement(verb)
    return None


def _misattached_that_clause(verb: Token) -> list[Token] | None:
    """`said on Friday during a conference that …`: the parser hangs the that-clause on the
    last noun of the adverbial phrase; a `that` clause right of the cue's phrase is its content."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        for token in child.subtree:
            marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ == "that"]
            if token.dep_ in ("relcl", "acl") and marks and marks[0].i == token.left_edge.i:
                return list(token.subtree)
    return None


def _object_complement(verb: Token) -> list[Token] | None:
    """`criticized the plan`, `called Trump "unhinged"`, `referred to Rubio as a leader`."""
    children = [c for c in verb.children if c.i > verb.i]
    first = next((c for c in children if c.dep_ == "dobj" and c.lower_ not in {"it", "what"}), None)
    if first is None:
        prep = next((c for c in children if c.dep_ == "prep" and c.i == verb.i + 1), None)
        objects = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
        if prep is None or not objects or prep.lower_ not in {"for", "on", "to", "about", "of", "against"}:
            return None
        first = objects[0]
    end = first.right_edge.i
    for child in children:
        if child.i > first.i and (child.dep_ in {"oprd", "xcomp", "ccomp"} or child.lower_ == "as"):
            end = max(end, child.right_edge.i)
    return list(verb.doc[first.left_edge.i : end + 1])


def _trailing(verb: Token) -> list[Token] | None:
    """`…, X said.` parsed with the cue as a side clause: the content is the governing clause."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "advcl", "conj") or head is verb:
        return None
    low, high = sorted((head.i, verb.i))
    if not any(c.dep_ == "punct" and c.text in {",", "”", '"'} for c in verb.children) and not any(
        t.text == "," for t in verb.doc[low:high]
    ):
        return None
    own = {t.i for t in verb.subtree}
    return [t for t in head.subtree if t.i not in own]


def _according(sentence: Span) -> Iterator[Candidate]:
    """`according to X, …`: X is the speaker, the rest of the sentence the content."""
    for token in sentence:
        if token.lower_ != "according":
            continue
        to = [c for c in token.children if c.lower_ == "to"]
        objects = [c for t in to for c in t.children if c.dep_ == "pobj"]
        if not objects:
            continue
        own = {t.i for t in token.subtree}
        span = _span_of([t for t in sentence if t.i not in own])
        if span is not None:
            cue = sentence.doc[token.i : to[0].i + 1]
            yield Candidate(span[0], span[1], cue, speaker_phrase(_author(objects[0])), "according")


def _author(source: Token) -> Token:
    """`according to an analysis by the Pew Research Center`: the maker of a report speaks."""
    for child in source.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            makers = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")]
            if makers:
                return makers[0]
    return source


def find_reported(doc: Doc, cues: CueLexicon) -> list[Candidate]:
    """Every cue verb with a content complement in `doc`, plus `according to` attributions."""
    found: list[Candidate] = []
    for sentence in doc.sents:
        found.extend(_according(sentence))
        found.extend(_in_survey(sentence, cues))
        for token in sentence:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            cue_class = _phrasal_class(token, cues)
            if cue_class is None:
                continue
            if cue_class == "raising" or _passive_expectation(token, cue_class):
                found.extend(_seeming(token, cues))
                continue
            content = _complement(token, cue_class)
            rule = "clause"
            if content is None and cue_class in ("speech", "hearer", "verdict"):
                content, rule = _trailing(token), "trailing"
            if not content:
                continue
            one_word = len(content) == 1 and (
                content[0].lower_ in _ONE_WORD_CONTENT
                or (content[0].pos_ in ("PROPN", "PRON") and content[0].dep_ in ("dobj", "pobj"))
            )
            span = _span_of(content, min_tokens=1 if one_word else 2)
            subject = _subject(token, cues)
            if span is None or subject is None:
                continue
            found.append(Candidate(span[0], span[1], _cue_span(token), speaker_phrase(subject), rule))
    return found


def cue_subject(verb: Token, cues: CueLexicon) -> Token | None:
    """The speaking subject of a cue verb, borrowed from its governor where it has none."""
    return _subject(verb, cues)


def cue_class_of(verb: Token, cues: CueLexicon) -> str | None:
    """The cue class of a verb, as a phrasal cue (`shoot back`) where it is one."""
    return _phrasal_class(verb, cues)


def _phrasal_class(verb: Token, cues: CueLexicon) -> str | None:
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and child.i == verb.i + 1:
            phrasal = cues.cue_class(f"{verb.lemma_} {child.lower_}")
            if phrasal is not None:
                return phrasal
    return cues.cue_class(verb.lemma_)


def _passive_expectation(verb: Token, cue_class: str) -> bool:
    """`X is expected to …`, `X is considered unclean`: a thought verb in the passive, no agent."""
    if cue_class != "thought" or not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return not any(c.dep_ == "agent" for c in verb.children)


def _seeming(verb: Token, cues: CueLexicon) -> Iterator[Candidate]:
    """`They appear to be unanimous`: a sourceless attribution of the subject and complement.
    When the complement is itself a cue (`Obama seemed to recognize …`) the subject speaks."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    complements = [c for c in verb.children if c.dep_ in ("xcomp", "acomp", "oprd", "ccomp") and c.i > verb.i]
    if not complements:
        return
    first = subjects[0].left_edge.i if subjects else complements[0].left_edge.i
    last = max(c.right_edge.i for c in complements)
    cue = _cue_span(verb)
    span = _span_of([t for t in verb.doc[first : last + 1] if not cue.start <= t.i < cue.end])
    speaker = None
    if subjects and any(_phrasal_class(c, cues) not in (None, "raising") for c in complements):
        speaker = speaker_phrase(subjects[0])
    if span is not None:
        yield Candidate(span[0], span[1], cue, speaker, "sourceless")


def _in_survey(sentence: Span, cues: CueLexicon) -> Iterator[Candidate]:
    """`In a CNN poll released Monday, Clinton leads …`: the poll speaks, the clause is its content."""
    first = sentence[0]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.dep_ != "ROOT":
        return
    objects = [c for c in first.children if c.dep_ == "pobj" and cues.cue_class(c.lemma_) == "survey"]
    if not objects:
        return
    own = {t.i for t in first.subtree}
    span = _span_of([t for t in sentence if t.i not in own])
    if span is not None:
        yield Candidate(span[0], span[1], sentence[0:1], speaker_phrase(objects[0]), "according")
