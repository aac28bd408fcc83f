"""Who held an office on a day, what a title means, and a name's gender: lookups on the modern table.

The coder resolves title-only mentions ("the prime minister", "the U.S. President")
with `offices_for_title` + `OfficeTable.holder`, and keeps pronouns from linking
across genders with `gender_of`. Data: the modern office-holder table
(`tacitus.dictionaries.modern`), ``data/titles.tsv`` and ``data/first_names.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from tacitus.dictionaries.modern import ModernTerm, ascii_fold, read_modern_sources

__all__ = [
    "OfficeHolder",
    "OfficeTable",
    "builtin_offices",
    "first_name_gender",
    "gender_of",
    "office_holder",
    "offices_for_title",
]

# Presidential systems list the president once, as head of state: asked for the head
# of government of a country that lists none at all, the head of state answers.
_FALLBACK = {"head_of_government": "head_of_state"}


@dataclass(frozen=True, slots=True)
class OfficeHolder:
    """The person in an office on a day: canonical name, actor code, gender (m/f/x) and the term."""

    name: str
    code: str
    gender: str
    office: str
    title: str
    start: date
    end: date | None

    @classmethod
    def of(cls, term: ModernTerm) -> OfficeHolder:
        return cls(term.person, term.code, term.gender, term.office, term.title, term.start, term.end)


def _key(name: str) -> str:
    """Names compare case-, space- and diacritic-blind: ``Erdoğan`` = ``ERDOGAN``."""
    return " ".join(ascii_fold(name).lower().replace(".", ". ").split())


class OfficeTable:
    """The modern table indexed by (country block, office) and by every name form."""

    def __init__(self, terms: Iterable[ModernTerm]) -> None:
        self._terms: dict[tuple[str, str], list[ModernTerm]] = {}
        self._genders: dict[str, str | None] = {}
        self._surnames: dict[str, list[ModernTerm]] | None = None
        for term in terms:
            self._terms.setdefault((term.country, term.office), []).append(term)
            for name in (term.person, *term.variants):
                key = _key(name)
                known = self._genders.get(key, term.gender)
                # A form shared by a man and a woman says nothing: forgotten.
                self._genders[key] = term.gender if key not in self._genders or known == term.gender else None
        for held in self._terms.values():
            held.sort(key=lambda t: t.start)

    def holder(self, country: str, office: str, day: date) -> OfficeHolder | None:
        """The holder of `office` in `country` (a code's first block, ``FRA``; or a
        longer code prefix, ``IGOUNO``) on `day`; the latest to take office when terms
        overlap (a handover day). The head of government of a country listing none
        (a presidential system) is its head of state. None when nobody is listed."""
        found = self._on(country, office, day)
        if found is None and office in _FALLBACK and (country[:3], office) not in self._terms:
            found = self._on(country, _FALLBACK[office], day)
        return OfficeHolder.of(found) if found else None

    def _on(self, country: str, office: str, day: date) -> ModernTerm | None:
        held = self._terms.get((country[:3], office), [])
        covering = [t for t in held if t.covers(day) and t.code.startswith(country)]
        return covering[-1] if covering else None

    def by_surname(self, surname: str, day: date, office: str | None = None) -> OfficeHolder | None:
        """The one person in office on `day` whose name (or a variant) ends with `surname`,
        in `office` when given: "Vice President Harris" in 2023, "President Macron". None
        when nobody or several fit."""
        wanted = _key(surname)
        if not wanted:
            return None
        found = {
            term.person: term
            for term in self._by_surname().get(wanted, ())
            if term.covers(day) and (office is None or term.office == office)
        }
        return OfficeHolder.of(next(iter(found.values()))) if len(found) == 1 else None

    def _by_surname(self) -> dict[str, list[ModernTerm]]:
        if self._surnames is None:
            table: dict[str, list[ModernTerm]] = {}
            for held in self._terms.values():
                for term in held:
                    for name in (term.person, *term.variants):
                        words = _key(name).split()
                        if len(words) >= 2:
                            table.setdefault(words[-1], []).append(term)
            self._surnames = table
        return self._surnames

    def gender(self, name: str) -> str | None:
        """m, f or x for a name or variant the table lists with one gender; else None."""
        return self._genders.get(_key(name))


@lru_cache(maxsize=1)
def builtin_offices() -> OfficeTable:
    """The table of the shipped modern sources (read once)."""
    return OfficeTable(read_modern_sources())


def office_holder(
    country: str, office: str, day: date, *, table: OfficeTable | None = None
) -> OfficeHolder | None:
    """``office_holder("FRA", "head_of_government", date(2023, 3, 1))`` → Élisabeth Borne's record."""
    return (table or builtin_offices()).holder(country, office, day)


# ---------------------------------------------------------------- titles


@dataclass(frozen=True, slots=True)
class _TitleSense:
    title: str
    country: str  # "*" for the default sense
    office: str


def _data(name: str) -> str:
    return resources.files("tacitus.actors").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows[1:]  # the header


@lru_cache(maxsize=1)
def _titles() -> dict[str, dict[str, str]]:
    senses: dict[str, dict[str, str]] = {}
    for title, country, office, *_ in _rows("titles.tsv"):
        senses.setdefault(_title_key(title), {})[country] = office
    return senses


def _title_key(title: str) -> str:
    return " ".join(re.sub(r"\bthe\b", " ", re.sub(r"[-‐–]", " ", title.lower())).split())


def offices_for_title(title: str, country: str | None = None) -> str | None:
    """The office a title names, as news writes it ("prime minister", "Foreign
    Secretary", "chancellor"), in `country`'s sense when it has its own (US
    "secretary of state" is the foreign minister, UK "chancellor" the finance
    minister), else the default sense; None for a title the lexicon lacks."""
    senses = _titles().get(_title_key(title))
    if not senses:
        return None
    if country and country[:3] in senses:
        return senses[country[:3]]
    return senses.get("*")


# ---------------------------------------------------------------- gender


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    return {_key(name): gender for name, gender, *_ in _rows("first_names.tsv")}


def first_name_gender(name: str) -> str | None:
    """m or f from the first-name list for the first word of `name`; None when the
    list lacks it (names used for both are left out of the list)."""
    words = _key(name).split()
    return _first_names().get(words[0]) if words else None


def gender_of(name: str, *, table: OfficeTable | None = None) -> str | None:
    """m, f or x (a group) from the modern table's gender column, else m or f from
    the first-name list; None when neither says."""
    return (table or builtin_offices()).gender(name) or first_name_gender(name)
