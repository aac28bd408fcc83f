"""What to call an actor code, and which codes a typed name or code means (the dashboard's search).

A CAMEO code names a group, not a person: ``USAGOV`` is every member of the US government and
``---GOV`` any government the coder could not place. So a code is never called by one mention's
person ("---GOV Michael Ancram"); it is called by its country (``FRA`` France), by the
organisation it stands for (``IGOUNO`` the United Nations, from how the articles name it), or
described from the CAMEO tables (``RUSGOV`` "Russian Federation: Government").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb

from tacitus.cameo import NAME_SMALL_WORDS

__all__ = ["ActorMatch", "actor_names", "describe_code", "suggest_actors"]

# An organisation's name from its mentions: the commonest short text that names no person.
_ORG_MAX_WORDS = 6
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


@dataclass(slots=True, frozen=True)
class _Tables:
    countries: dict[str, str]  # country name by CAMEO country code
    roles: dict[str, str]  # role label by block (GOV Government, IGO Inter-Governmental Organization)
    regions: dict[str, str]  # EUR Europe, WST the West
    groups: dict[str, str]  # the known groups of the table: UNO United Nations, IRC Red Cross


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    from tacitus.cameo import actor_types, country_names

    tables = _Tables(dict(country_names()), {}, {}, {})
    for code, row in actor_types().items():
        tier = row["tier"]
        if tier.startswith("international_region"):
            tables.regions[code] = row["description_cameo_manual"].strip("'")
        elif tier.startswith("gdelt_type_only"):
            tables.groups[code] = row["label_gdelt_type_txt"]
        elif row["label_gdelt_type_txt"]:
            tables.roles[code] = row["label_gdelt_type_txt"]
    return tables


def _blocks(code: str) -> list[str]:
    """The 3-letter blocks of a CAMEO code; none for a code that is not made of them."""
    if not code or len(code) % 3 or not code.replace("-", "").isalnum():
        return []
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _is_organisation(blocks: list[str]) -> bool:
    """A code that ends in an organisation: a known group (``IGOUNO``), or a block after two
    others that is no country, region or role (``IGOWSTNAT`` NATO, ``PSEREBHMS`` Hamas)."""
    if not blocks:
        return False
    tables, last = _tables(), blocks[-1]
    if last in tables.groups:
        return True
    known = last in tables.roles or last in tables.countries or last in tables.regions
    return len(blocks) >= 3 and not known


def describe_code(code: str) -> str | None:
    """A description of `code` from the CAMEO tables: ``RUSGOV`` → "Russian Federation:
    Government", ``---REB`` → "Unknown country: Rebels", ``FRA`` → "France"; a block the tables
    do not know stays as it is (``IGOWSTNAT`` → "Inter-Governmental Organization, the West,
    NAT"). None for a code that is not made of 3-letter blocks."""
    blocks = _blocks(code)
    if not blocks:
        return None
    tables = _tables()
    first = blocks[0]
    head = (
        tables.countries.get(first)
        or tables.regions.get(first)
        or ("Unknown country" if first == "---" else "")
    )
    rest = blocks[1:] if head else blocks
    labels = {**tables.regions, **tables.groups, **tables.roles}
    parts = [labels.get(block, block) for block in rest]
    if not head:
        return ", ".join(parts)
    return f"{head}: {', '.join(parts)}" if parts else head


def _proper(text: str) -> bool:
    """Every word capitalised but the small ones: "European Union", "NATO", not "the alliance"."""
    words = text.split()
    small = NAME_SMALL_WORDS
    return bool(words) and words[0][:1].isupper() and all(w[:1].isupper() or w in small for w in words)


def _organisation_name(texts: Counter[str]) -> str | None:
    """The commonest proper name among the mentions, the longer one on a tie ("European Union"
    over "European")."""
    short: Counter[str] = Counter()
    for text, count in texts.items():
        cleaned = _ARTICLE.sub("", " ".join(text.split()))
        if _proper(cleaned) and len(cleaned.split()) <= _ORG_MAX_WORDS:
            short[cleaned] += count
    if not short:
        return None
    return min(short.items(), key=lambda pair: (-pair[1], -len(pair[0].split()), pair[0]))[0]


def _mention_texts(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, Counter[str]]:
    rows = con.execute(
        "SELECT code, text, count(*) FROM actors WHERE name IS NULL AND text IS NOT NULL "
        "AND code IN (SELECT unnest(?::VARCHAR[])) GROUP BY ALL",
        [codes],
    ).fetchall()
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for code, text, count in rows:
        found[code][text] = count
    return found


def actor_names(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, str | None]:
    """The display name of each code: a country's name for a country code; for a code with an
    organisation block (``IGOUNO``, ``IGOWSTNAT``, ``PSEREBHMS``), the organisation as its
    articles most often name it ("United Nations", "NATO"); otherwise `describe_code`. A
    person's name is never used: a code stands for everyone coded with it."""
    organisations = [code for code in codes if _is_organisation(_blocks(code))]
    texts = _mention_texts(con, organisations) if organisations else {}
    found: dict[str, str | None] = {}
    for code in codes:
        name = _organisation_name(texts[code]) if code in texts else None
        found[code] = name or describe_code(code)
    return found


@dataclass(slots=True, frozen=True)
class ActorMatch:
    """One suggestion for a typed text: the code, what it is called, its events, and what matched
    (``code``, ``country`` or ``mention``: a person or phrase of the articles coded with it)."""

    code: str
    name: str | None
    events: int
    matched: str
    via: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "events": self.events,
            "matched": self.matched,
            "via": self.via,
        }


def _event_counts(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> dict[str, int]:
    rows = con.execute(
        f"SELECT code, count(*) FROM (SELECT e.source AS code FROM events AS e WHERE {where} "
        f"UNION ALL SELECT e.target FROM events AS e WHERE {where}) GROUP BY code",
        [*params, *params],
    ).fetchall()
    return {code: int(count) for code, count in rows}


def _mention_matches(con: duckdb.DuckDBPyConnection, text: str, limit: int) -> list[tuple[str, str, int]]:
    """(code, person or phrase, mentions) of the actor mentions with a word starting with `text`
    in their person's name, or in their text when it is short (an organisation's name)."""
    return [
        (code, matched, int(count))
        for code, matched, count in con.execute(
            "SELECT code, coalesce(name, text) AS matched, count(*) AS n FROM actors "
            "WHERE (starts_with(lower(coalesce(name, text)), ?) OR contains(lower(coalesce(name, text)), ?)) "
            f"AND (name IS NOT NULL OR length(text) - length(replace(text, ' ', '')) < {_ORG_MAX_WORDS}) "
            "GROUP BY ALL ORDER BY n DESC, code, matched LIMIT ?",
            [text.casefold(), " " + text.casefold(), limit * 4],
        ).fetchall()
    ]


_VIA_ORDER = {"code": 0, "country": 1, "mention": 2}


def _word_start(lower: str, name: str) -> bool:
    folded = name.casefold()
    return folded.startswith(lower) or f" {lower}" in folded


def suggest_actors(
    con: duckdb.DuckDBPyConnection,
    text: str,
    *,
    limit: int = 10,
    where: str = "TRUE",
    params: list[Any] | None = None,
) -> list[ActorMatch]:
    """Actor codes a user may mean by `text`: codes starting with it (``RUS`` → RUS, RUSGOV …),
    codes of a country with a word of its name starting with it (``russia`` → RUS…), and codes
    of actor mentions with a word of their person or phrase starting with it (``lavrov`` →
    RUSGOV "Sergei Lavrov"). Only codes with events matching `where` (over ``events AS e``) are
    offered; the exact code first, then by events (codes, then countries, then mentions). At
    most one suggestion per code."""
    wanted = text.strip()
    if not wanted:
        return []
    counts = _event_counts(con, where, list(params or []))
    upper, lower = wanted.upper(), wanted.casefold()
    found: dict[str, tuple[str, str]] = {}
    for code in counts:
        if code.startswith(upper):
            found[code] = (code, "code")
    names = _tables().countries
    countries = [code for code, name in names.items() if _word_start(lower, name)]
    for code in counts:
        if code not in found and code[:3] in countries:
            found[code] = (names[code[:3]], "country")
    for code, matched, _ in _mention_matches(con, wanted, limit):
        if code in counts and code not in found:
            found[code] = (matched, "mention")
    ranked = sorted(found, key=lambda code: (code != upper, _VIA_ORDER[found[code][1]], -counts[code], code))
    ranked = ranked[:limit]
    display = actor_names(con, ranked)
    return [ActorMatch(code, display[code], counts[code], *found[code]) for code in ranked]
