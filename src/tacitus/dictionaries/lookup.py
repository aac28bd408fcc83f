"""Looking a phrase up in a dictionary set: which actors, agents and verb blocks it selects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tacitus.dictionaries.model import DictionarySet, Origin, Phrase

__all__ = ["LookupHit", "lookup"]

_WORD_SPLIT = re.compile(r"[\s_]+")


@dataclass(frozen=True, slots=True)
class LookupHit:
    """One dictionary entry the text selects.

    kind ``actor`` | ``agent`` | ``verb``; `name` the entry's canonical name (actor),
    phrase (agent) or block (verb); `codes` the codes in force on the day asked."""

    kind: str
    name: str
    codes: tuple[str, ...]
    origin: Origin
    detail: str = ""


def _matches(phrase: Phrase, words: tuple[str, ...]) -> bool:
    if len(phrase.words) != len(words):
        return False
    *head, last = phrase.words
    if tuple(head) != words[:-1]:
        return False
    return words[-1].startswith(last) if phrase.stem else words[-1] == last


def lookup(dictionaries: DictionarySet, text: str, day: date | None = None) -> list[LookupHit]:
    """Entries whose phrase is exactly `text` (actor stems as TABARI matches
    them), and the verb blocks each word of `text` selects, in dictionary order."""
    words = tuple(w for w in _WORD_SPLIT.split(text.upper()) if w)
    if not words:
        return []
    hits: list[LookupHit] = []
    index = dictionaries.actors.by_first_word
    # A one-word stem (ARGENTIN) is filed under itself, a prefix of the text word.
    keys = [words[0][:n] for n in range(1, len(words[0]))] if len(words) == 1 else []
    candidates = [c for key in [*keys, words[0]] for c in index.get(key, [])]
    for phrase, entry in candidates:
        if _matches(phrase, words):
            hits.append(LookupHit("actor", entry.name, entry.codes_on(day), entry.origin, str(phrase)))
    for agent in dictionaries.agents:
        if agent.phrase.words == words:
            code = f"{agent.code}~" if agent.prefix else f"~{agent.code}"
            hits.append(LookupHit("agent", str(agent.phrase), (code,), agent.origin))
    for word in words:
        for block, form in dictionaries.verbs.forms.get(word, []):
            verb_code = form.code if form.code or form.null_code else block.code
            reverse = form.reverse_code if form.code or form.null_code else block.reverse_code
            codes = tuple(c for c in (verb_code, reverse) if c)
            origin = form.origin or block.origin
            detail = f"form {' '.join(form.words)}, {len(block.patterns)} patterns"
            hits.append(LookupHit("verb", block.name, codes, origin, detail))
    return hits
