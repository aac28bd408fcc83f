"""CAMEO code tables: names, Goldstein values, QuadClass and the CAMEO→PLOVER mapping."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "CodeInfo",
    "actor_types",
    "code_info",
    "NAME_SMALL_WORDS",
    "countries",
    "country_blocks",
    "country_names",
    "country_rows",
    "event_codes",
    "find_codes",
    "generic_blocks",
    "role_blocks",
    "state_blocks",
]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the CAMEO tables say about one event code."""

    code: str
    name: str
    goldstein: float | None
    quad_class: int | None
    root_code: str
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("tacitus.cameo").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def event_codes() -> dict[str, CodeInfo]:
    """All CAMEO event codes of `cameo_eventcodes.tsv`, keyed by code string."""
    table: dict[str, CodeInfo] = {}
    for row in _read_tsv("cameo_eventcodes.tsv"):
        table[row["code"]] = CodeInfo(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]) if row["goldstein"] else None,
            quad_class=int(row["quadclass"]) if row["quadclass"] else None,
            root_code=row["root_code"],
            plover_event=row["plover_event"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=row["plover_context"] or None,
        )
    return table


def code_info(code: str) -> CodeInfo:
    """Table entry for `code`; codes outside CAMEO (test dictionaries use WEIS codes
    such as ``174K``) get their root from the first two characters and no values."""
    table = event_codes()
    if code in table:
        return table[code]
    root = code[:2]
    parent = table.get(root)
    return CodeInfo(
        code=code,
        name=parent.name if parent else "",
        goldstein=None,
        quad_class=parent.quad_class if parent else None,
        root_code=root,
        plover_event=None,
        plover_mode=None,
        plover_context=None,
    )


def find_codes(pattern: str | None = None) -> list[CodeInfo]:
    """Event codes of the table matching `pattern`, in table order: every code when it is empty;
    a code prefix when it is digits (``04`` gives 04, 040 … 046); else words found, case
    apart, in the name or the PLOVER event type and mode (``visit``, ``sanction``)."""
    table = event_codes().values()
    wanted = (pattern or "").strip()
    if not wanted:
        return list(table)
    if wanted.isdigit():
        return [info for info in table if info.code.startswith(wanted)]
    words = wanted.casefold().split()

    def text(info: CodeInfo) -> str:
        return " ".join(part or "" for part in (info.name, info.plover_event, info.plover_mode)).casefold()

    return [info for info in table if all(word in text(info) for word in words)]


@lru_cache(maxsize=1)
def actor_types() -> dict[str, dict[str, str]]:
    """CAMEO actor role/type codes (GOV, MIL, …) keyed by code."""
    return {row["code"]: row for row in _read_tsv("cameo_actortypes.tsv")}


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict[str, str], ...]:
    """Every row of the country table in file order (a code may have several rows)."""
    return tuple(_read_tsv("cameo_countries.tsv"))


@lru_cache(maxsize=1)
def state_blocks() -> frozenset[str]:
    """Country blocks of the country table, dated rows included
    (``[YUGSVN <20910625][SVN >20030101]`` gives YUG and SVN)."""
    blocks: set[str] = set()
    for row in country_rows():
        for code in re.findall(r"(?:^|\[)([A-Z]{3,})", row["cameo_code"]):
            blocks.update(code[i : i + 3] for i in range(0, len(code) - 2, 3))
    return frozenset(blocks)


@lru_cache(maxsize=1)
def generic_blocks() -> frozenset[str]:
    """The non-state generics that open a code: IGO, IMG, INT, MNC, NGM, NGO, UIS."""
    rows = _read_tsv("cameo_actortypes.tsv")
    return frozenset(row["code"] for row in rows if row["tier"] == "international_generic")


@lru_cache(maxsize=1)
def country_blocks() -> frozenset[str]:
    """Blocks that may open a code as its "country": states, the non-state generics
    (IGO, NGO, MNC, IMG …) and CAMEO's regions (AFR, MEA, WAF …)."""
    international = {
        row["code"] for row in _read_tsv("cameo_actortypes.tsv") if row["tier"].startswith("international")
    }
    return state_blocks() | frozenset(international)


@lru_cache(maxsize=1)
def role_blocks() -> frozenset[str]:
    """Role (sector) blocks: primary, secondary and tertiary roles and PTY (GOV, MIL, MED, RAD …)."""
    rows = _read_tsv("cameo_actortypes.tsv")
    return frozenset(row["code"] for row in rows if "role" in row["tier"] or row["tier"].startswith("party"))


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """CAMEO country codes with ISO3/ISO2/FIPS, keyed by CAMEO code: the country's own row, the
    first of its code (FRA is FRANCE, not Mayotte or Saint Barthelemy listed under it later)."""
    found: dict[str, dict[str, str]] = {}
    for row in _read_tsv("cameo_countries.tsv"):
        if row["cameo_code"]:
            found.setdefault(row["cameo_code"], row)
    return found


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country name per CAMEO code, for people (``FRA``: ``France``), from `countries`."""
    return {code: _display_name(row["name"]) for code, row in countries().items()}


NAME_SMALL_WORDS = frozenset({"of", "and", "the", "for", "de", "in", "on"})


def _display_name(raw: str) -> str:
    """``UNITED_STATES_OF_AMERICA`` → "United States of America"."""
    words = raw.replace("_", " ").title().split()
    return " ".join(w.lower() if i and w.lower() in NAME_SMALL_WORDS else w for i, w in enumerate(words))
