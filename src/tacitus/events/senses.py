"""Choosing what a verb codes with a PETRARCH-2 set: Tacitus's lexicon first, then the CAMEO.2.0 patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from tacitus.dictionaries.model import Origin, VerbBlock, VerbForm, VerbPattern
from tacitus.events.arguments import noun_sense, stance_noun
from tacitus.events.lexicon import FILE, Lexicon, StanceNoun, VerbSense
from tacitus.events.patterns import PatternMatch
from tacitus.events.verbs import CodedVerb

__all__ = ["Choice", "lexicon_choice", "talk_mode"]


@dataclass(slots=True)
class Choice:
    """A lexicon reading of a verb: its coded form plus what the roles need.

    `sense` for a lexicon verb or event noun (`noun` then holds the noun, whose
    prepositions name the partner); `stance` for ``reaffirmed their commitment to``."""

    coded: CodedVerb
    sense: VerbSense | None = None
    noun: Token | None = None
    stance: StanceNoun | None = None
    mode: str | None = None


@lru_cache(maxsize=1)
def _lexicon_block() -> tuple[VerbBlock, VerbForm]:
    origin = Origin(FILE, 1)
    form = VerbForm(("LEXICON",), origin=origin, lemma="LEXICON")
    return VerbBlock("LEXICON", None, None, (form,), (), origin), form


def _coded(code: str, reverse: str | None, line: int, text: str) -> CodedVerb:
    block, form = _lexicon_block()
    pattern = VerbPattern((), (), code, reverse, Origin(FILE, line), text)
    return CodedVerb(code, reverse, pattern, block, form, PatternMatch())


def lexicon_choice(verb: Token, lex: Lexicon) -> Choice | None:
    """The lexicon's reading of `verb`, or None when the lexicon does not know it."""
    lemma = verb.lemma_.lower()
    sense = lex.verbs.get(lemma)
    if sense is not None:
        return _verb_choice(verb, sense, lex)
    found = noun_sense(verb, lex)
    if found is not None:
        noun, noun_entry = found
        text = f"{lemma} {noun.lower_}: {noun_entry.code}"
        coded = _coded(noun_entry.code, noun_entry.reverse, noun_entry.line, text)
        return Choice(coded, noun_entry, noun, mode=noun_entry.mode)
    stance = stance_noun(verb, lex)
    if stance is not None:
        noun, entry = stance
        coded = _coded(entry.code, None, entry.line, f"{lemma} {noun.lower_}: {entry.code}")
        return Choice(coded, None, noun, stance=entry)
    return None


def _verb_choice(verb: Token, sense: VerbSense, lex: Lexicon) -> Choice:
    code, reverse = sense.code, sense.reverse
    if sense.needs_prep and not any(c.dep_ == "prep" and c.lower_ == sense.needs_prep for c in verb.children):
        # "welcomed the decision" is praise; "welcomed X to the White House" hosts a visit.
        code, reverse = sense.otherwise or code, None
    mode = talk_mode(verb, lex) if code.startswith("04") else None
    if mode in ("phone", "video") and sense.in_person is not None:
        code = "041"
    elif mode == "in person" and sense.in_person is not None:
        code, mode = sense.in_person, None
    elif mode == "phone" and code == "040":
        code = "041"
    text = f"{sense.key}: {code}" + (f":{reverse}" if reverse else "")
    return Choice(_coded(code, reverse, sense.line, text), sense, mode=mode if mode != "in person" else None)


def talk_mode(verb: Token, lex: Lexicon) -> str | None:
    """How the parties talked, from the verb's own phrase: ``by phone``/``over the
    telephone`` (phone), ``virtually``/``by video`` (video), ``on the sidelines of the
    summit``/``at the forum`` (in person); None when it does not say."""
    for child in verb.children:
        word = child.lower_
        if child.dep_ == "advmod" and word in lex.video_cues:
            return "video"
        if child.dep_ != "prep":
            continue
        for pobj in (c for c in child.children if c.dep_ == "pobj"):
            words = {pobj.lower_, pobj.lemma_.lower()} | {
                c.lower_ for c in pobj.children if c.dep_ == "compound"
            }
            if words & lex.video_cues:
                return "video"
            if words & lex.phone_cues and word in ("by", "over", "on", "in", "via", "during"):
                return "phone"
            if words & lex.in_person_cues and word in ("at", "during", "on", "in"):
                return "in person"
    return None
