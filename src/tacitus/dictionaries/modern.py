"""The modern office-holder table (2015 →): TSV sources read and checked, the actor file made from them.

The sources (``data/dictionaries/modern/sources/<region>.tsv``) hold one row per
term in office; `generate_actor_file` turns them into the PETRARCH actor file
``Tacitus.Modern.actors.txt`` that ships beside them and loads with the built-in
set. Regenerate after editing a source::

    python -m tacitus.dictionaries.modern            # rewrite the actor file
    python -m tacitus.dictionaries.modern --check    # exit 1 when it is stale
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import NoReturn

from tacitus.cameo import actor_types, state_blocks
from tacitus.dictionaries.model import Origin
from tacitus.errors import DictionaryError

__all__ = [
    "COLUMNS",
    "MODERN_ACTORS_FILE",
    "OFFICES",
    "ModernTerm",
    "ascii_fold",
    "generate_actor_file",
    "main",
    "metonyms_path",
    "modern_actor_path",
    "modern_agents_path",
    "modern_directory",
    "read_modern_sources",
    "read_modern_table",
]

COLUMNS = ("person", "variants", "code", "office", "title", "start", "end", "gender", "source")
MODERN_ACTORS_FILE = "Tacitus.Modern.actors.txt"
# Terms that ended before this day are out of the table's scope.
SCOPE_START = date(2015, 1, 1)

# Offices in the order their codes take precedence when one person holds two at once
# (the generator writes code lines in this order; PETRARCH takes the first that covers a day).
OFFICES = (
    "head_of_state",
    "head_of_government",
    "deputy_head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "finance_minister",
    "justice_minister",
    "national_security_adviser",
    "foreign_ministry_spokesperson",
    "government_spokesperson",
    "cabinet",
    "central_bank_governor",
    "military_chief",
    "intelligence_chief",
    "judiciary_head",
    "legislature_speaker",
    "opposition_leader",
    "party_leader",
    "legislator",
    "ambassador_un",
    "royal",
    "org_head",
    "org_official",
    "armed_group_leader",
    "organisation",
    "armed_group",
)
# Rows that stand for a body, not a person: no former-official (ELI) code after them.
BODIES = frozenset({"organisation", "armed_group"})
GENDERS = frozenset({"m", "f", "x"})
_NON_STATE = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS", "---"})
_CODE = re.compile(r"(?:[A-Z]{3}|---)(?:[A-Z]{3})*")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ModernTerm:
    """One row of the table: a person (or body) in one office from `start` to `end`
    (both inclusive; `end` None while in office)."""

    person: str
    variants: tuple[str, ...]
    code: str
    office: str
    title: str
    start: date
    end: date | None
    gender: str
    source: str
    origin: Origin

    @property
    def country(self) -> str:
        """The first block of the code (``FRA``, ``IGO``)."""
        return self.code[:3]

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def modern_directory() -> Path:
    """The shipped modern table: ``sources/`` and the generated actor file."""
    return Path(str(resources.files("tacitus").joinpath("data/dictionaries/modern")))


def modern_actor_path() -> Path:
    return modern_directory() / MODERN_ACTORS_FILE


def metonyms_path() -> Path:
    """Tacitus's seats of government named for the government (``DOWNING_STREET_ [GBRGOV]``)."""
    return modern_directory() / "Tacitus.Metonyms.actors.txt"


def modern_agents_path() -> Path:
    """Tacitus's own agents (``OFFICIAL [~GOV]``): role words the Phoenix agents file lacks."""
    return modern_directory() / "Tacitus.agents.txt"


def read_modern_sources(directory: Path | None = None) -> list[ModernTerm]:
    """Every ``*.tsv`` of `directory` (default: the shipped ``sources/``), in name order.

    Raises:
        DictionaryError: a malformed row (FILE:LINE), or one person given two genders.
    """
    folder = directory if directory is not None else modern_directory() / "sources"
    terms: list[ModernTerm] = []
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else []:
        terms.extend(read_modern_table(path))
    _check_people(terms, folder)
    return terms


def read_modern_table(path: Path) -> list[ModernTerm]:
    """The rows of one source file; ``#`` lines are comments, the first other line the header.

    Raises:
        DictionaryError: with the file and line of the first malformed row.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(
            f"cannot read the modern table ({exc}) - save it as UTF-8 and check its permissions",
            path=str(path),
        ) from exc
    terms: list[ModernTerm] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                expected = "\t".join(COLUMNS)
                _fail(path, number, f"the header must be {expected!r}", "copy it from docs/dictionaries.md")
            header_seen = True
            continue
        terms.append(_row(path, number, cells))
    return terms


def _fail(path: Path, line: int, problem: str, fix: str) -> NoReturn:
    raise DictionaryError(f"modern table: {problem} - {fix}", path=str(path), line=line)


def _row(path: Path, number: int, cells: list[str]) -> ModernTerm:
    if len(cells) != len(COLUMNS):
        _fail(path, number, f"{len(cells)} tab-separated cells, want {len(COLUMNS)}", "one cell per column")
    row = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
    if not row["person"]:
        _fail(path, number, "empty person", "give the name as the news writes it")
    if not _CODE.fullmatch(row["code"]) or row["code"][:3] not in _first_blocks():
        _fail(
            path,
            number,
            f"code {row['code']!r} is not a CAMEO actor code",
            "start with a country of cameo_countries.tsv or IGO/NGO/..., then 3-letter blocks",
        )
    if row["office"] not in OFFICES:
        _fail(path, number, f"office {row['office']!r} is unknown", f"use one of {', '.join(OFFICES)}")
    if row["gender"] not in GENDERS:
        _fail(path, number, f"gender {row['gender']!r}", "write m, f or x")
    if not row["source"]:
        _fail(path, number, "empty source", "name the public record the row comes from")
    if not row["title"] and row["office"] not in BODIES:
        _fail(path, number, "empty title", "give the office's English title")
    start = _day(path, number, row["start"], "start")
    end = _day(path, number, row["end"], "end") if row["end"] else None
    if start is None:
        _fail(path, number, "empty start", "give the first day in office as YYYY-MM-DD")
    if end is not None and end < start:
        _fail(path, number, f"term ends ({end}) before it starts ({start})", "swap or correct the dates")
    if end is not None and end < SCOPE_START:
        _fail(path, number, f"term ended {end}, before 2015", "drop the row: the table starts in 2015")
    variants = tuple(v.strip() for v in row["variants"].split(";") if v.strip())
    for variant in (row["person"], *variants):
        if "_" in variant or "[" in variant or "]" in variant:
            _fail(path, number, f"name {variant!r} has '_' or brackets", "write names as news writes them")
    return ModernTerm(
        row["person"],
        variants,
        row["code"],
        row["office"],
        row["title"],
        start,
        end,
        row["gender"],
        row["source"],
        Origin(path.name, number),
    )


def _day(path: Path, number: int, text: str, column: str) -> date | None:
    if not text:
        return None
    try:
        if not _DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        _fail(path, number, f"{column} {text!r} is not a day", "write YYYY-MM-DD")


def _first_blocks() -> frozenset[str]:
    roles = {code[:3] for code in actor_types()}
    return frozenset(state_blocks() | roles | _NON_STATE)


def _check_people(terms: list[ModernTerm], folder: Path) -> None:
    genders: dict[str, ModernTerm] = {}
    seen: set[tuple[str, str, date, str]] = set()
    for term in terms:
        first = genders.setdefault(term.person, term)
        if first.gender != term.gender:
            raise DictionaryError(
                f"modern table: {term.person} is {first.gender!r} at {first.origin} and {term.gender!r} here"
                " - give one gender per person",
                path=str(folder / term.origin.file),
                line=term.origin.line,
            )
        key = (term.person, term.code, term.start, term.office)
        if key in seen:
            raise DictionaryError(
                f"modern table: {term.person} has this term twice - drop the duplicate row",
                path=str(folder / term.origin.file),
                line=term.origin.line,
            )
        seen.add(key)


# ---------------------------------------------------------------- generator

# Letters NFKD leaves alone, spelled the way English news folds them.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
                       "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'"})  # fmt: skip


def ascii_fold(text: str) -> str:
    """``Recep Tayyip Erdoğan`` → ``Recep Tayyip Erdogan``: diacritics dropped, a few
    letters spelled out; characters with no ASCII spelling are kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A word as the tokenizer cuts it: a comma apart, "'s" apart ("People's" → People 's).
_NAME_WORD = re.compile(r"[^\s,()\"]+|,")


def name_words(name: str) -> tuple[str, ...]:
    """The dictionary words of a name, upper-case, cut as the tokenizer cuts text."""
    words: list[str] = []
    for word in _NAME_WORD.findall(name.upper()):
        if len(word) > 2 and word.endswith(("'S", "’S")):
            words.extend((word[:-2], "'S"))
        else:
            words.append(word)
    return tuple(words)


def _names(terms: Sequence[ModernTerm]) -> list[tuple[str, ...]]:
    """The canonical name, then every variant and every ASCII fold, each once."""
    texts = [terms[0].person]
    for term in terms:
        texts.extend(term.variants)
    names: list[tuple[str, ...]] = []
    for text in texts:
        for form in (text, ascii_fold(text)):
            words = name_words(form)
            if words and words not in names:
                names.append(words)
    return names


def _dated(code: str, start: date | None, end: date | None) -> str:
    if start and end:
        return f"[{code} {start:%Y%m%d}-{end:%Y%m%d}]"
    if start:
        return f"[{code} >{start:%Y%m%d}]"
    if end:
        return f"[{code} <{end:%Y%m%d}]"
    return f"[{code}]"


def _code_line(term: ModernTerm) -> str:
    start: date | None = term.start
    if term.office in BODIES and term.start <= SCOPE_START:
        start = None  # a body that existed when the table starts: no lower bound
    label = term.title or term.office.replace("_", " ")
    return f"\t{_dated(term.code, start, term.end)} # {label} - source: {term.source}"


def _former_lines(terms: Sequence[ModernTerm]) -> list[str]:
    """``<country>ELI`` between terms and from the day after the last one ended
    (a state's code only: a former IGO head has no country to be a former official of)."""
    spans = sorted((t.start, t.end or date.max, t.country) for t in terms if t.office not in BODIES)
    lines: list[str] = []
    reach: date | None = None
    country = ""
    for start, end, block in spans:
        if reach is not None and reach < date.max and start > reach + timedelta(days=1):
            lines.append(_eli(country, reach + timedelta(days=1), start - timedelta(days=1)))
        if reach is None or end >= reach:
            reach, country = end, block
    if reach is not None and reach < date.max:
        lines.append(_eli(country, reach + timedelta(days=1), None))
    return [line for line in lines if line]


def _eli(country: str, start: date, end: date | None) -> str:
    if country in _NON_STATE or country not in state_blocks():
        return ""
    return f"\t{_dated(country + 'ELI', start, end)} # former office holder (CAMEO ELI) - generated"


def _entry(terms: Sequence[ModernTerm]) -> list[str]:
    names = _names(terms)
    rank = {office: i for i, office in enumerate(OFFICES)}
    ordered = sorted(terms, key=lambda t: (rank[t.office], t.start))
    lines = ["_".join(names[0]) + f"_  # {terms[0].person}"]
    lines += ["+" + "_".join(words) + "_" for words in names[1:]]
    lines += [_code_line(term) for term in ordered]
    lines += _former_lines(terms)
    return lines


def generate_actor_file(terms: Iterable[ModernTerm], *, sources: Sequence[str] = ()) -> str:
    """The PETRARCH actor file of `terms`: one entry per person (rows grouped by
    `person`, in order of first appearance), names whole words (trailing ``_``)."""
    people: dict[str, list[ModernTerm]] = {}
    for term in terms:
        people.setdefault(term.person, []).append(term)
    rows = sum(len(group) for group in people.values())
    lines = [
        f"# {MODERN_ACTORS_FILE}: GENERATED - do not edit by hand.",
        "# Made from the modern office-holder table, sources/*.tsv"
        f" ({', '.join(sources) or 'none yet'}: {rows} rows, {len(people)} people and bodies).",
        "# Edit the sources (format: docs/dictionaries.md) and regenerate with",
        "#     python -m tacitus.dictionaries.modern",
        "# Codes: one dated line per term; <country>ELI between terms and after the last one;",
        "# nothing before the first listed term (older dictionaries may still know the person).",
        "",
    ]
    for group in people.values():
        lines.extend(_entry(group))
        lines.append("")
    return "\n".join(lines)


def build(sources: Path | None = None) -> str:
    """The actor file the shipped (or given) sources make."""
    folder = sources if sources is not None else modern_directory() / "sources"
    names = [p.stem for p in sorted(folder.glob("*.tsv"))] if folder.is_dir() else []
    return generate_actor_file(read_modern_sources(folder), sources=names)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tacitus.dictionaries.modern [--check]``: rewrite (or check) the shipped file."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = modern_actor_path()
    text = build()
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            sys.stderr.write(f"{target} is stale - run python -m tacitus.dictionaries.modern\n")
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    sys.stderr.write(f"wrote {target}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
