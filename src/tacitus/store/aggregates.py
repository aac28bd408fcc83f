"""Counts over the store that the API serves: actors, dyads, time series, places, totals and
the spread of confidence, each for an `EventFilter`; rows as dicts with JSON-ready values."""

from __future__ import annotations

from typing import Any

import duckdb

from tacitus.store.filters import EventFilter, confidence_condition
from tacitus.store.query import dict_rows
from tacitus.store.summary import merged_events_sql

__all__ = [
    "CONFIDENCE_BINS",
    "INTERVALS",
    "actor_counts",
    "confidence_spread",
    "dyad_counts",
    "event_count",
    "event_places",
    "mention_places",
    "period_counts",
    "store_totals",
]

# Goldstein sums and means rounded to 6 decimals (the scale has one): the last digits of a sum of
# doubles depend on the order of the additions, which differs between thread counts and between
# this query and the API's start-up index's per-period sums; rounded, every path gives the same bytes.
GOLDSTEIN_ROUNDED = (
    "round(sum(e.goldstein), 6) AS goldstein_sum, round(avg(e.goldstein), 6) AS goldstein_mean"
)
_QUADS = ", ".join(f"count(*) FILTER (WHERE e.quad_class = {n}) AS quad{n}" for n in range(1, 5))
# date_trunc parts by interval name: constants, so no user text reaches the SQL.
INTERVALS = {"day": "day", "week": "week", "month": "month"}
CONFIDENCE_BINS = 10
_PLACE_ORDER = "ORDER BY mentions DESC, name, gazetteer_id NULLS LAST, country NULLS LAST LIMIT ?"


def event_count(con: duckdb.DuckDBPyConnection) -> int:
    """The number of stored events (every one, whatever its confidence)."""
    return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])


def actor_counts(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter, search: str | None, limit: int
) -> list[dict[str, Any]]:
    """Actor codes by the number of matching events they take part in (`code`, `events`,
    `as_source`, `as_target`); `search`: part of a code, or of an actor mention's name or text."""
    where, params = event_filter.where("e")
    match, match_params = "TRUE", []
    if search:
        match = (
            "(contains(code, upper(?)) OR code IN (SELECT code FROM actors WHERE "
            "contains(lower(name), lower(?)) OR contains(lower(text), lower(?))))"
        )
        match_params = [search, search, search]
    return dict_rows(
        con,
        f"WITH sides AS (SELECT e.source AS code, 1 AS src FROM events AS e WHERE {where} "
        f"UNION ALL SELECT e.target, 0 FROM events AS e WHERE {where}) "
        f"SELECT code, count(*) AS events, sum(src) AS as_source, count(*) - sum(src) AS as_target "
        f"FROM sides WHERE {match} GROUP BY code ORDER BY events DESC, code LIMIT ?",
        [*params, *params, *match_params, limit],
    )


def dyad_counts(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter, limit: int
) -> list[dict[str, Any]]:
    """Directed (source, target) pairs by number of matching events, with Goldstein sum and
    mean and `quad1`…`quad4`."""
    where, params = event_filter.where("e")
    return dict_rows(
        con,
        f"SELECT e.source, e.target, count(*) AS events, sum(e.goldstein) AS goldstein_sum, "
        f"avg(e.goldstein) AS goldstein_mean, {_QUADS} FROM events AS e WHERE {where} "
        "GROUP BY e.source, e.target ORDER BY events DESC, e.source, e.target LIMIT ?",
        [*params, limit],
    )


def period_counts(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter, interval: str
) -> list[dict[str, Any]]:
    """Per period (`INTERVALS`), in order with the undated events' NULL period last: events,
    `quad1`…`quad4`, Goldstein sum and mean (rounded)."""
    where, params = event_filter.where("e")
    return dict_rows(
        con,
        f"SELECT date_trunc('{INTERVALS[interval]}', e.date)::DATE AS period, count(*) AS events, "
        f"{_QUADS}, {GOLDSTEIN_ROUNDED} FROM events AS e WHERE {where} "
        "GROUP BY period ORDER BY period NULLS LAST",
        params,
    )


def _place_conditions(
    date_column: str, country: str | None, search: str | None, since: Any, until: Any
) -> tuple[str, list[Any]]:
    conditions, params = ["TRUE"], []
    for sql, value in (
        ("p.country = ?", country.upper() if country else None),
        ("contains(lower(p.name), lower(?))", search),
        (f"{date_column} >= ?", since),
        (f"{date_column} <= ?", until),
    ):
        if value is not None:
            conditions.append(sql)
            params.append(value)
    return " AND ".join(conditions), params


def mention_places(
    con: duckdb.DuckDBPyConnection,
    *,
    country: str | None,
    search: str | None,
    since: Any,
    until: Any,
    limit: int,
) -> list[dict[str, Any]]:
    """Places named in articles (dates: the article's): mentions, articles, and the events of
    those articles."""
    where, params = _place_conditions("a.date", country, search, since, until)
    return dict_rows(
        con,
        "WITH per_article AS (SELECT coalesce(p.resolved_name, p.name) AS name, p.gazetteer_id, "
        "p.country, any_value(p.lat) AS lat, any_value(p.lon) AS lon, p.doc_id, count(*) AS n, "
        "any_value(a.n_events) AS n_events FROM places AS p JOIN articles AS a ON a.id = p.doc_id "
        f"WHERE {where} GROUP BY ALL) "
        "SELECT name, gazetteer_id, country, any_value(lat) AS lat, any_value(lon) AS lon, "
        "sum(n)::BIGINT AS mentions, count(*) AS articles, sum(n_events)::BIGINT AS events "
        f"FROM per_article GROUP BY name, gazetteer_id, country {_PLACE_ORDER}",
        [*params, limit],
    )


def event_places(
    con: duckdb.DuckDBPyConnection,
    *,
    country: str | None,
    search: str | None,
    since: Any,
    until: Any,
    limit: int,
    min_confidence: float | None,
) -> list[dict[str, Any]]:
    """Where events happened (the events' own locations; dates: the event's): events and
    articles per place, of the events at `min_confidence`."""
    where, params = _place_conditions("p.date", country, search, since, until)
    confident, threshold = (confidence_condition("e"), [min_confidence]) if min_confidence else ("TRUE", [])
    return dict_rows(
        con,
        "WITH located AS (SELECT "
        "coalesce(e.location ->> '$.resolved_name', e.location ->> '$.name') AS name, "
        "e.location ->> '$.gazetteer_id' AS gazetteer_id, e.location ->> '$.country' AS country, "
        "TRY_CAST(e.location ->> '$.lat' AS DOUBLE) AS lat, "
        "TRY_CAST(e.location ->> '$.lon' AS DOUBLE) AS lon, "
        f"e.doc_id, e.date FROM events AS e WHERE e.location IS NOT NULL AND {confident}) "
        "SELECT coalesce(name, '?') AS name, gazetteer_id, country, any_value(lat) AS lat, "
        "any_value(lon) AS lon, count(*) AS mentions, count(DISTINCT doc_id) AS articles, "
        f"count(*) AS events FROM located AS p WHERE {where} "
        f"GROUP BY name, gazetteer_id, country {_PLACE_ORDER}",
        [*threshold, *params, limit],
    )


def store_totals(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter
) -> tuple[dict[str, int], dict[str, Any], dict[str, int]]:
    """Articles by status; totals (events matching the filter and `below_threshold`, merged
    events, actors, quotes, places, first and last date, undated articles and events); and the
    matching events per QuadClass."""
    where, params = event_filter.where("e")
    articles = dict_rows(con, "SELECT status, count(*) AS n FROM articles GROUP BY status ORDER BY status")
    totals = dict_rows(
        con,
        f"WITH kept AS (SELECT * FROM events AS e WHERE {where}) "
        "SELECT (SELECT count(*) FROM kept) AS events, "
        "(SELECT count(*) FROM events) - (SELECT count(*) FROM kept) AS below_threshold, "
        f"(SELECT count(*) FROM ({merged_events_sql(where)})) AS merged_events, "
        "(SELECT count(DISTINCT code) FROM (SELECT source AS code FROM kept UNION ALL "
        "SELECT target FROM kept)) AS actors, (SELECT count(*) FROM quotes) AS quotes, "
        "(SELECT count(*) FROM places) AS places, (SELECT min(date) FROM kept) AS first_date, "
        "(SELECT max(date) FROM kept) AS last_date, "
        "(SELECT count(*) FROM articles WHERE date IS NULL) AS undated_articles, "
        "(SELECT count(*) FROM kept WHERE date IS NULL) AS undated_events",
        [*params, *params],
    )
    quads = dict_rows(
        con,
        f"SELECT quad_class, count(*) AS n FROM events AS e WHERE quad_class IS NOT NULL AND {where} "
        "GROUP BY quad_class ORDER BY quad_class",
        params,
    )
    return (
        {r["status"]: r["n"] for r in articles},
        totals[0] if totals else {},
        {str(r["quad_class"]): r["n"] for r in quads},
    )


def confidence_spread(con: duckdb.DuckDBPyConnection, event_filter: EventFilter) -> dict[str, Any]:
    """The events matching the filter at any confidence: `unscored`, `below` the filter's
    threshold, `total`, and `counts` per confidence bin (`CONFIDENCE_BINS` of equal width)."""
    where, params = event_filter.without_confidence().where("e")
    threshold = event_filter.min_confidence
    found = dict_rows(
        con,
        "SELECT count(*) FILTER (WHERE e.confidence IS NULL) AS unscored, "
        "count(*) FILTER (WHERE e.confidence < ?) AS below, count(*) AS total, "
        f"list(least(floor(e.confidence * {CONFIDENCE_BINS}), {CONFIDENCE_BINS - 1})::INTEGER) FILTER "
        f"(WHERE e.confidence IS NOT NULL) AS bins FROM events AS e WHERE {where}",
        [threshold if threshold is not None else -1.0, *params],
    )
    row: dict[str, Any] = found[0] if found else {"unscored": 0, "below": 0, "total": 0, "bins": []}
    counts = [0] * CONFIDENCE_BINS
    for k in row["bins"] or []:
        counts[k] += 1
    return {"unscored": row["unscored"], "below": row["below"], "total": row["total"], "counts": counts}
