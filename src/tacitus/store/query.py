"""Reading the store: filtered events back as records, places near a point, `tacitus stats`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.errors import UserInputError
from tacitus.records import Event
from tacitus.store.filters import EventFilter
from tacitus.store.rows import event_from_row
from tacitus.store.summary import merged_events_sql

__all__ = [
    "EventFilter",
    "NearPlace",
    "arrow",
    "dict_rows",
    "jsonable",
    "event_table",
    "iter_events",
    "stats",
    "Stats",
]


def jsonable(value: Any) -> Any:
    """A DuckDB value as JSON: dates as ISO strings, everything else as is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def dict_rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of a parameterised query as dicts with JSON-ready values (`jsonable`)."""
    result = con.execute(sql, params or [])
    names = [column[0] for column in result.description or []]
    return [
        {name: jsonable(value) for name, value in zip(names, row, strict=True)} for row in result.fetchall()
    ]


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    """The result of a parameterised query as an Arrow table."""
    relation = con.sql(sql, params=params)
    # DuckDB ≥ 1.4 names it to_arrow_table(); older releases arrow().
    method = getattr(relation, "to_arrow_table", None) or relation.arrow
    table: pa.Table = method()
    return table


@dataclass(slots=True, frozen=True)
class NearPlace:
    """A place resolved through the gazetteer and a radius: events located within it match.

    An event matches when its location is the same gazetteer entry, or when both have
    coordinates and lie within `km` (great-circle distance)."""

    name: str
    gazetteer_id: str
    lat: float | None
    lon: float | None
    km: float

    @classmethod
    def resolve(cls, name: str, within: float | None) -> NearPlace:
        from tacitus.places.gazetteer import load_gazetteer, population_prior

        candidates = load_gazetteer().lookup(name)
        if not candidates:
            raise UserInputError(
                f"--near {name!r} is not a place the gazetteer knows - give a city, region or "
                "country name as spelt in English, e.g. --near Tbilisi"
            )
        place = max(candidates, key=lambda pair: (population_prior(pair[0]) * pair[1], -pair[0].geonameid))[0]
        km = 25.0 if within is None else within
        if km < 0:
            raise UserInputError(f"--within {within} is negative - give a radius in km, e.g. --within 50")
        return cls(name=place.name, gazetteer_id=str(place.geonameid), lat=place.lat, lon=place.lon, km=km)

    def condition(self, column: str) -> tuple[str, list[Any]]:
        same = f"{column} ->> '$.gazetteer_id' = ?"
        if self.lat is None or self.lon is None:
            return same, [self.gazetteer_id]
        lat = f"TRY_CAST({column} ->> '$.lat' AS DOUBLE)"
        lon = f"TRY_CAST({column} ->> '$.lon' AS DOUBLE)"
        # Haversine distance in km on a 6,371 km sphere.
        distance = (
            f"2 * 6371 * asin(sqrt(pow(sin(radians({lat} - ?) / 2), 2) + "
            f"cos(radians(?)) * cos(radians({lat})) * pow(sin(radians({lon} - ?) / 2), 2)))"
        )
        return f"({same} OR {distance} <= ?)", [self.gazetteer_id, self.lat, self.lat, self.lon, self.km]


EVENT_ORDER = "date NULLS LAST, doc_id, ordinal"


def event_table(con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None) -> pa.Table:
    """The `events` rows matching the filter, in a fixed order (date, article, position)."""
    event_filter = event_filter or EventFilter()
    where, params = event_filter.where()
    sql = f"SELECT * FROM events WHERE {where} ORDER BY {EVENT_ORDER}"
    if event_filter.limit is not None:
        sql += " LIMIT ?"
        params.append(event_filter.limit)
    return arrow(con, sql, params)


def iter_events(con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None) -> Iterator[Event]:
    """Stored events matching the filter, rebuilt as `Event` records."""
    for batch in event_table(con, event_filter).to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            yield event_from_row(row)


@dataclass(slots=True)
class Stats:
    """The figures `tacitus stats` prints. `below_threshold`: events the filter's confidence
    threshold leaves out (they match every other filter)."""

    articles: dict[str, int]
    events: int
    merged_events: int
    by_root: list[tuple[str, str, int]]
    by_quad: list[tuple[int | None, int]]
    top_dyads: list[tuple[str, str, int]]
    skip_reasons: list[tuple[str, int]]
    top_events: list[dict[str, Any]]
    undated_articles: int = 0  # stored articles with no date
    undated_events: int = 0  # matching event mentions with no date
    below_threshold: int = 0
    min_confidence: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": dict(self.articles),
            "events": self.events,
            "below_threshold": self.below_threshold,
            "min_confidence": self.min_confidence,
            "merged_events": self.merged_events,
            "undated_articles": self.undated_articles,
            "undated_events": self.undated_events,
            "by_root": [{"root": r, "name": n, "events": c} for r, n, c in self.by_root],
            "by_quad": [{"quad_class": q, "events": c} for q, c in self.by_quad],
            "top_dyads": [{"source": s, "target": t, "events": c} for s, t, c in self.top_dyads],
            "skip_reasons": [{"reason": r, "count": c} for r, c in self.skip_reasons],
            "top_events": list(self.top_events),
        }


def _all(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return con.execute(sql, params).fetchall()


def stats(con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None, *, top: int = 10) -> Stats:
    """Counts of articles by status, events by root code and QuadClass, top dyads and
    merged events, and skip reasons. The filter applies to the event figures."""
    from tacitus.cameo import code_info

    event_filter = event_filter or EventFilter()
    where, params = event_filter.where()
    articles = dict(_all(con, "SELECT status, count(*) FROM articles GROUP BY ALL ORDER BY 1", []))
    events, undated = _all(
        con, f"SELECT count(*), count(*) FILTER (WHERE date IS NULL) FROM events WHERE {where}", params
    )[0]
    undated_articles = _all(con, "SELECT count(*) FROM articles WHERE date IS NULL", [])[0][0]
    any_where, any_params = event_filter.without_confidence().where()
    below = _all(con, f"SELECT count(*) FROM events WHERE {any_where}", any_params)[0][0] - events
    merged_where, merged_params = event_filter.where("e")
    merged_sql = merged_events_sql(merged_where)
    merged = _all(con, f"SELECT count(*) FROM ({merged_sql})", merged_params)[0][0]
    roots = _all(con, f"SELECT root_code, count(*) FROM events WHERE {where} GROUP BY ALL ORDER BY 1", params)
    quads = _all(
        con,
        f"SELECT quad_class, count(*) FROM events WHERE {where} GROUP BY ALL ORDER BY 1 NULLS LAST",
        params,
    )
    dyads = _all(
        con,
        f"SELECT source, target, count(*) AS n FROM events WHERE {where} "
        "GROUP BY ALL ORDER BY n DESC, 1, 2 LIMIT ?",
        [*params, top],
    )
    skips = _all(
        con,
        "SELECT reason, count(*) AS n FROM (SELECT skip_reason AS reason FROM "
        "articles WHERE status = 'skipped' UNION ALL SELECT reason FROM skips) "
        "GROUP BY ALL ORDER BY n DESC, 1",
        [],
    )
    summary = con.execute(
        "SELECT date, source, target, code, num_mentions, num_articles, num_sources "
        f"FROM ({merged_sql}) ORDER BY num_mentions DESC, num_articles DESC, "
        "date NULLS LAST, source, target, code LIMIT ?",
        [*merged_params, top],
    )
    names = [d[0] for d in summary.description]
    top_events = [dict(zip(names, row, strict=True)) for row in summary.fetchall()]
    for row in top_events:
        row["date"] = row["date"].isoformat() if row["date"] else None
        row["name"] = code_info(row["code"]).name
    return Stats(
        articles={str(k): int(v) for k, v in articles.items()},
        events=int(events),
        merged_events=int(merged),
        by_root=[(r, code_info(r).name, int(c)) for r, c in roots],
        by_quad=[(q, int(c)) for q, c in quads],
        top_dyads=[(s, t, int(c)) for s, t, c in dyads],
        skip_reasons=[(str(r), int(c)) for r, c in skips],
        top_events=top_events,
        undated_articles=int(undated_articles),
        undated_events=int(undated),
        below_threshold=int(below),
        min_confidence=event_filter.min_confidence,
    )
