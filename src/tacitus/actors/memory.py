"""In-document coreference: short names, ``he``/``she`` and ``the two sides`` linked back to actors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.actors.compose import ActorGroup, Mention
from tacitus.actors.index import PhraseIndex
from tacitus.actors.words import Word
from tacitus.dictionaries.model import Phrase

__all__ = ["DocumentMemory"]

_PAIR_NOUNS = frozenset(
    {
        "sides",
        "countries",
        "nations",
        "parties",
        "governments",
        "states",
        "ministers",
        "leaders",
        "presidents",
        "delegations",
        "heads",
    }
)
_PAIR_NUMBERS = frozenset({"two", "both"})
_PERSON_NOUNS = frozenset({"ministers", "leaders", "presidents", "heads"})
_PRONOUNS = frozenset({"he", "she"})
_NAME_DEPS = frozenset({"compound", "flat"})


@dataclass(slots=True)
class _Known:
    codes: tuple[str, ...]
    name: str | None


@dataclass(slots=True)
class DocumentMemory:
    """What earlier sentences of one article established: people by name, the
    last person spoken of and the last pair of actors named together."""

    names: PhraseIndex[_Known] = field(default_factory=PhraseIndex)
    last_person: _Known | None = None
    last_pair: tuple[str, ...] | None = None
    last_person_pair: tuple[str, ...] | None = None

    def mentions(self, doc: Any, words: Sequence[Word], covered: set[int]) -> list[Mention]:
        """Mentions of known names, pronoun subjects and ``the two sides``."""
        found: list[Mention] = []
        if len(self.names):
            for hit in self.names.find_longest(words):
                first, last = words[hit.start].token, words[hit.end - 1].token
                if any(i in covered for i in range(first, last + 1)):
                    continue
                if not all(doc[i].pos_ == "PROPN" for i in range(first, last + 1)):
                    continue
                known = hit.payload
                found.append(Mention("actor", first, last + 1, known.codes, name=known.name, person=True))
        tokens = {w.token for w in words}
        for i in sorted(tokens):
            token = doc[i]
            if i in covered and token.lower_ not in _PAIR_NOUNS:
                continue
            if (
                token.lower_ in _PRONOUNS
                and token.dep_ in ("nsubj", "nsubjpass")
                and self.last_person is not None
            ):
                person = self.last_person
                found.append(Mention("actor", i, i + 1, person.codes, name=person.name, person=True))
            elif token.lower_ in _PAIR_NOUNS and i > 0:
                pair = self.last_pair
                if token.lower_ in _PERSON_NOUNS and self.last_person_pair:
                    pair = self.last_person_pair  # "the two ministers": the two people
                previous = doc[i - 1]
                if pair and previous.lower_ in _PAIR_NUMBERS and previous.i in tokens:
                    start = i - 2 if i > 1 and doc[i - 2].lower_ == "the" else i - 1
                    found.append(Mention("actor", start, i + 1, pair))
        return found

    def learn(self, doc: Any, groups: Sequence[ActorGroup], covered: set[int]) -> None:
        """Remember people (dictionary or composed ``Foreign Minister Wang Yi``) and pairs."""
        for group in groups:
            if group.absorbed or len(group.codes) != 1:
                continue
            name_tokens = _person_name(doc, group, covered)
            if name_tokens:
                # "Foreign Minister Wang Yi" unknown to the dictionaries: linked by its words
                # later, but the composed code is generic (CHNGOV), so the actor gets no name.
                group.person = True
                group.start = min(group.start, name_tokens[0].i)
                group.end = max(group.end, name_tokens[-1].i + 1)
                self._remember(name_tokens, _Known(tuple(group.codes), None))
            elif group.person:
                span = doc[group.start : group.end]
                propn = [t for t in span if t.pos_ == "PROPN"]
                if propn:
                    self._remember(propn[-1:], _Known(tuple(group.codes), group.name))
                self.last_person = _Known(tuple(group.codes), group.name)
        people: dict[str, str] = {}
        for group in groups:
            if group.person and not group.absorbed and len(group.codes) == 1:
                people.setdefault(group.codes[0][:3], group.codes[0])
        if len(people) == 2:
            self.last_person_pair = tuple(people.values())
        pair: dict[str, str] = {}  # country block → its first code in the sentence
        for group in groups:
            if group.absorbed or len(group.codes) != 1:
                continue
            code = group.codes[0]
            if code[:3] not in ("---", '"') and code[:3] not in pair:
                pair[code[:3]] = code
        if len(pair) == 2:
            self.last_pair = tuple(pair.values())

    def _remember(self, tokens: Sequence[Any], known: _Known) -> None:
        words = tuple(t.text.upper() for t in tokens)
        self.names.add(Phrase(words), known)
        if len(words) > 1:
            self.names.add(Phrase(words[:1]), known)
            self.names.add(Phrase(words[-1:]), known)
        self.last_person = known


def _person_name(doc: Any, group: ActorGroup, covered: set[int]) -> list[Any]:
    """``Foreign Minister Wang Yi``: the proper nouns ending at the head that no
    dictionary phrase covers, when the phrase carries an agent (a title)."""
    if not any(m.kind == "agent" for m in group.mentions):
        return []
    head = doc[group.head]
    if head.pos_ != "PROPN" or head.i in covered:
        return []
    names = [head]
    for child in sorted(head.children, key=lambda t: -t.i):
        if child.dep_ in _NAME_DEPS and child.pos_ == "PROPN" and child.i == names[0].i - 1:
            if child.i in covered:
                break
            names.insert(0, child)
    return names
