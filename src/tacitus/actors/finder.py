"""Finding actor and agent mentions in a sentence, with codes resolved by the article's date."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from tacitus.actors.compose import Mention
from tacitus.actors.index import PhraseHit, PhraseIndex
from tacitus.actors.offices import first_name_gender
from tacitus.actors.words import CAPITALISED, LOWER, Word, text_case
from tacitus.cameo import country_rows, generic_blocks, role_blocks
from tacitus.dictionaries.lines import make_phrase
from tacitus.dictionaries.model import ActorEntry, AgentEntry, DictionarySet, Phrase

__all__ = ["ActorFinder", "nationality_forms", "split_codes"]

_CODE_CLEAN = re.compile(r"\s+")


def split_codes(code: str) -> tuple[str, ...]:
    """``ELR/GAL`` → (ELR, GAL); codes upper-case without spaces."""
    cleaned = _CODE_CLEAN.sub("", code).upper()
    return tuple(part for part in cleaned.split("/") if part)


class ActorFinder:
    """Dictionary actors (longest match) and agents (every match) in word sequences.

    Where several entries match the same words, the first read wins unless it has
    no code on the article's day: then the next one serves (the built-in set reads
    the modern actor file first, so its office holders take precedence over the
    2015 Phoenix entries, and Phoenix still serves the days before their terms).

    A PETRARCH-1 set (TABARI) keeps TABARI's stems: ``IRAQ`` matches "Iraqis".
    A PETRARCH-2 set matches actor names as whole words, as PETRARCH-2 did (a
    stem ``+PLA`` matched "plan" and "place"), with the case rules of
    `PhraseIndex`; the demonyms it then misses come back from the CAMEO country
    table's nationality forms and from plurals of one-word names ("Afghans").
    """

    def __init__(self, dictionaries: DictionarySet) -> None:
        whole_words = dictionaries.verbs.syntax == "petrarch2"
        self.actors: PhraseIndex[ActorEntry] = PhraseIndex(
            stems=not whole_words, case_rules=whole_words, plurals="any" if whole_words else "demonym"
        )
        self.agents: PhraseIndex[AgentEntry] = PhraseIndex()
        # PETRARCH-2 sets: a role inside a longer role is not a second one; PETRARCH-1 sets
        # stack them, as TABARI did (SGM + HGM).
        self.longest_agents = whole_words
        for entry in dictionaries.actors.entries:
            for phrase in entry.names:
                self.actors.add(phrase, entry)
        if whole_words:
            for phrase, entry in nationality_forms(dictionaries.actors.entries):
                self.actors.add(phrase, entry)
        for agent in dictionaries.agents:
            # Agents match whole words (plurals are their own entries): a stem
            # DIPLOMAT would turn every "diplomatic ties" into a ---GOV actor.
            self.agents.add(Phrase(agent.phrase.words, stem=False), agent)

    def has_any(self, words: Sequence[Word]) -> bool:
        """True when some actor or agent phrase occurs (the cheap pre-parse test)."""
        return any(
            self.actors.matches_at(words, i) or self.agents.matches_at(words, i) for i in range(len(words))
        )

    def find(self, words: Sequence[Word], day: date | None) -> list[Mention]:
        """Actor mentions (non-overlapping, longest first) and the agent mentions
        on words no actor covers (overlapping agents kept: ``main opposition group``)."""
        mentions: list[Mention] = []
        covered: set[int] = set()
        codes_of: dict[int, tuple[str, ...]] = {}

        def has_codes(hit: PhraseHit[ActorEntry]) -> bool:
            key = id(hit.payload)
            if key not in codes_of:
                codes_of[key] = _codes_on(hit.payload, day)
            return bool(codes_of[key])

        for hit in self.actors.find_longest(words, accept=has_codes):
            codes = codes_of[id(hit.payload)]
            if _surname(words, hit, codes) or _given_name(words, hit, codes):
                continue
            first, last = words[hit.start].token, words[hit.end - 1].token
            covered.update(range(hit.start, hit.end))
            person = _is_person(hit.payload)
            # A canonical name only for a person entry: "Iraq" or "the Pentagon" name nobody.
            name = hit.payload.name if person else None
            mentions.append(Mention("actor", first, last + 1, codes, name=name, person=person))
        seen: set[tuple[int, str]] = set()
        agent_hits = self.agents.find_all(words)
        for agent_hit in agent_hits:
            if any(i in covered for i in range(agent_hit.start, agent_hit.end)):
                continue
            if self.longest_agents and any(_inside(agent_hit, other) for other in agent_hits):
                continue  # "diplomatic representatives" is not also "representatives" (LEG)
            code = "".join(split_codes(agent_hit.payload.code))
            key = (agent_hit.start, code)
            if key in seen or not code:
                continue
            seen.add(key)
            first, last = words[agent_hit.start].token, words[agent_hit.end - 1].token
            mentions.append(Mention("agent", first, last + 1, (code,), prefix=agent_hit.payload.prefix))
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions


_COUNTRY_CODE = re.compile(r"(?:[A-Z]{3})+")
# "North Korean", "Sri Lankan"; longer forms are descriptions ("the graveyard of empires").
_MAX_FORM_WORDS = 2


def nationality_forms(entries: Sequence[ActorEntry]) -> list[tuple[Phrase, ActorEntry]]:
    """Nationality forms of the CAMEO country table (``AFGHAN_``, ``IRAQI_``) the
    dictionary lacks as exact names, each with the dictionary entry of its country
    (found by the country's table name), so dated codes stay the dictionary's own.
    Rows whose code is dated or empty, and countries the dictionary lacks, add nothing."""
    exact: dict[tuple[str, ...], ActorEntry] = {}
    for entry in entries:
        for phrase in entry.names:
            exact.setdefault(phrase.words, entry)
    added: list[tuple[Phrase, ActorEntry]] = []
    for row in country_rows():
        if not _COUNTRY_CODE.fullmatch(row["cameo_code"]):
            continue
        country = exact.get(make_phrase(row["name"]).words)
        if country is None:
            continue
        for form in row["nationality"].split(";"):
            phrase = make_phrase(form, stems=False)
            if phrase.words and len(phrase.words) <= _MAX_FORM_WORDS and phrase.words not in exact:
                exact[phrase.words] = country
                added.append((phrase, country))
    return added


def _inside(hit: PhraseHit[Any], other: PhraseHit[Any]) -> bool:
    """`hit` lies within the longer `other`."""
    longer = (other.end - other.start) > (hit.end - hit.start)
    return longer and other.start <= hit.start and hit.end <= other.end


def _surname(words: Sequence[Word], hit: PhraseHit[ActorEntry], codes: tuple[str, ...]) -> bool:
    """``Patty Murray``, ``Michael Jordan``: a one-word place name (a bare country code)
    right after a given name is someone's surname. A given name is written with a
    capital: "the bill Iran passed" keeps Iran."""
    if hit.end - hit.start != 1 or hit.start == 0 or not all(len(code) == 3 for code in codes):
        return False
    before = words[hit.start - 1]
    return before.case != LOWER and first_name_gender(before.text) is not None


def _given_name(words: Sequence[Word], hit: PhraseHit[ActorEntry], codes: tuple[str, ...]) -> bool:
    """``Milan Kucan said``, ``Tara Reade``: a one-word city of the country dictionary that
    is also a given name, followed by one capitalised word that ends the name, is a
    person's first name. "Milan Fashion Week" (a longer capitalised run) stays Milan."""
    if hit.end - hit.start != 1 or not all(len(code) == 3 for code in codes):
        return False
    word, end = words[hit.start], hit.end
    if word.case != CAPITALISED or end >= len(words) or first_name_gender(word.text) is None:
        return False
    if words[end].case != CAPITALISED or not words[end].text.isalpha():
        return False
    return end + 1 >= len(words) or words[end + 1].case != CAPITALISED


def _codes_on(entry: ActorEntry, day: date | None) -> tuple[str, ...]:
    return tuple(c for code in entry.codes_on(day) for c in split_codes(code))


# Files of seats of government named for the government: dated where the seat moved.
_SEAT_FILES = frozenset({"Tacitus.Metonyms.actors.txt"})


def _is_person(entry: ActorEntry) -> bool:
    """People carry dated codes in the actor dictionaries: office terms with a role
    (``[RUSGOV >20040309]``) or at an organisation (``[IGOWSTNAT 19951205-19991006]``,
    Solana at NATO). A country's dated codes (``[IRQOCC 20030320-20060520]``) are neither."""
    if entry.origin.file in _SEAT_FILES:
        return False  # a seat dated by a move ("the Blue House" until 2022) is a place, not a person
    roles, generic = role_blocks(), generic_blocks()
    return any(
        (c.start is not None or c.end is not None)
        and (c.code[:3] in generic or any(c.code[i : i + 3] in roles for i in range(3, len(c.code), 3)))
        for c in entry.codes
    )


def tokens_to_words(tokens: Sequence[str]) -> list[Word]:
    """Words of plain string tokens (for resolving a bare text)."""
    return [Word(t.upper(), t.upper(), i, text_case(t)) for i, t in enumerate(tokens)]
