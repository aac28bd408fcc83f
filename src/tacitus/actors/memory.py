"""In-document coreference: short names, ``he``/``she`` and ``the two sides`` linked back to actors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from tacitus.actors.compose import ActorGroup, Mention
from tacitus.actors.index import PhraseIndex
from tacitus.actors.offices import builtin_offices, gender_of, office_holder, offices_for_title
from tacitus.actors.words import Word
from tacitus.dictionaries.model import Phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
_FEMININE = frozenset({"she", "her"})
# "urging him to send troops", "congratulate her": the person named before, as object.
_OBJECT_PRONOUNS = frozenset({"him", "her"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "pobj", "nsubj"})
_NAME_DEPS = frozenset({"compound", "flat"})


def _bare_people(token: Token, previous: Token) -> bool:
    """``the leaders``, ``the ministers`` with nothing saying which ("the leaders of India
    and Japan", "the G7 leaders" name their own)."""
    if token.lower_ not in _PERSON_NOUNS or previous.lower_ != "the":
        return False
    return not any(c.dep_ in ("prep", "amod", "compound", "nmod", "poss", "nummod") for c in token.children)


@dataclass(slots=True)
class _Known:
    codes: tuple[str, ...]
    name: str | None
    gender: str | None = None  # m, f; None when unknown (a pronoun of either may link)


@dataclass(slots=True)
class DocumentMemory:
    """What earlier sentences of one article established: people by name, the
    last person spoken of and the last pair of actors named together."""

    names: PhraseIndex[_Known] = field(default_factory=PhraseIndex)
    # Titles of people named with them ("Vice President Kamala Harris"): a later
    # "the Vice President" is that person.
    titles: PhraseIndex[_Known] = field(default_factory=PhraseIndex)
    # People spoken of, most recent last: "she" takes the last one who may be a she.
    people: list[_Known] = field(default_factory=list)
    last_pair: tuple[str, ...] | None = None
    # The state the article is about (`tacitus.actors.document`), if one is clear.
    country: str | None = None
    last_person_pair: tuple[str, ...] | None = None

    def mentions(self, doc: Doc, words: Sequence[Word], covered: set[int]) -> list[Mention]:
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
        found.extend(self._titled(doc, words, covered, found))
        tokens = {w.token for w in words}
        found.extend(self.pronouns(doc, sorted(tokens), covered))
        for i in sorted(tokens):
            token = doc[i]
            if i in covered and token.lower_ not in _PAIR_NOUNS:
                continue
            if token.lower_ in _PAIR_NOUNS and i > 0:
                pair = self.last_pair
                if token.lower_ in _PERSON_NOUNS and self.last_person_pair:
                    pair = self.last_person_pair  # "the two ministers": the two people
                previous = doc[i - 1]
                if pair and previous.lower_ in _PAIR_NUMBERS and previous.i in tokens:
                    start = i - 2 if i > 1 and doc[i - 2].lower_ == "the" else i - 1
                    found.append(Mention("actor", start, i + 1, pair))
                elif self.last_person_pair and _bare_people(token, previous):
                    # "The leaders affirmed …" after a call between two: those two.
                    found.append(Mention("actor", i - 1, i + 1, self.last_person_pair))
        return found

    @property
    def last_person(self) -> _Known | None:
        return self.people[-1] if self.people else None

    def person_for(self, pronoun: str) -> _Known | None:
        """The last person a pronoun may stand for: ``she``/``her`` never a man, ``he``/``him``
        never a woman (a person of unknown gender may be either)."""
        excluded = "m" if pronoun in _FEMININE else "f"
        return next((p for p in reversed(self.people) if p.gender != excluded and p.gender != "x"), None)

    def pronouns(self, doc: Doc, indices: Sequence[int], covered: set[int]) -> list[Mention]:
        """``he``/``she`` as subjects, ``him``/``her`` as objects: the last person named who
        may be so called."""
        found: list[Mention] = []
        for i in indices:
            token = doc[i]
            if i in covered:
                continue
            subject = token.lower_ in _PRONOUNS and token.dep_ in ("nsubj", "nsubjpass")
            obj = token.lower_ in _OBJECT_PRONOUNS and token.tag_ == "PRP" and token.dep_ in _OBJECT_DEPS
            person = self.person_for(token.lower_) if subject or obj else None
            if person is not None:
                found.append(Mention("actor", i, i + 1, person.codes, name=person.name, person=True))
        return found

    def _titled(
        self, doc: Doc, words: Sequence[Word], covered: set[int], taken: list[Mention]
    ) -> list[Mention]:
        """``The Vice President commended …``: a bare title after its holder was named."""
        found: list[Mention] = []
        if not len(self.titles):
            return found
        busy = {i for m in taken for i in range(m.start, m.end)}
        for hit in self.titles.find_longest(words):
            first, last = words[hit.start].token, words[hit.end - 1].token
            if any(i in covered or i in busy for i in range(first, last + 1)):
                continue
            before = doc[first - 1] if first > 0 else None
            after = doc[last + 1] if last + 1 < len(doc) else None
            if before is None or before.lower_ != "the" or (after is not None and after.pos_ == "PROPN"):
                continue  # "Vice President Pence" is someone named; only "the Vice President" refers back
            known = hit.payload
            found.append(Mention("actor", first - 1, last + 1, known.codes, name=known.name, person=True))
        return found

    def _learn_title(self, doc: Doc, group: ActorGroup) -> None:
        for mention in group.mentions:
            if mention.person or mention.kind not in ("agent", "actor"):
                continue  # the name itself is remembered as a name
            words = tuple(t.text.upper() for t in doc[mention.start : mention.end] if not t.is_punct)
            if words:
                known = _Known(tuple(group.codes), group.name, gender_of(group.name) if group.name else None)
                self.titles.add(Phrase(words), known)
                if len(words) > 1:
                    self.titles.add(Phrase(words[:1]), known)  # "Secretary of State" → "the Secretary"

    def learn(
        self, doc: Doc, groups: Sequence[ActorGroup], covered: set[int], day: date | None = None
    ) -> None:
        """Remember people (dictionary, composed ``Foreign Minister Wang Yi``, or the holder
        of a titled office on the day: ``the U.S. President``) and pairs."""
        for group in groups:
            if group.absorbed or len(group.codes) != 1:
                continue
            name_tokens = _person_name(doc, group, covered)
            if not name_tokens and not group.person and day is not None:
                _office_holder(doc, group, day)
            if (name_tokens or group.person) and group.has_country:
                self._learn_title(doc, group)
            if name_tokens and day is not None:
                _holder_by_surname(doc, group, [t.text for t in name_tokens], day)
            if name_tokens:
                # "Foreign Minister Wang Yi" unknown to the dictionaries: linked by its words
                # later, but the composed code is generic (CHNGOV), so the actor gets no name.
                group.person = True
                group.start = min(group.start, name_tokens[0].i)
                group.end = max(group.end, name_tokens[-1].i + 1)
                words = " ".join(t.text for t in name_tokens)
                self._remember(name_tokens, _Known(tuple(group.codes), None, gender_of(words)))
            elif group.person:
                known = _Known(tuple(group.codes), group.name, gender_of(group.name) if group.name else None)
                span = doc[group.start : group.end]
                propn = [t for t in span if t.pos_ == "PROPN" and t.i not in _title_tokens(group)]
                if propn:
                    # a later "Lavrov", or "Wang" (a family name written first)
                    self._remember(propn, known)
                self._spoken_of(known)
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

    def forget_unknown(self) -> None:
        """Drop what was learnt without a country (``---GOV`` people, titles and pairs)."""

        def known(entry: _Known) -> bool:
            return all(not code.startswith("---") for code in entry.codes)

        self.names = self.names.filtered(known)
        self.titles = self.titles.filtered(known)
        self.people = [p for p in self.people if known(p)]
        self.last_pair = self.last_person_pair = None

    def _remember(self, tokens: Sequence[Token], known: _Known) -> None:
        words = tuple(t.text.upper() for t in tokens)
        self.names.add(Phrase(words), known)
        if len(words) > 1:
            self.names.add(Phrase(words[:1]), known)
            self.names.add(Phrase(words[-1:]), known)
        self._spoken_of(known)

    def _spoken_of(self, known: _Known) -> None:
        self.people = [p for p in self.people if p.name is None or p.name != known.name][-7:]
        self.people.append(known)


def _title_tokens(group: ActorGroup) -> set[int]:
    return {i for m in group.mentions if m.kind == "agent" for i in range(m.start, m.end)}


def _holder_by_surname(doc: Doc, group: ActorGroup, name: list[str], day: date) -> None:
    """``Vice President Harris``, ``President Macron``: a title and a surname the dictionaries
    do not list alone name the one holder of that office on the day with that surname. A
    title the office table does not know ("Envoy John Smith") names that holder only when the
    given name written agrees too: any Smith in office that day is no evidence."""
    surname = name[-1]
    titles = [doc[m.start : m.end].text for m in group.mentions if m.kind == "agent"]
    if not titles:
        return
    country = group.codes[0][:3] if group.codes and not group.country_from_document else None
    offices = [offices_for_title(t, country if country and country != "---" else None) for t in titles]
    office = next((o for o in offices if o), None)
    holder = builtin_offices().by_surname(surname, day, office)
    if holder is None or (country and country != "---" and holder.code[:3] != country):
        return
    if office is None and (len(name) < 2 or holder.name.split()[0].lower() != name[0].lower()):
        return
    group.codes = [holder.code]
    group.name = holder.name
    group.has_country = True
    group.country_from_document = False


def _office_holder(doc: Doc, group: ActorGroup, day: date) -> None:
    """``the U.S. President``, ``Iraq's Trade Minister``: a title with a country and no name
    is whoever held that office on the day, when the modern table knows (name and person)."""
    if not group.has_country or not group.codes or group.codes[0][:3] in ("---", '"'):
        return
    for mention in group.mentions:
        if mention.kind != "agent":
            continue
        office = offices_for_title(doc[mention.start : mention.end].text, group.codes[0][:3])
        holder = office_holder(group.codes[0][:3], office, day) if office else None
        if holder is not None:
            group.name = holder.name
            group.person = True
            return


def _person_name(doc: Doc, group: ActorGroup, covered: set[int]) -> list[Token]:
    """``Foreign Minister Wang Yi``: the proper nouns ending at the head that no
    dictionary phrase covers, when the phrase carries an agent (a title)."""
    if not any(m.kind == "agent" or (m.kind == "actor" and not m.person) for m in group.mentions):
        return []  # a title ("Foreign Minister", "Secretary of State") names the role
    titles = {i for m in group.mentions if m.kind == "agent" for i in range(m.start, m.end)}
    head = doc[group.head]
    if head.pos_ != "PROPN" or head.i in covered or head.i in titles:
        return []
    names = [head]
    for child in sorted(head.children, key=lambda t: -t.i):
        if child.dep_ in _NAME_DEPS and child.pos_ == "PROPN" and child.i == names[0].i - 1:
            if child.i in covered or child.i in titles:
                break  # "President Herzog": the title is no part of the name
            names.insert(0, child)
    return names
