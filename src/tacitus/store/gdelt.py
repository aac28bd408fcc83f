"""The GDELT 2.0 event table layout: 61 tab-separated columns, one row per merged event."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import duckdb

from tacitus.store.query import EventFilter
from tacitus.store.summary import MERGED_MENTIONS, merged_events_sql

__all__ = ["GDELT_COLUMNS", "EMPTY_COLUMNS", "GEO_BLOCKS", "gdelt_rows", "actor_blocks"]

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# GDELT 2.0 Event Codebook column names, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{name}" for name in _ACTOR)
    + tuple(f"Actor2{name}" for name in _ACTOR)
    + (
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    )
    + tuple(f"Actor1Geo_{name}" for name in _GEO)
    + tuple(f"Actor2Geo_{name}" for name in _GEO)
    + tuple(f"ActionGeo_{name}" for name in _GEO)
    + ("DATEADDED", "SOURCEURL")
)

# Columns Tacitus always leaves empty, and why (docs/store.md repeats this).
EMPTY_COLUMNS: dict[str, str] = {
    **{f"Actor{n}EthnicCode": "actor dictionaries carry no ethnicity" for n in (1, 2)},
    **{f"Actor{n}Religion{k}Code": "actor dictionaries carry no religion" for n in (1, 2) for k in (1, 2)},
    "AvgTone": "Tacitus does no sentiment/tone analysis",
    **{
        f"{prefix}Geo_ADM2Code": "the gazetteer resolves to ADM1, not ADM2"
        for prefix in ("Actor1", "Actor2", "Action")
    },
}

# Geo blocks filled from the first mention's locations where the places stage found one
# (Event.location → ActionGeo, source_location → Actor1Geo, target_location → Actor2Geo).
GEO_BLOCKS = (("Actor1Geo", "source_location"), ("Actor2Geo", "target_location"), ("ActionGeo", "location"))

# A mention in one of the first sentences stands for GDELT's "lead paragraph".
LEAD_SENTENCES = 3

# Merged events of the mentions the filter keeps (`summary.merged_events_sql`), each with its first
# article's first kept mention (names and locations). `{where}` filters mentions (`events AS e`):
# a mention below the confidence threshold or outside the place asked for counts nowhere.
_SUMMARY_SQL = """
WITH first_mentions AS (
    SELECT * FROM (
        SELECT e.*, row_number() OVER (
            PARTITION BY e.doc_id, e.date, e.source, e.target, e.code ORDER BY e.ordinal) AS rn
        FROM events AS e WHERE {mentions} AND ({where})
    ) WHERE rn = 1
)
SELECT s.*, a.url, a.date AS article_date,
       coalesce(m.source_actor_name, m.source_actor_text) AS source_name,
       coalesce(m.target_actor_name, m.target_actor_text) AS target_name,
       m.location, m.source_location, m.target_location
FROM ({summary}) AS s
JOIN articles AS a ON a.id = s.first_article
JOIN first_mentions AS m ON m.doc_id = s.first_article AND m.source = s.source
     AND m.target = s.target AND m.code = s.code AND m.date IS NOT DISTINCT FROM s.date
ORDER BY s.date NULLS LAST, s.source, s.target, s.code
"""


@lru_cache(maxsize=1)
def _code_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(country-like first blocks, role/type blocks, known-group blocks) from the CAMEO tables."""
    from tacitus.cameo import actor_types, countries

    tiers = {code: row["tier"].split()[0] for code, row in actor_types().items()}
    regions = {code for code, tier in tiers.items() if tier == "international_region"}
    known = {code for code, tier in tiers.items() if tier == "gdelt_type_only"}
    roles = {
        code
        for code, tier in tiers.items()
        if tier not in ("international_region", "gdelt_type_only", "special")
    }
    return frozenset(set(countries()) | regions), frozenset(roles), frozenset(known)


def actor_blocks(code: str) -> tuple[str, str, list[str]]:
    """Split a CAMEO actor code into (country, known group, up to 3 type codes).

    ``CHNGOV`` → (``CHN``, ``""``, [``GOV``]); ``IGOUNO`` → (``""``, ``UNO``, [``IGO``]).
    Codes that are not 3-letter blocks (new actors coded by their text) give nothing.
    """
    if not code or len(code) % 3 or not code.replace("-", "").isalnum():
        return "", "", []
    blocks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country_like, roles, known = _code_tables()
    country = blocks[0] if blocks[0] in country_like else ""
    group = ""
    types: list[str] = []
    for block in blocks[1:] if (country or blocks[0] == "---") else blocks:
        if block in roles:
            types.append(block)
        elif not group and (block in known or block not in country_like):
            group = block
    return country, group, types[:3]


def global_event_id(
    date: dt.date | None, source: str, target: str, code: str, article: str | None = None
) -> int:
    """A stable id for a merged event: the same event gets the same id in every export. An
    undated merged event is one article's (`event_summary` never merges undated ones across
    articles), so its id includes the `article` id."""
    key = f"{date.isoformat() if date else ''}|{source}|{target}|{code}"
    if date is None and article is not None:
        key += f"|{article}"
    return int(hashlib.sha1(key.encode()).hexdigest()[:15], 16)


def _fraction_date(date: dt.date) -> str:
    day = date.timetuple().tm_yday - 1
    return f"{date.year + min(day / 365, 0.9999):.4f}"


def _clean(value: Any) -> str:
    """A field as GDELT writes it: no tabs or line breaks, None as empty."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor_fields(code: str, name: str | None) -> list[str]:
    country, group, types = actor_blocks(code)
    types += [""] * (3 - len(types))
    return [code, (name or "").upper(), country, group, "", "", "", *types]


def _geo_fields(location_json: str | None) -> list[Any]:
    """The 8 GDELT geo columns of one stored Location (JSON), or 8 empty ones."""
    if not location_json:
        return [""] * len(_GEO)
    place = json.loads(location_json)
    return [
        place.get("geo_type"),
        place.get("resolved_name") or place.get("name"),
        place.get("fips"),
        place.get("admin1"),
        "",  # ADM2
        place.get("lat"),
        place.get("lon"),
        place.get("gazetteer_id"),
    ]


def _row(record: dict[str, Any]) -> list[str]:
    date: dt.date | None = record["date"]
    added: dt.date | None = record["article_date"]
    code = record["code"]
    fields: list[Any] = [
        global_event_id(date, record["source"], record["target"], code, record["first_article"]),
        date.strftime("%Y%m%d") if date else "",
        date.strftime("%Y%m") if date else "",
        date.year if date else "",
        _fraction_date(date) if date else "",
        *_actor_fields(record["source"], record["source_name"]),
        *_actor_fields(record["target"], record["target_name"]),
        1 if record["first_sentence"] < LEAD_SENTENCES else 0,
        code,
        code[:3],
        record["root_code"],
        record["quad_class"],
        record["goldstein"],
        record["num_mentions"],
        record["num_sources"],
        record["num_articles"],
        "",  # AvgTone
        *(field for _, slot in GEO_BLOCKS for field in _geo_fields(record[slot])),
        added.strftime("%Y%m%d000000") if added else "",
        record["url"],
    ]
    return [_clean(value) for value in fields]


def gdelt_rows(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None
) -> Iterator[list[str]]:
    """Merged events (`event_summary`, of the mentions the filter keeps) as GDELT 2.0
    event-table rows of 61 strings. Only asserted, non-negated mentions merge: the filter's
    `include_negated`/`include_hypothetical` do not apply."""
    where, params = (event_filter or EventFilter()).where("e")
    sql = _SUMMARY_SQL.format(mentions=MERGED_MENTIONS, where=where, summary=merged_events_sql(where))
    result = con.execute(sql, [*params, *params])
    names = [d[0] for d in result.description]
    while chunk := result.fetchmany(2048):
        for values in chunk:
            yield _row(dict(zip(names, values, strict=True)))
