"""Small hand-built dictionary sets for the coder's unit tests (no files needed)."""

from __future__ import annotations

from datetime import date

from tacitus.dictionaries.model import (
    ActorDictionary,
    ActorEntry,
    AgentEntry,
    DatedCode,
    DictionarySet,
    DiscardEntry,
    Element,
    Origin,
    Phrase,
    VerbBlock,
    VerbDictionary,
    VerbForm,
    VerbPattern,
)

ORIGIN = Origin("test.txt", 1)


def phrase(text: str, stem: bool = True) -> Phrase:
    return Phrase(tuple(text.upper().split()), stem=stem)


def actor(names: str, *codes: DatedCode | str) -> ActorEntry:
    dated = tuple(c if isinstance(c, DatedCode) else DatedCode(c) for c in codes)
    return ActorEntry(tuple(phrase(n) for n in names.split("|")), dated, ORIGIN)


def agent(text: str, code: str, prefix: bool = False) -> AgentEntry:
    return AgentEntry(phrase(text), code, prefix, ORIGIN)


def word(text: str, joined: bool = False) -> Element:
    return Element("word", phrase=Phrase(tuple(text.upper().split())), joined=joined)


def pattern(before: tuple[Element, ...], after: tuple[Element, ...], code: str | None, reverse: str | None = None) -> VerbPattern:
    return VerbPattern(before, after, code, reverse, ORIGIN, "- test pattern")


def block(name: str, forms: list[str], code: str | None, reverse: str | None = None,
          patterns: tuple[VerbPattern, ...] = ()) -> VerbBlock:
    return VerbBlock(name, code, reverse, tuple(VerbForm((f,)) for f in forms), patterns, ORIGIN)


def verb_dictionary(*blocks: VerbBlock, syntax: str = "petrarch1") -> VerbDictionary:
    verbs = VerbDictionary(syntax=syntax)
    for b in blocks:
        verbs.blocks.append(b)
        for form in b.forms:
            verbs.forms.setdefault(form.words[form.head], []).append((b, form))
    return verbs


def small_set(extra_blocks: tuple[VerbBlock, ...] = (), discards: list[DiscardEntry] | None = None) -> DictionarySet:
    """Fictional countries, two agents, a dated person and a handful of verbs."""
    actors = ActorDictionary()
    actors.entries = [
        actor("ARNOR", "ARN"),
        actor("GONDOR|MINAS TIRITH", "GON"),
        actor("OSGILIATH", "OSG"),
        actor("LORIEN", "ELR", "GAL"),
        actor(
            "GOLLUM|SMEAGOL",
            DatedCode("HOB", None, date(1995, 6, 1)),
            DatedCode("HOBGOV", date(1995, 6, 1), date(1999, 8, 15)),
            DatedCode("HOBREB", date(1999, 8, 16), None),
        ),
    ]
    agents = [
        agent("CLERIC", "MOS"), agent("CLERICS", "MOS"),
        agent("DIPLOMAT", "GOV"), agent("DIPLOMATS", "GOV"),
        agent("AMBASSADOR", "GOV"), agent("AMBASSADORS", "GOV"),
        agent("FOREIGN MINISTER", "GOV"),
        agent("SOLDIER", "MILARM"), agent("SOLDIERS", "MILARM"),
        agent("MSF", "NGO", prefix=True),
    ]
    blocks = (
        block("RESTORE", ["RESTORE", "RESTORES", "RESTORED"], "064"),
        block("ATTACK", ["ATTACK", "ATTACKED", "ATTACKS"], "190"),
        block("MEET", ["MEET", "MET", "MEETS"], "031", "031"),
        block("AGREE", ["AGREE", "AGREED"], "030"),
        block("OPPOSE", ["OPPOSE", "OPPOSED"], "112"),
        block("SAY", ["SAY", "SAID", "SAYS"], None),
        *extra_blocks,
    )
    return DictionarySet(
        verbs=verb_dictionary(*blocks),
        actors=actors,
        agents=agents,
        discards=discards or [],
    )
