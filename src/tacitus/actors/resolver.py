"""Resolving a name or phrase (``Russian Foreign Minister Sergei Lavrov``) to one actor code."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from tacitus.actors.compose import compose_code
from tacitus.actors.finder import ActorFinder
from tacitus.actors.words import Word, text_case, words_of_tokens
from tacitus.cameo import country_blocks, role_blocks
from tacitus.dates import parse_day
from tacitus.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["ActorResolver", "actor_record", "split_actor_code"]

_WORD = re.compile(r"[\w.'&-]+|[^\w\s]", re.UNICODE)


def _words_of_text(text: str) -> list[Word]:
    """Words of a bare text cut as spaCy cuts a sentence: ``al-Assad`` → AL - ASSAD,
    as dictionary phrases are split (`tacitus.actors.words.split_phrase_word`)."""
    words: list[Word] = []
    for token in _WORD.findall(text):
        pieces = [token]
        if "-" in token and not token.startswith("-") and not token.endswith("-"):
            pieces = [part for piece in token.split("-") for part in ("-", piece)][1:]
        for piece in pieces:
            if piece:
                words.append(Word(piece.upper(), piece.upper(), len(words), text_case(piece)))
    return words


def split_actor_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of an actor code. The country is the first block unless that
    is a role (``MED``, ``GOV``: CAMEO's sectors) or ``---``: a state, a non-state
    generic or a region (``USA``, ``IGO``, ``MEA``), or a user set's own country code.
    The sector is the blocks after it in order (``USAGOVMIL`` → GOVMIL; ``---GOV`` →
    GOV; a bare ``MED`` → MED), None when there are none or for a new actor's ``"TEXT"``."""
    if not code or code.startswith('"'):
        return None, None
    first = code[:3]
    if first == "---" or (first in role_blocks() and first not in country_blocks()):
        return None, (code[3:] if first == "---" else code) or None
    return first, code[3:] or None


def actor_record(text: str, code: str, *, name: str | None = None, start: int = -1, end: int = -1) -> Actor:
    """An `Actor` with country and sector split from `code` (`split_actor_code`)."""
    country, sector = split_actor_code(code)
    return Actor(text=text, code=code, country=country, sector=sector, name=name, start=start, end=end)


class ActorResolver:
    """Resolves a span or bare text to an actor: the first actor phrase composed
    with the agents (titles) around it; agents alone give ``---`` + agent."""

    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder

    def resolve(self, span_or_text: str | Span, day: str | date | None = None) -> Actor | None:
        if isinstance(span_or_text, str):
            text = span_or_text
            words = _words_of_text(text)
            start = end = -1
        else:
            text = span_or_text.text
            words = words_of_tokens(span_or_text)
            start, end = span_or_text.start_char, span_or_text.end_char
        mentions = self.finder.find(words, parse_day(day))
        if not mentions:
            return None
        actors = [m for m in mentions if m.kind == "actor"]
        agents = [m for m in mentions if m.kind == "agent"]
        base = actors[0].codes[0] if actors else "---"
        name = next((m.name for m in actors if m.person), None)
        return actor_record(text, compose_code(base, agents), name=name, start=start, end=end)
