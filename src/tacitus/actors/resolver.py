"""Resolving a name or phrase (``Russian Foreign Minister Sergei Lavrov``) to one actor code."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tacitus.actors.compose import compose_code
from tacitus.actors.finder import ActorFinder
from tacitus.actors.words import Word, words_of_tokens
from tacitus.dates import parse_day
from tacitus.records import Actor

__all__ = ["ActorResolver", "actor_record"]

_WORD = re.compile(r"[\w.'&-]+|[^\w\s]", re.UNICODE)


def actor_record(text: str, code: str, *, name: str | None = None, start: int = -1, end: int = -1) -> Actor:
    """An `Actor` with country (first block) and sector (the rest) split from `code`."""
    country = code[:3] if len(code) >= 3 and not code.startswith('"') else None
    sector = code[3:] or None if country else None
    return Actor(text=text, code=code, country=country, sector=sector, name=name, start=start, end=end)


class ActorResolver:
    """Resolves a span or bare text to an actor: the first actor phrase composed
    with the agents (titles) around it; agents alone give ``---`` + agent."""

    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder

    def resolve(self, span_or_text: Any, day: str | date | None = None) -> Actor | None:
        if isinstance(span_or_text, str):
            text = span_or_text
            words = [Word(t.upper(), t.upper(), i) for i, t in enumerate(_WORD.findall(text))]
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
