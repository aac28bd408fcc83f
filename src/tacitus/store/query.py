"""Reading the store: event filters, events back as records, and the figures of `tacitus stats`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.dates import required_day
from tacitus.errors import UserInputError
from tacitus.records import Event
from tacitus.store.rows import event_from_row
from tacitus.store.summary import merged_events_sql

__all__ = ["EventFilter", "arrow", "event_table", "iter_events", "stats", "Stats"]

_ROOT_CODES = {f"{n:02d}" for n in range(1, 21)}


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    """The result of a parameterised query as an Arrow table."""
    relation = con.sql(sql, params=params)
    # DuckDB ≥ 1.4 names it to_arrow_table(); older releases arrow().
    method = getattr(relation, "to_arrow_table", None) or relation.arrow
    table: pa.Table = method()
    return table


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise UserInputError(
            f"--country {value!r} is not an ISO 3166 alpha-3 code - use three letters, e.g. --country GEO"
        )
    return code


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


@dataclass(slots=True, frozen=True)
class EventFilter:
    """Which events a query returns. Actor codes match by prefix (``CHN`` matches
    ``CHNGOV``), `code` by prefix (``04`` matches ``042``), `root` exactly; dates inclusive.

    `min_confidence` leaves out events scored below it (events never scored, stored before
    schema 3, are kept); `include_negated` / `include_hypothetical` False leave out negated and
    hypothetical mentions. `EventFilter()` selects every stored event; `EventFilter.build`, what
    the commands use, starts from the readers' defaults (the default threshold, neither negated
    nor hypothetical events).
    """

    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    root: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    country: str | None = None  # ISO3 of where the event happened
    near: NearPlace | None = None
    min_confidence: float | None = None
    include_negated: bool = True
    include_hypothetical: bool = True

    @classmethod
    def build(
        cls,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        code: str | None = None,
        root: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        country: str | None = None,
        near: str | None = None,
        within: float | None = None,
        min_confidence: float | None = None,
        include_negated: bool = False,
        include_hypothetical: bool = False,
    ) -> EventFilter:
        """Validate CLI-style values (``--dyad CHN,RUS``) into a filter. `min_confidence` None
        is the default threshold (`tacitus.events.confidence.default_min_confidence`), 0 keeps
        every event; negated and hypothetical events are left out unless included."""
        from tacitus.events.confidence import default_min_confidence

        pair = None
        if dyad is not None:
            parts = [part.strip().upper() for part in dyad.split(",")]
            if len(parts) != 2 or not all(parts):
                raise UserInputError(
                    f"--dyad {dyad!r} is not a pair of actor codes - use SOURCE,TARGET, e.g. --dyad CHN,RUS"
                )
            pair = (parts[0], parts[1])
        if root is not None and root.zfill(2) not in _ROOT_CODES:
            raise UserInputError(f"--root {root!r} is not a CAMEO root code - use 01 to 20, e.g. --root 04")
        required_day(since, "--since")
        required_day(until, "--until")
        threshold = default_min_confidence() if min_confidence is None else min_confidence
        if not 0.0 <= threshold <= 1.0:
            raise UserInputError(
                f"--min-confidence {threshold} is not a probability - use 0 to 1, e.g. --min-confidence 0.5"
            )
        return cls(
            source=source.upper() if source else None,
            target=target.upper() if target else None,
            dyad=pair,
            code=code,
            root=root.zfill(2) if root is not None else None,
            since=since,
            until=until,
            limit=limit,
            country=_country(country),
            near=NearPlace.resolve(near, within) if near else None,
            min_confidence=threshold or None,
            include_negated=include_negated,
            include_hypothetical=include_hypothetical,
        )

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """A parameterised SQL condition (``TRUE`` when nothing is set) and its values."""
        col = f"{alias}." if alias else ""
        conditions: list[str] = []
        params: list[Any] = []

        def add(sql: str, value: Any) -> None:
            conditions.append(sql)
            params.append(value)

        if self.source:
            add(f"starts_with({col}source, ?)", self.source)
        if self.target:
            add(f"starts_with({col}target, ?)", self.target)
        if self.dyad:
            add(f"starts_with({col}source, ?)", self.dyad[0])
            add(f"starts_with({col}target, ?)", self.dyad[1])
        if self.code:
            add(f"starts_with({col}code, ?)", self.code)
        if self.root:
            add(f"{col}root_code = ?", self.root)
        if self.since:
            add(f"{col}date >= ?", required_day(self.since, "--since"))
        if self.until:
            add(f"{col}date <= ?", required_day(self.until, "--until"))
        if self.country:
            add(f"{col}location ->> '$.country' = ?", self.country)
        if self.near:
            sql, values = self.near.condition(f"{col}location")
            conditions.append(sql)
            params.extend(values)
        if self.min_confidence is not None:
            add(f"({col}confidence IS NULL OR {col}confidence >= ?)", self.min_confidence)
        if not self.include_negated:
            conditions.append(f"NOT {col}negated")
        if not self.include_hypothetical:
            conditions.append(f"{col}modality <> 'hypothetical'")
        return (" AND ".join(conditions) or "TRUE"), params

    def without_confidence(self) -> EventFilter:
        """The same filter at any confidence (to count what the threshold leaves out)."""
        return replace(self, min_confidence=None)


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
