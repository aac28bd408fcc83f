"""Who spoke: the speaker phrase of a cue, linking "he"/"Wang"/"the minister" back to a named
person or organisation of the document, and resolving that to an actor."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from tacitus.records import Actor, Speaker

__all__ = ["Mention", "SpeakerIndex", "speaker_phrase", "to_speaker"]

PERSON_PRONOUNS = {"he", "she", "him", "her"}
RELATIVE_PRONOUNS = {"who", "that", "which"}
# Title words that may stand before a name; the speaker phrase must share one to be linked.
_TITLE_TAGS = {"PROPN", "NOUN", "ADJ"}
_NP_LEFT_DEPS = {"compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "punct"}
_DROP_WORDS = {"the", "a", "an", "his", "her", "its", "their", "then", "former", "and", "of"}

Resolver = Callable[[Any, str | None], Actor | None]


@dataclass(frozen=True, slots=True)
class Mention:
    """A named person or organisation of the document: its name and its fullest introduction."""

    name: str
    kind: str  # person | org
    start: int  # character offsets of the introducing phrase (title + name)
    end: int
    title_words: frozenset[str]
    name_words: frozenset[str]


def speaker_phrase(token: Token) -> Span:
    """The noun phrase a subject token heads, cut before relative clauses and appositions."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT_DEPS or child.dep_ == "conj":
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in {"flat", "compound"} and child.i == end:
            end = child.i + 1
    doc = token.doc
    while start < token.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _title_before(doc: Doc, start: int) -> tuple[int, frozenset[str]]:
    """Title words written just before a name ("Russian Foreign Minister" Sergei Lavrov)."""
    i = start - 1
    words: list[str] = []
    while i >= 0 and start - i <= 8:
        token = doc[i]
        if token.pos_ in _TITLE_TAGS or token.lower_ == "and" or token.text == "-":
            if token.pos_ in _TITLE_TAGS:
                words.append(token.lower_)
            i -= 1
            continue
        break
    return i + 1, frozenset(words)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words that title a name (`Foreign Minister`), from the package data file."""
    text = resources.files("tacitus.quotes").joinpath("data", "titles.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _proper_noun_names(doc: Doc) -> Iterator[Span]:
    """Person names when the parse has no entities: runs of proper nouns, titles cut off."""
    titles = title_words()
    i = 0
    while i < len(doc):
        if doc[i].pos_ != "PROPN":
            i += 1
            continue
        end = i
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].is_punct:
            end += 1
        start = i
        while start < end and doc[start].lower_ in titles:
            start += 1
        if (
            end - start >= 2
            and all(t.text[:1].isupper() for t in doc[start:end])
            and doc[end - 1].lower_ not in titles
        ):
            yield doc[start:end]
        i = max(end, i + 1)


class SpeakerIndex:
    """Named people and organisations of one document, in text order, for linking speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.mentions: list[Mention] = []
        if not doc.has_annotation("ENT_IOB"):
            for name in _proper_noun_names(doc):
                first, title = _title_before(doc, name.start)
                words = frozenset(t.lower_ for t in name)
                self.mentions.append(
                    Mention(name.text, "person", doc[first].idx, name.end_char, title, words)
                )
            return
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                kind = "person"
            elif ent.label_ in {"ORG", "NORP", "GPE"}:
                kind = "org"
            else:
                continue
            first, title = _title_before(doc, ent.start) if kind == "person" else (ent.start, frozenset())
            words = frozenset(t.lower_ for t in ent if not t.is_punct)
            self.mentions.append(Mention(ent.text, kind, doc[first].idx, ent.end_char, title, words))

    def _before(self, position: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < position][::-1]

    def link(self, phrase: Span, last_person: Mention | None) -> Mention | None:
        """The named mention `phrase` refers to, or None when nothing plausible precedes it."""
        head = phrase.root
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head is not head.head:
            # "Barkley, who said …": the relative pronoun speaks for the noun it hangs on.
            return self.link(speaker_phrase(head.head.head), last_person)
        if lower in PERSON_PRONOUNS and len(phrase) == 1:
            return last_person or next(
                (m for m in self._before(phrase.start_char) if m.kind == "person"), None
            )
        words = {t.lower_ for t in phrase if not t.is_punct and t.lower_ not in _DROP_WORDS}
        if not words:
            return None
        earlier = self._before(phrase.end_char)
        if head.pos_ == "PROPN":
            # A surname or full name: the latest full name holding those words.
            for mention in earlier:
                if mention.kind == "person" and words <= mention.name_words:
                    return mention
            for mention in earlier:
                if mention.kind == "person" and words & mention.name_words:
                    return mention
        for mention in earlier:
            # A title used alone ("the Russian foreign minister") names the person it introduced.
            if mention.kind == "person" and mention.title_words and words <= mention.title_words:
                return mention
        if head.pos_ == "NOUN":
            for mention in earlier:
                if mention.kind == "org" and head.lower_ in mention.name_words:
                    return mention
        return None


def _overlapping(actors: Sequence[Actor], start: int, end: int) -> Actor | None:
    for actor in actors:
        if actor.start < end and start < actor.end:
            return actor
    return None


def _resolve(
    doc: Doc,
    phrase: Span,
    mention: Mention | None,
    *,
    date: str | None,
    actors: Sequence[Actor],
    resolver: Resolver | None,
) -> Actor | None:
    """The actor a speaker stands for: an actor mention it overlaps, else the resolver's answer."""
    found = _overlapping(actors, phrase.start_char, phrase.end_char)
    if found is None and mention is not None:
        found = _overlapping(actors, mention.start, mention.end)
    if found is not None or resolver is None:
        return found
    candidates: list[Any] = []
    if mention is not None:
        intro = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        candidates.extend([intro if intro is not None else mention.name, mention.name])
    candidates.append(phrase)
    for candidate in candidates:
        actor = resolver(candidate, date)
        if actor is not None:
            return actor
    return None


def to_speaker(
    phrase: Span,
    mention: Mention | None,
    *,
    date: str | None,
    actors: Sequence[Actor],
    resolver: Resolver | None,
) -> Speaker:
    """The `Speaker` record of a speaker phrase: text as written, the name and actor behind it."""
    own = _overlapping(actors, phrase.start_char, phrase.end_char)
    if own is not None and own.country is not None and own.code == own.country:
        mention = None  # the phrase is a country ("China said"), not a person's name
    actor = _resolve(phrase.doc, phrase, mention, date=date, actors=actors, resolver=resolver)
    name = mention.name if mention is not None else None
    if actor is not None and actor.name and (name is None or mention is None or mention.kind != "person"):
        # The dictionary's name for an organisation or a country; a person keeps the name
        # the article gives (the dictionary may name only the country of a composed code).
        name = actor.name
    if name is None and phrase.root.pos_ == "PROPN":
        name = phrase.text
    return Speaker(
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        name=name,
        code=actor.code if actor else None,
        country=actor.country if actor else None,
        sector=actor.sector if actor else None,
    )
