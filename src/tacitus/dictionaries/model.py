"""In-memory form of the PETRARCH/TABARI dictionaries: the contract between readers and the coder.

Readers (one module per format) build these records; the actor and event stages
only ever see these records, never the files. Words are stored upper-case, as the
dictionaries write them, with underscores split into separate words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "AgentEntry",
    "DatedCode",
    "DictionaryProblem",
    "DictionarySet",
    "DiscardEntry",
    "Element",
    "IssueEntry",
    "Origin",
    "Phrase",
    "Transformation",
    "VerbBlock",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a dictionary entry was read: file name (not path) and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A sequence of words to match in text.

    `stem` follows TABARI: a phrase whose last word has no trailing underscore in
    the file (``ARGENTIN``) matches any text word that starts with it (Argentina,
    Argentine); a trailing underscore (``LIBYA_``) demands the exact word.
    """

    words: tuple[str, ...]
    stem: bool = False

    def __str__(self) -> str:
        return " ".join(self.words)


# ---------------------------------------------------------------- verbs


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a verb pattern.

    kind:
      ``word``      a literal word or multi-word ``{A B}`` phrase (`phrase`)
      ``synset``    ``&NAME``: any phrase of the synset (`name`, without ``&``)
      ``source``    ``$``: the source actor's position
      ``target``    ``+``: the target actor's position
      ``compound``  ``%``: a compound actor (PETRARCH-1)
      ``skip``      ``^``: skip a noun phrase (PETRARCH-1)
      ``prep``      ``(PREP …)``: a prepositional phrase; `phrase` holds the
                    preposition, `children` the elements of its object
    `joined` marks the PETRARCH-1 ``_`` connector: this element must follow the
    previous one with no word between. The first element of `VerbPattern.after`
    with `joined` must directly follow the verb. A PETRARCH-2 ``{…}`` group that
    holds a synset (``{&MILITARY AID}``) is stored as its elements, each after
    the first `joined`; a group of plain words is one ``word`` element.
    Pattern words never stem (PETRARCH matches whole words): `phrase.stem` is False.
    """

    kind: str
    phrase: Phrase | None = None
    name: str = ""
    children: tuple[Element, ...] = ()
    joined: bool = False


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A pattern line of a verb block: elements before and after the verb ``*``.

    `code` is the source→target code, `reverse_code` the target→source code of a
    paired ``[a:b]``; either may be None (``[:b]``, ``[---]``).
    `verb_joined` is the PETRARCH-1 ``X_*``: the verb directly follows the last
    element of `before`.
    """

    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    reverse_code: str | None
    origin: Origin
    text: str
    verb_joined: bool = False
    # The verb the pattern's comment names (``- * AGAINST [141] # RALLIED`` → RALLIED):
    # the form it was written for, among the block's synonyms.
    written_for: str = ""


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A word form that selects a verb block: the block head, a synonym, an
    irregular inflection, or a multi-word verb (``+ANGERED_BY``, ``KLM_NOP_+RST``)
    whose `head` index marks the verb word. `code` overrides the block code
    (None: use the block's; an explicit ``[---]`` sets `null_code`).

    Every inflection is its own VerbForm (``AGREED``, ``AGREEING`` …); `lemma` is
    the form as the file wrote it (``AGREE``, ``ANGERED BY``) and `generated`
    says the reader made it by the regular rules rather than reading it."""

    words: tuple[str, ...]
    head: int = 0
    code: str | None = None
    reverse_code: str | None = None
    origin: Origin | None = None
    lemma: str = ""
    generated: bool = False
    null_code: bool = False


@dataclass(frozen=True, slots=True)
class VerbBlock:
    """``--- VERB [code] ---`` and what follows it up to the next block."""

    name: str
    code: str | None
    reverse_code: str | None
    forms: tuple[VerbForm, ...]
    patterns: tuple[VerbPattern, ...]
    origin: Origin


@dataclass(frozen=True, slots=True)
class Transformation:
    """A ``~`` rewrite of nested speech events, kept as parsed parts.

    ``~ a (a b ATTACK) SAY = a b 015``: `outer_verb` SAY, `inner` the nested
    triple (source, target, verb-or-code), `result` (source, target, code)."""

    outer_source: str
    inner: tuple[str, str, str]
    outer_verb: str
    result: tuple[str, str, str]
    origin: Origin
    text: str


@dataclass(slots=True)
class VerbDictionary:
    """All verb blocks plus synonym sets and transformations of one verb file.

    `forms` maps each verb word form (upper-case, inflected forms included) to
    the blocks and forms it selects; readers fill it, the coder looks words up.
    """

    syntax: str  # "petrarch2" | "petrarch1"
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    transformations: list[Transformation] = field(default_factory=list)
    forms: dict[str, list[tuple[VerbBlock, VerbForm]]] = field(default_factory=dict)


# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor code valid from `start` to `end` inclusive (None: open)."""

    code: str
    start: date | None = None
    end: date | None = None
    group: int = 0  # codes read from the same ``[A/B]`` bracket share a group

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor: its names (first is canonical) and its codes, dated or not."""

    names: tuple[Phrase, ...]
    codes: tuple[DatedCode, ...]
    origin: Origin

    @property
    def name(self) -> str:
        return " ".join(w.title() for w in self.names[0].words)

    def codes_on(self, day: date | None) -> tuple[str, ...]:
        """All codes in force on `day`: one, or several for a multi-code line such
        as ``LORIEN [ELR/GAL]`` (the coder emits one event per code)."""
        chosen = self.dated_code_on(day)
        if chosen is None:
            return ()
        return tuple(
            c.code
            for c in self.codes
            if c.group == chosen.group and c.start == chosen.start and c.end == chosen.end
        )

    def code_on(self, day: date | None) -> str | None:
        """The code in force on `day`: a dated code covering it, else the undated
        code; with no date, the undated code, else the latest-starting one."""
        chosen = self.dated_code_on(day)
        return chosen.code if chosen else None

    def dated_code_on(self, day: date | None) -> DatedCode | None:
        """The DatedCode `code_on` picks (first in file order on ties)."""
        undated = [c for c in self.codes if c.start is None and c.end is None]
        if day is not None:
            for dated in self.codes:
                if (dated.start or dated.end) and dated.covers(day):
                    return dated
        if undated:
            return undated[0]
        if day is None and self.codes:
            return max(self.codes, key=lambda c: c.start or date.min)
        return None


@dataclass(slots=True)
class ActorDictionary:
    """Actor entries indexed by the first word of each name."""

    entries: list[ActorEntry] = field(default_factory=list)
    by_first_word: dict[str, list[tuple[Phrase, ActorEntry]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A role word that composes with a country (``FOREIGN_MINISTER [~GOV]``).

    `code` is the agent code without ``~``; `prefix` is True for ``[NGO~]``
    (agent code before the country), False for ``[~GOV]`` (after). `plural`
    marks a generated or ``{…}`` plural form."""

    phrase: Phrase
    code: str
    prefix: bool
    origin: Origin
    plural: bool = False


@dataclass(frozen=True, slots=True)
class DiscardEntry:
    """A phrase that voids its sentence, or (`story`) the whole article."""

    phrase: Phrase
    story: bool
    origin: Origin


@dataclass(frozen=True, slots=True)
class IssueEntry:
    """A phrase that tags an event with an issue code.

    `category` is the enclosing ``<ISSUE CATEGORY="…">``. `ignore` marks an
    exclusion phrase: ``"sentence"`` (``~phrase``: no issue of the category
    in this sentence) or ``"story"`` (``~~phrase``); its `code` is ``""``."""

    phrase: Phrase
    code: str
    origin: Origin
    category: str = ""
    ignore: str = ""


@dataclass(frozen=True, slots=True)
class DictionaryProblem:
    """A dictionary line the reader found wrong.

    severity ``error``: the line (or entry) was skipped; ``warning``: it was
    kept but looks wrong (an unknown code, a code not made of 3-letter blocks)."""

    file: str
    line: int
    reason: str
    severity: str = "error"
    text: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(slots=True)
class DictionarySet:
    """Everything the coder needs from one dictionary directory."""

    verbs: VerbDictionary
    actors: ActorDictionary
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[DiscardEntry] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    source: str = ""  # directory it came from, or "builtin:petrarch2"
    fingerprint: str = ""  # hash of the files' bytes: the cache key
    problems: list[DictionaryProblem] = field(default_factory=list)
    prepositions: frozenset[str] = frozenset()  # Phoenix.prepositions.txt, upper-case
    files: tuple[str, ...] = ()  # names of the files read, in reading order


def _reduce_by_fields(record: object) -> tuple[type, tuple[object, ...]]:
    # Pickle as a constructor call: 2-3x faster to load than the slots-dataclass
    # default (__setstate__ looping in Python), which keeps the cached
    # production set under the 1 s load budget.
    names: tuple[str, ...] = getattr(type(record), "__slots__")  # noqa: B009 - every record class has slots
    return type(record), tuple(getattr(record, name) for name in names)


for _record in (
    Origin,
    Phrase,
    Element,
    VerbPattern,
    VerbForm,
    VerbBlock,
    Transformation,
    DatedCode,
    ActorEntry,
    AgentEntry,
    DiscardEntry,
    IssueEntry,
    DictionaryProblem,
):
    _record.__reduce__ = _reduce_by_fields  # type: ignore[method-assign,assignment]
