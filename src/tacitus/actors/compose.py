"""Composing actor groups: a noun phrase's country code plus its agents (``Arnor cleric`` → ARNMOS)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from tacitus.cameo import country_rows

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ActorGroup", "Mention", "build_groups", "compose_code", "np_head"]

# Dependencies that keep a word inside the noun phrase of its head.
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "flat", "nummod", "quantmod"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"})
_BRIDGE_PREPS = frozenset({"of", "in", "from"})


@dataclass(slots=True)
class Mention:
    """A dictionary (or document) match on tokens [start, end).

    kind: ``actor`` (codes are full actor codes), ``agent`` (codes hold one agent
    code; `prefix` for ``[NGO~]``), ``new`` (an unknown phrase coded by its text).
    """

    kind: str
    start: int
    end: int
    codes: tuple[str, ...]
    prefix: bool = False
    name: str | None = None
    person: bool = False


@dataclass(slots=True)
class ActorGroup:
    """The actor(s) one noun phrase stands for: codes after composition.

    `head` is the noun phrase's head token; `start`/`end` the token span of the
    words that made it; `absorbed` groups were folded into an agent phrase
    (``ambassadors of Arnor``) and are not actors of their own.
    """

    head: int
    start: int
    end: int
    codes: list[str]
    mentions: list[Mention] = field(default_factory=list)
    name: str | None = None
    person: bool = False
    absorbed: bool = False
    has_country: bool = True
    # A mention's words cover the head ("Russia", "Foreign Minister Lavrov"), or only
    # modify a noun that is no actor ("Russia's war", "the Iraq situation").
    head_covered: bool = True
    # The country came from the article (`tacitus.actors.document`), not from the words.
    country_from_document: bool = False
    # The phrase is the country's capital ("Beijing"): as an actor, its government.
    capital: bool = False


def np_head(token: Token) -> Token:
    """Climb from a token to the head of the noun phrase it modifies."""
    steps = 0
    while (
        (token.dep_ in _NP_DEPS or _tight_apposition(token))
        and token.head is not token
        and token.head.pos_ in _NOMINAL
        and not any(c.dep_ in ("cc", "conj") for c in token.children)
        and steps < 8
    ):
        token = token.head
        steps += 1
    return token


def _tight_apposition(token: Token) -> bool:
    """``Minister Telemar``: an apposition with no comma between is one phrase."""
    return token.dep_ == "appos" and token.i == token.head.i + 1


# A country or group code (3 letters) plus two blocks of 3: a specific organisation.
_ORGANISATION_CODE_LENGTH = 9


def _has_block(code: str, block: str) -> bool:
    if not block:
        return True
    for i in range(0, len(code) - len(block) + 1, 3):
        if code[i : i + len(block)] == block:
            return True
    return False


def compose_code(base: str, agents: list[Mention]) -> str:
    """Add agent codes to an actor code: prefix agents in front, others behind,
    skipping a code the actor already carries (WHITE_HOUSE USAGOV + GOV → USAGOV).

    A code with two or more blocks after its country already names one organisation
    (PSEREBHMS, Hamas; IGOEUREEC, the EU): its members are that organisation, so a generic
    agent is not added ("Hamas militants" → PSEREBHMS, not PSEREBHMSUAF).
    """
    if len(base) >= _ORGANISATION_CODE_LENGTH and not base.startswith("---"):
        return base
    code = base
    for agent in agents:
        block = agent.codes[0]
        if _has_block(code, block):
            continue
        code = block + code if agent.prefix else code + block
    return code


def _compose(actors: list[Mention], agents: list[Mention]) -> list[str]:
    people = [m for m in actors if m.person]
    if people:
        # A person the dictionary knows has the code of their office on the day: the
        # title or nationality before the name adds nothing ("President Biden" is USAGOV,
        # not USAGOVGOV; "Chinese President Xi Jinping" is CHNGOV, not the adjective's CHN).
        return _person_codes(people[0], [m for m in actors if not m.person], agents)
    bases = list(actors[0].codes) if actors else ["---"]
    return [compose_code(base, agents) for base in bases]


def _person_codes(person: Mention, titles: list[Mention], agents: list[Mention]) -> list[str]:
    """A known person's code on the day, unless the words before the name say otherwise:
    "former President Trump" is ELI whatever the table says; where the table says "former"
    (or an undated article took the latest term, the years after office) but the text
    gives the office ("Foreign Minister Le Drian", "Secretary of State Blinken"), the
    office is the one written about."""
    codes = list(person.codes)
    country = codes[0][:3]
    if any(a.codes[0] == "ELI" for a in agents):
        return [compose_code(country, agents)]
    if not all(code.endswith("ELI") for code in codes):
        return codes
    titled = [c for t in titles for c in t.codes if c[:3] == country and len(c) > 3]
    if titled:
        return titled[:1]
    if agents:
        return [compose_code(country, agents)]
    return codes


def build_groups(doc: Doc, mentions: list[Mention]) -> list[ActorGroup]:
    """Group mentions by noun phrase, compose codes, distribute agents over
    ``of/in/from`` phrases and coordinated noun phrases."""
    by_head: dict[int, list[Mention]] = {}
    heads = {id(m): np_head(doc[m.start : m.end].root).i for m in mentions}
    people = {m.start: heads[id(m)] for m in mentions if m.kind == "actor" and m.person}
    for mention in mentions:
        head = heads[id(mention)]
        if mention.kind == "agent" and mention.end in people:
            # "Prime Minister Prayut Chan-o-cha": a title right before a name is that
            # person's, however the parser hung the name.
            head = people[mention.end]
        by_head.setdefault(head, []).append(mention)
    groups: dict[int, ActorGroup] = {}
    for head_i, members in sorted(by_head.items()):
        members.sort(key=lambda m: m.start)
        actors = [m for m in members if m.kind in ("actor", "new", "alias")]
        agents = [m for m in members if m.kind == "agent"]
        named = next((m for m in actors if m.name), None)
        groups[head_i] = ActorGroup(
            head=head_i,
            start=min(m.start for m in members),
            end=max(m.end for m in members),
            codes=_compose(actors, agents),
            mentions=members,
            name=named.name if named else None,
            person=any(m.person for m in actors),
            has_country=bool(actors),
            head_covered=any(m.start <= head_i < m.end for m in members),
        )
    _mark_capitals(doc, groups)
    _absorb_prep_objects(doc, groups)
    _absorb_coordinated_modifiers(doc, groups)
    _inherit_from_conjuncts(doc, groups)
    return [groups[k] for k in sorted(groups)]


def _agents(group: ActorGroup) -> list[Mention]:
    return [m for m in group.mentions if m.kind == "agent"]


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _absorb_prep_objects(doc: Doc, groups: dict[int, ActorGroup]) -> None:
    """``ambassadors of Arnor, Osgiliath and Gondor`` → ARNGOV OSGGOV GONGOV."""
    for group in list(groups.values()):
        if group.has_country or group.absorbed:
            continue
        head = doc[group.head]
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _BRIDGE_PREPS:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            # "Lawmakers in Fornost and Gondor" parsed with Gondor as a conjunct of Lawmakers.
            objects += [c for c in head.children if c.dep_ == "conj" and c.i > prep.i and c.pos_ == "PROPN"]
            targets = [groups[t.i] for o in objects for t in _conjuncts(o) if t.i in groups]
            targets = [t for t in targets if t.has_country]
            if not targets:
                continue
            agents = _agents(group)
            group.codes = [compose_code(c, agents) for t in targets for c in t.codes]
            group.end = max(group.end, max(t.end for t in targets))
            group.has_country = True
            for target in targets:
                target.absorbed = True
            break


def _mark_capitals(doc: Doc, groups: dict[int, ActorGroup]) -> None:
    """``Beijing said``: a group that is only its country's capital (``Washington`` → USA)."""
    capitals = _capitals()
    for group in groups.values():
        actors = [m for m in group.mentions if m.kind != "agent"]
        if len(actors) != 1 or len(group.mentions) != 1 or len(group.codes) != 1:
            continue
        text = "_".join(t.text.upper() for t in doc[actors[0].start : actors[0].end] if t.dep_ != "det")
        group.capital = capitals.get(text) == group.codes[0][:3]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital names (as the country table writes them) → their country's CAMEO block."""
    found: dict[str, str] = {}
    for row in country_rows():
        cameo = row["cameo_code"].strip()
        code = cameo if len(cameo) == 3 and cameo.isalpha() else row["iso3"].strip()
        for name in row["capital"].split(";"):
            name = name.strip().strip("_")
            if name and len(code) == 3 and code.isalpha():
                found.setdefault(name, code)
    return found


def _absorb_coordinated_modifiers(doc: Doc, groups: dict[int, ActorGroup]) -> None:
    """``Hungarian and Romanian officials`` → HUNGOV ROUGOV: coordinated country
    modifiers of a country-less agent phrase each compose with it."""
    for group in list(groups.values()):
        if group.has_country or group.absorbed:
            continue
        head = doc[group.head]
        modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i in groups]
        members = [m for first in modifiers for m in _conjuncts(first) if m.i in groups]
        countries = [groups[m.i] for m in members if groups[m.i].has_country and not groups[m.i].absorbed]
        if len(countries) < 2:
            continue
        agents = _agents(group)
        group.codes = [compose_code(c, agents) for other in countries for c in other.codes]
        group.start = min(group.start, min(o.start for o in countries))
        group.has_country = True
        for other in countries:
            other.absorbed = True


def _inherit_from_conjuncts(doc: Doc, groups: dict[int, ActorGroup]) -> None:
    """``Danish media and government`` → DNKMED DNKGOV: a country-less agent phrase
    coordinated with a composed one takes its countries."""
    for group in groups.values():
        if group.has_country or group.absorbed:
            continue
        head = doc[group.head]
        for other in head.conjuncts:
            sibling = groups.get(other.i)
            if sibling is None or not sibling.has_country or not _agents(sibling):
                continue
            countries = []
            for code in sibling.codes:
                country = code[:3]
                if country not in countries:
                    countries.append(country)
            group.codes = [compose_code(c, _agents(group)) for c in countries]
            group.has_country = True
            break
