"""The tables the API's start-up index (`tacitus.api.hot`) is built from: temporary tables in a
connection to the store (actor and event codes as sorted ids, the events at a confidence threshold
in the API's date order, one row per event side, per-period counts per side) and each event
rendered once as the API's JSON. The index copies them into its own in-memory database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import orjson
import pyarrow as pa

from tacitus.cameo import code_info
from tacitus.store.filters import EventFilter

__all__ = [
    "INDEX_TABLES",
    "INTERVALS",
    "IndexCodes",
    "build_index_tables",
    "index_table",
    "indexed_event_count",
    "rendered_events",
]

INTERVALS = ("day", "week", "month")
# The tables the index copies (the others are only steps of the build).
INDEX_TABLES = ("sides", "by_code", *(f"ts_{interval}" for interval in INTERVALS))

# Actor codes are dictionary-encoded in sorted order, so an actor-code prefix (what every actor
# filter means) is a contiguous id range: integer range tests that DuckDB prunes by zone maps.
_BUILD_CODES = (
    "CREATE TEMP TABLE actor_codes AS SELECT code, (row_number() OVER (ORDER BY code) - 1)::INTEGER AS id "
    "FROM (SELECT source AS code FROM events UNION SELECT target FROM events)"
)
# Event codes too (a `code` filter is a prefix): integer tests cost DuckDB ~40 % less than string
# tests on the same rows (measured on the code + text query).
_BUILD_EVENT_CODES = (
    "CREATE TEMP TABLE event_codes AS SELECT code, (row_number() OVER (ORDER BY code) - 1)::INTEGER AS id "
    "FROM (SELECT DISTINCT code FROM events)"
)
# `pos` numbers the events in the API's date order (date NULLS FIRST, article id, ordinal), so
# that order is one integer; -date is its exact reverse (see store.pages.Keyset). Only the events at
# or above the app's confidence threshold are indexed: `{where}` is the filter model's condition.
_BUILD_EVENTS = (
    "CREATE TEMP TABLE ev AS SELECT (row_number() OVER (ORDER BY e.date ASC NULLS FIRST, e.doc_id, "
    "e.ordinal) - 1)::INTEGER AS pos, e.doc_id, e.ordinal, e.date, s.id AS src, t.id AS tgt, "
    "k.id AS code_id, e.root_code, e.quad_class, e.goldstein, lower(e.evidence_text) AS evidence_lower "
    "FROM events AS e JOIN actor_codes AS s ON s.code = e.source "
    "JOIN actor_codes AS t ON t.code = e.target JOIN event_codes AS k ON k.code = e.code WHERE {where}"
)
# One row per event and side, clustered by (actor, other actor, pos): an actor or dyad filter
# reads one contiguous stretch, already in date order.
_BUILD_SIDES = (
    "CREATE TEMP TABLE sides AS SELECT * FROM ("
    "SELECT src AS actor, tgt AS other, true AS is_source, pos, date, code_id, "
    "root_code, quad_class, goldstein FROM ev UNION ALL "
    "SELECT tgt, src, false, pos, date, code_id, root_code, quad_class, goldstein FROM ev"
    ") ORDER BY actor, other, pos"
)
# Events without actor filters: clustered by code, so a code prefix is a contiguous stretch too.
_BUILD_BY_CODE = (
    "CREATE TEMP TABLE by_code AS SELECT pos, date, code_id, root_code, quad_class, "
    "evidence_lower FROM ev ORDER BY code_id, pos"
)


def _series_sql(interval: str) -> str:
    """Counts per (actor side, period): the time series of an actor or dyad sums a few of these.
    `k` numbers the periods in order (0, 1, ... over the periods the store has), so that numpy
    sums per period with one `bincount` and no sort; the counts are plain integers. Undated
    events have a NULL period, numbered last (k = the number of dated periods): the series
    counts them apart instead of leaving them out silently."""
    quads = ", ".join(f"(count(*) FILTER (WHERE quad_class = {n}))::INTEGER AS quad{n}" for n in range(1, 5))
    return (
        f"CREATE TEMP TABLE ts_{interval} AS WITH counts AS (SELECT actor, other, is_source, "
        f"date_trunc('{interval}', date)::DATE AS period, count(*)::INTEGER AS events, {quads}, "
        "sum(goldstein) AS gsum, count(goldstein)::INTEGER AS gn FROM sides "
        "GROUP BY ALL) SELECT *, (dense_rank() OVER (ORDER BY period NULLS LAST) - 1)::INTEGER AS k "
        "FROM counts ORDER BY actor, other, period"
    )


# The event as the API renders it (`models.event_from_row`), built once per event by DuckDB.
_ACTOR_JSON = (
    "CASE WHEN e.{p}_text IS NULL AND e.{p}_code IS NULL THEN NULL ELSE struct_pack("
    "text := e.{p}_text, code := e.{p}_code, country := e.{p}_country, sector := e.{p}_sector, "
    'name := e.{p}_name, start := e.{p}_start, "end" := e.{p}_end) END'
)
_RENDER = (
    "SELECT ev.pos, e.date, e.doc_id, e.ordinal, to_json(struct_pack("
    "id := e.doc_id || ':' || e.ordinal, event_id := e.event_id, mirror_of := e.mirror_of, "
    "confidence := e.confidence, doc_id := e.doc_id, ordinal := e.ordinal, "
    "sentence := e.sentence, date := e.date, source := e.source, "
    "target := e.target, code := e.code, name := n.name, root_code := e.root_code, "
    "quad_class := e.quad_class, goldstein := e.goldstein, "
    "plover := coalesce(e.plover, MAP {}::MAP(VARCHAR, VARCHAR)), "
    f"source_actor := {_ACTOR_JSON.format(p='source_actor')}, "
    f"target_actor := {_ACTOR_JSON.format(p='target_actor')}, "
    f"reported_by := {_ACTOR_JSON.format(p='reported_by')}, "
    "evidence := struct_pack(text := e.evidence_text, start := e.evidence_start, "
    '"end" := e.evidence_end), verb := e.verb, negated := e.negated, modality := e.modality, '
    "rule := CASE WHEN e.rule_file IS NULL THEN NULL ELSE struct_pack(file := e.rule_file, "
    "line := e.rule_line, pattern := e.rule_pattern) END, issues := coalesce(e.issues, []::VARCHAR[]), "
    "location := e.location::JSON, location_source := e.location_source, article := r.ref::JSON"
    "))::VARCHAR FROM events AS e JOIN ev ON ev.doc_id = e.doc_id AND ev.ordinal = e.ordinal "
    "LEFT JOIN code_names AS n ON n.code = e.code LEFT JOIN article_refs AS r ON r.id = e.doc_id"
)


@dataclass(slots=True, frozen=True)
class IndexCodes:
    """What the built tables number: actor codes and event codes by id (sorted, so a prefix is
    an id range), and per interval the ISO date of each period number `k`."""

    codes: list[str]
    event_codes: list[str]
    periods: dict[str, list[str]]


def build_index_tables(con: duckdb.DuckDBPyConnection, min_confidence: float | None) -> IndexCodes:
    """Create the temporary tables in `con` (a connection to the store) over the events at
    `min_confidence` (the filter model's rule: unscored events pass)."""
    con.execute(_BUILD_CODES)
    codes = [row[0] for row in con.execute("SELECT code FROM actor_codes ORDER BY id").fetchall()]
    con.execute(_BUILD_EVENT_CODES)
    event_codes = [row[0] for row in con.execute("SELECT code FROM event_codes ORDER BY id").fetchall()]
    where, params = EventFilter(min_confidence=min_confidence).where("e")
    con.execute(_BUILD_EVENTS.format(where=where), params)
    con.execute(_BUILD_SIDES)
    con.execute(_BUILD_BY_CODE)
    periods: dict[str, list[str]] = {}
    for interval in INTERVALS:
        con.execute(_series_sql(interval))
        found = con.execute(
            f"SELECT DISTINCT k, period FROM ts_{interval} WHERE period IS NOT NULL ORDER BY k"
        ).fetchall()
        periods[interval] = [period.isoformat() for _, period in found]
    return IndexCodes(codes, event_codes, periods)


def index_table(con: duckdb.DuckDBPyConnection, name: str) -> pa.Table:
    """One of the built tables (`INDEX_TABLES`) as Arrow, in its stored (clustered) order."""
    if name not in INDEX_TABLES:
        raise ValueError(f"{name!r} is not an index table")
    table: pa.Table = con.sql(f"SELECT * FROM temp.{name}").to_arrow_table()
    return table


def indexed_event_count(con: duckdb.DuckDBPyConnection) -> int:
    """The number of events the built tables hold."""
    return int(con.execute("SELECT count(*) FROM ev").fetchall()[0][0])


def rendered_events(
    con: duckdb.DuckDBPyConnection,
    codes: IndexCodes,
    article_ref: Callable[[dict[str, Any]], Any],
    chunk: int = 50_000,
) -> Iterator[list[tuple[int, Any, str, int, str]]]:
    """The indexed events as (pos, date, doc_id, ordinal, JSON text), in chunks, unordered:
    the JSON of all events is never held twice. `article_ref(row)` renders an article reference
    from an articles row (id, title, date, url, source)."""
    names = [code_info(code).name or None for code in codes.event_codes]
    con.execute(
        "CREATE TEMP TABLE code_names AS SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS name",
        [codes.event_codes, names],
    )
    articles = con.execute(
        "SELECT id, title, date, url, source FROM articles WHERE id IN (SELECT doc_id FROM ev)"
    ).fetchall()
    refs = [
        orjson.dumps(article_ref(dict(zip(("id", "title", "date", "url", "source"), row, strict=True))))
        for row in articles
    ]
    con.execute(
        "CREATE TEMP TABLE article_refs AS SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS ref",
        [[row[0] for row in articles], [ref.decode("utf-8") for ref in refs]],
    )
    result = con.execute(_RENDER)
    while found := result.fetchmany(chunk):
        yield found
