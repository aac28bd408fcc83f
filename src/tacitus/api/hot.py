"""Start-up indexes of the serve process: events by actor and by code, pre-rendered event JSON,
and per-period counts, so that the hot list and time-series requests read a few rows, not the store.

Why this is correct: the API opens the store read-only, and DuckDB's file lock keeps every writer
out while it is open, so nothing built here can go stale. Why it is needed: on a store of 1,000,000
events, a filtered page costs DuckDB 2-5 ms of CPU (a scan of every row group for the prefix match,
then 45 wide columns materialised per row), and the time series 2-10 ms; 200 requests in flight on
two cores need well under 1 ms each. The indexes are built with temporary tables in the store's
own read-only connection (`tacitus.store.index_tables`, which holds the SQL over the store's
tables) and copied (through Arrow) into a private in-memory DuckDB database, whose per-thread
cursors the requests query; rendered JSON and sort keys live in Python arrays. The queries here
read only that private database, by the rules of the filter model (`tacitus.store.filters`).

What a request may use them for is decided by `HotIndex.events_page`/`timeseries`/`event`: they
return None for anything they do not cover (country, place, cursors, Goldstein order, free text
together with an actor filter, a confidence threshold other than the app's, whose events alone are
indexed), and the route answers those with the plain query over the store.
`tests/test_api_indexes.py` checks that both paths give the same answers on three stores.
"""

from __future__ import annotations

import bisect
import ctypes
import datetime as dt
import logging
import threading
import time
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb
import numpy as np

from tacitus.store.connection import duckdb_connect
from tacitus.store.filters import EventFilter
from tacitus.store.index_tables import (
    INDEX_TABLES,
    INTERVALS,
    build_index_tables,
    index_table,
    indexed_event_count,
    rendered_events,
)

__all__ = ["HotIndex", "HotPage", "split_undated"]

log = logging.getLogger(__name__)

_NO_DATE = -1  # in the day-number array: the event has no date

# Optimizer passes the index queries need: filters into the scan (zone maps), only the used
# columns, ORDER BY + LIMIT as a top-N, constant folding (prefix ranges), statistics.
_NEEDED_PASSES = {
    "filter_pushdown",
    "unused_columns",
    "top_n",
    "limit_pushdown",
    "expression_rewriter",
    "statistics_propagation",
    "reorder_filter",
}
_QUAD_SUMS = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS quad{n}" for n in range(1, 5))


_SERIES_COLUMNS = ("events", "quad1", "quad2", "quad3", "quad4", "gsum", "gn")


def _series_points(columns: dict[str, np.ndarray], periods: list[str]) -> tuple[list[dict[str, Any]], int]:
    """Per-(side, period) counts summed per period with numpy: the same sums as a GROUP BY in
    DuckDB, at about half the CPU time for a few thousand rows (measured: 1.4 against 2.1 ms for
    a weekly dyad series). Goldstein figures rounded as in the plain query. Also the number of
    undated events (the bin after the last period)."""
    k = columns["k"]
    bins = len(periods) + 1
    sums = {
        name: np.bincount(k, weights=columns[name], minlength=bins)[: len(periods)]
        for name in _SERIES_COLUMNS[1:]
    }
    events = np.bincount(k, weights=columns["events"], minlength=bins)
    undated = int(events[len(periods)])
    sums["events"] = events[: len(periods)]
    present = np.flatnonzero(sums["events"])
    gn = sums["gn"][present]
    counts = [sums[name][present].astype(np.int64).tolist() for name in _SERIES_COLUMNS[:5]]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.round(sums["gsum"][present] / gn, 6).tolist()
    total = np.round(sums["gsum"][present], 6).tolist()
    if not (gn > 0).all():  # no Goldstein score in a period: null, as SQL's sum and avg give
        missing = (gn == 0).tolist()
        total = [None if m else x for m, x in zip(missing, total, strict=True)]
        mean = [None if m else x for m, x in zip(missing, mean, strict=True)]
    return [
        {
            "period": periods[i],
            "events": events,
            "quad1": q1,
            "quad2": q2,
            "quad3": q3,
            "quad4": q4,
            "goldstein_sum": goldstein_sum,
            "goldstein_mean": goldstein_mean,
        }
        for i, events, q1, q2, q3, q4, goldstein_sum, goldstein_mean in zip(
            present.tolist(), *counts, total, mean, strict=True
        )
    ], undated


def split_undated(points: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Rows per period ordered NULLS LAST → (the dated points, the events of the NULL period)."""
    if points and points[-1]["period"] is None:
        return points[:-1], int(points[-1]["events"])
    return points, 0


def _prefix_range(codes: list[str], prefix: str) -> tuple[int, int]:
    """The index range [lo, hi) of the sorted `codes` that start with `prefix`."""
    lo = bisect.bisect_left(codes, prefix)
    hi = lo
    while hi < len(codes) and codes[hi].startswith(prefix):
        hi += 1
    return lo, hi


def _shape(f: EventFilter) -> tuple[bool, int, int, bool]:
    """The actor filters' shape: (pair given, source prefixes, target prefixes, actor given); a
    directed dyad counts as one source and one target prefix."""
    sources, targets = f.sides()
    return f.pair is not None, len(sources), len(targets), f.actor is not None


def _within(column: np.ndarray, ids: tuple[int, int]) -> np.ndarray:
    """Rows whose id lies in [lo, hi): an actor-code prefix."""
    return (column >= ids[0]) & (column < ids[1])


class _SideArrays:
    """A table with one row per event side (sides, or a time-series table) as numpy columns in
    (actor, other, `order`) order. An actor filter's rows are one slice (the actor-code prefix
    is an id range) and its rules are masks over it: the first page of an actor or dyad list,
    or its time series, then needs no query, whose fixed cost (~0.3 ms of DuckDB planning and
    scan set-up) was most of such a request. 13 bytes per side, 45 per series row."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, table: str, n_codes: int, columns: tuple[str, ...], order: str
    ) -> None:
        selected = ", ".join(("actor", "other", "is_source", *columns))
        found = con.execute(f"SELECT {selected} FROM {table} ORDER BY actor, other, {order}").fetchnumpy()
        self.actor = np.asarray(found["actor"], dtype=np.int32)
        self.other = np.asarray(found["other"], dtype=np.int32)
        self.is_source = np.asarray(found["is_source"], dtype=bool)
        # A series row without any Goldstein score has a NULL sum, which adds nothing (its `gn` is 0).
        self.columns = {name: np.ma.filled(found[name], 0) for name in columns}
        # Where each actor id's rows start: the rows of ids [lo, hi) are starts[lo]:starts[hi].
        self.starts = np.searchsorted(self.actor, np.arange(n_codes + 1, dtype=np.int32))

    def block(self, ids: tuple[int, int]) -> slice:
        return slice(int(self.starts[ids[0]]), int(self.starts[ids[1]]))


def _release_free_memory() -> None:
    """Hand the memory freed after the build back to the system (glibc keeps it otherwise:
    measured ~0.4 GB of a worker's 2 GB after indexing a million events). Elsewhere a no-op."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@dataclass(slots=True, frozen=True)
class HotPage:
    """A page of events as JSON fragments, and the sort values of its last row (for `next`)."""

    events: list[bytes]
    more: bool
    last: tuple[Any, str, int] | None  # (date, doc_id, ordinal)


class HotIndex:
    """The indexes over one read-only store; queries go through one cursor per thread."""

    def __init__(
        self, store: duckdb.DuckDBPyConnection, article_ref: Any, *, min_confidence: float | None = None
    ) -> None:
        """Build the indexes from a cursor on the read-only store; `article_ref(row)` renders an
        article reference (the API's `ArticleRef`) from an articles row (id, title, date, url, source).
        Only events at or above `min_confidence` are indexed, and only requests with that threshold
        are answered (others go to the store).

        The build runs in the store's own connection (temporary tables) and copies its results
        here through Arrow. Attaching the file to this database instead would open it a second
        time, and closing that second handle drops the process's file lock (POSIX locks belong
        to the process, not to the handle): writers could then change the store under the app.
        """
        started = time.perf_counter()
        self.min_confidence = min_confidence
        self._con = duckdb_connect(":memory:")
        # Each request is one small query; with many requests in flight, parallelism inside one
        # query only adds scheduling cost (measured: CPU per query down ~30 % with one thread).
        self._con.execute("SET threads = 1")
        self._con.execute("SET enable_progress_bar = false")
        self._con.execute("SET preserve_insertion_order = true")  # relied on: see events_page
        store.execute("SET enable_progress_bar = false")
        try:
            self._build(store, article_ref)
            for table in INDEX_TABLES:
                rows = index_table(store, table)  # noqa: F841 - read by name
                # Insertion order is kept (preserve_insertion_order): the tables stay clustered.
                self._con.execute(f"CREATE TABLE {table} AS SELECT * FROM rows")
                del rows
        finally:
            store.close()
        # The requests' queries are single-table scans with filters, a LIMIT or a sort; DuckDB's
        # other optimizer passes (joins, CTEs, windows...) find nothing to do in them yet cost
        # ~0.1 ms each time (measured: 10-15 % of a query). Only this private database is affected.
        passes = [row[0] for row in self._con.execute("SELECT name FROM duckdb_optimizers()").fetchall()]
        self._con.execute(
            "SET disabled_optimizers = ?", [",".join(name for name in passes if name not in _NEEDED_PASSES)]
        )
        self._sides = _SideArrays(self._con, "sides", len(self.codes), ("pos",), "pos")
        self._series = {
            interval: _SideArrays(
                self._con, f"ts_{interval}", len(self.codes), ("k", *_SERIES_COLUMNS), "period"
            )
            for interval in INTERVALS
        }
        self._days = np.frombuffer(self._dates, dtype=np.int32)  # day ordinal by pos, ascending
        _release_free_memory()
        self._local = threading.local()
        self._lock = threading.Lock()
        self.events = len(self.rendered)
        self.build_seconds = time.perf_counter() - started
        log.info("hot indexes over %d events built in %.1f s", self.events, self.build_seconds)

    def _build(self, con: duckdb.DuckDBPyConnection, article_ref: Any) -> None:
        built = build_index_tables(con, self.min_confidence)
        self.codes: list[str] = built.codes
        self.event_codes: list[str] = built.event_codes
        self.periods: dict[str, list[str]] = built.periods
        # Fetched in chunks, unordered, and placed by pos: the JSON of all events is never held
        # twice (DuckDB's result and Python's list).
        count = indexed_event_count(con)
        self.rendered: list[bytes] = [b""] * count
        # The sort values of each event, for the `next` cursor of a page that ends there: compact
        # arrays (an article id is stored once), not a tuple per event (~150 MB per million).
        self._dates = array("i", [_NO_DATE]) * count
        self._ordinals = array("i", [0]) * count
        self._article = array("i", [0]) * count
        self._article_ids: list[str] = []
        article_index: dict[str, int] = {}
        for chunk in rendered_events(con, built, article_ref):
            for pos, date, doc_id, ordinal, text in chunk:
                self.rendered[pos] = text.encode("utf-8")
                self._dates[pos] = date.toordinal() if date is not None else _NO_DATE
                self._ordinals[pos] = ordinal
                index = article_index.get(doc_id)
                if index is None:
                    index = article_index[doc_id] = len(self._article_ids)
                    self._article_ids.append(doc_id)
                self._article[pos] = index
        # Each article's events, for `event`: positions ordered by (article, ordinal), and where
        # each article's stretch starts (numpy: a Python sort of a million keys takes seconds).
        self._article_index = article_index
        articles_of = np.frombuffer(self._article, dtype=np.int32)
        self._by_article = np.lexsort((np.frombuffer(self._ordinals, dtype=np.int32), articles_of))
        self._article_starts = np.searchsorted(
            articles_of[self._by_article], np.arange(len(self._article_ids) + 1)
        ).tolist()

    def event(self, doc_id: str, ordinal: int) -> bytes | None:
        """The rendered JSON of one event, or None if the indexes do not have it (the store then
        answers, which also makes the 404)."""
        index = self._article_index.get(doc_id)
        if index is None:
            return None
        for pos in self._by_article[self._article_starts[index] : self._article_starts[index + 1]].tolist():
            if self._ordinals[pos] == ordinal:
                return self.rendered[pos]
        return None

    def _key(self, pos: int) -> tuple[dt.date | None, str, int]:
        """(date, article id, ordinal) of the event at `pos`."""
        day = self._dates[pos]
        date = dt.date.fromordinal(day) if day != _NO_DATE else None
        return date, self._article_ids[self._article[pos]], self._ordinals[pos]

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with self._lock:
                cursor = self._con.cursor()
            self._local.cursor = cursor
        return cursor

    @lru_cache(maxsize=4096)  # noqa: B019 - the index lives as long as the app
    def _ids(self, prefix: str) -> tuple[int, int]:
        """The id range [lo, hi) of the actor codes that start with `prefix`."""
        return _prefix_range(self.codes, prefix)

    @lru_cache(maxsize=1024)  # noqa: B019 - the index lives as long as the app
    def _code_ids(self, prefix: str) -> tuple[int, int]:
        """The id range [lo, hi) of the event codes that start with `prefix`."""
        return _prefix_range(self.event_codes, prefix)

    def _actor_where(self, f: EventFilter) -> tuple[str, list[Any]] | None:
        """The sides-table condition selecting each event that matches the actor filters once, or
        None without actor filters. Rows are picked by a driving range R on `actor` (pair A,
        source, target or actor) that every matching event has on one side; of an event with
        both sides in R only the source side is kept. The common shapes get conditions on the
        plain columns, which DuckDB prunes by zone maps; other mixes test each side's role.
        A directed dyad A,B is a source A and a target B (`EventFilter.sides`)."""
        sources, targets = f.sides()
        driving = f.pair[0] if f.pair else next(iter((*sources, *targets)), f.actor)
        if driving is None:
            return None
        params: list[Any] = []

        def within(column: str, prefix: str) -> str:
            params.extend(self._ids(prefix))
            return f"({column} >= ? AND {column} < ?)"

        shape = _shape(f)
        if f.pair and shape == (True, 0, 0, False):
            a, b = f.pair
            # Rows with actor in A and other in B are exactly the pair's events; an event with
            # source in A, target in B and also source in B, target in A has two such rows.
            pair = f"{within('actor', a)} AND {within('other', b)}"
            return f"{pair} AND (is_source OR NOT ({within('other', a)} AND {within('actor', b)}))", params
        if shape == (False, 0, 0, True):
            return f"{within('actor', driving)} AND (is_source OR NOT {within('other', driving)})", params
        if shape == (False, 1, 0, False):
            return f"is_source AND {within('actor', driving)}", params
        if shape == (False, 0, 1, False):
            return f"NOT is_source AND {within('actor', driving)}", params
        if shape == (False, 1, 1, False):
            return f"is_source AND {within('actor', driving)} AND {within('other', targets[0])}", params
        src = "(CASE WHEN is_source THEN actor ELSE other END)"
        tgt = "(CASE WHEN is_source THEN other ELSE actor END)"
        conditions = [within("actor", driving), f"(is_source OR NOT {within('other', driving)})"]
        conditions += [within(src, prefix) for prefix in sources]
        conditions += [within(tgt, prefix) for prefix in targets]
        if f.actor:
            conditions.append(f"({within(src, f.actor)} OR {within(tgt, f.actor)})")
        if f.pair:
            a, b = f.pair
            conditions.append(
                f"(({within(src, a)} AND {within(tgt, b)}) OR ({within(src, b)} AND {within(tgt, a)}))"
            )
        return " AND ".join(conditions), params

    def _event_where(self, f: EventFilter, *, text: bool) -> tuple[list[str], list[Any]]:
        """Conditions on the event columns every index table has (code, root, quad, dates, text)."""
        conditions: list[str] = []
        params: list[Any] = []
        if f.code is not None:
            conditions.append("code_id >= ? AND code_id < ?")
            params.extend(self._code_ids(f.code))
        for sql, value in (
            ("root_code = ?", f.root),
            ("quad_class = ?", f.quad_class),
            ("date >= ?", f.since),
            ("date <= ?", f.until),
        ):
            if value is not None:
                conditions.append(sql)
                params.append(value)
        if text and f.q:
            # Same test as the plain filter: lower(evidence) contains lower(q).
            conditions.append("contains(evidence_lower, lower(?))")
            params.append(f.q)
        return conditions, params

    def covers(self, f: EventFilter) -> bool:
        """Whether the indexes can answer these filters: countries, places and the negated and
        hypothetical flags need the store, and so does a confidence threshold other than the one
        the indexes were built at."""
        return (
            f.country is None
            and f.actor_country is None
            and f.place is None
            and f.near is None
            and f.include_negated
            and f.include_hypothetical
            and f.min_confidence == self.min_confidence
        )

    def events_page(self, f: EventFilter, sort: str, limit: int) -> HotPage | None:
        """The first page of events in date order, or None where the plain query must answer."""
        if sort not in ("date", "-date") or not self.covers(f):
            return None
        actor = self._actor_where(f)
        if actor is not None and f.q:
            return None  # the sides table has no evidence text: the store answers
        if actor is not None and f.code is None and f.root is None and f.quad_class is None:
            picked = self._actor_rows(self._sides, f)
            if picked is not None:
                stretch, mask = picked
                return self._first_page(self._sides.columns["pos"][stretch][mask], f, sort, limit)
        conditions, params = self._event_where(f, text=actor is None)
        if actor is not None:
            conditions, params = [actor[0], *conditions], [*actor[1], *params]
        table = "sides" if actor is not None else "by_code"
        order = f"ORDER BY pos {'DESC' if sort == '-date' else 'ASC'}"
        if actor is None and f.code is not None and sort == "date":
            lo, hi = self._code_ids(f.code)
            if hi - lo == 1:
                # One code: its rows are one stretch of `by_code` in pos order, and DuckDB keeps
                # insertion order for a query without ORDER BY (preserve_insertion_order), so the
                # LIMIT stops at the first matches instead of ranking them all (0.4 against 1.0 ms).
                order = ""
        rows = (
            self._cursor()
            .execute(
                f"SELECT pos FROM {table} WHERE {' AND '.join(conditions) or 'TRUE'} {order} LIMIT ?",
                [*params, limit + 1],
            )
            .fetchall()
        )
        return self._page([row[0] for row in rows], limit)

    def _page(self, positions: list[int], limit: int) -> HotPage:
        """The page of the first `limit` of `positions` (one more says there is a next page)."""
        more = len(positions) > limit
        positions = positions[:limit]
        last = self._key(positions[-1]) if positions else None
        return HotPage([self.rendered[pos] for pos in positions], more, last)

    def _actor_rows(self, sides: _SideArrays, f: EventFilter) -> tuple[slice, np.ndarray] | None:
        """The rows of `sides` (the sides table or a series table) the actor filters select, as a
        slice and a mask over it, for the shapes `_actor_where` gives plain conditions (pair;
        actor; source; target; source and target), by the same rules without a query; None for
        any other shape."""
        sources, targets = f.sides()
        given = [*sources, *targets, f.actor, *(f.pair or ())]
        if not all(value for value in given if value is not None):
            return None  # an empty prefix: leave it to the query, as `_actor_where` treats it
        shape = _shape(f)
        if f.pair and shape == (True, 0, 0, False):
            a, b = self._ids(f.pair[0]), self._ids(f.pair[1])
            rows = sides.block(a)
            actor, other = sides.actor[rows], sides.other[rows]
            mask = _within(other, b) & (sides.is_source[rows] | ~(_within(other, a) & _within(actor, b)))
        elif f.actor and shape == (False, 0, 0, True):
            a = self._ids(f.actor)
            rows = sides.block(a)
            mask = sides.is_source[rows] | ~_within(sides.other[rows], a)
        elif shape in ((False, 1, 0, False), (False, 1, 1, False)):
            rows = sides.block(self._ids(sources[0]))
            mask = sides.is_source[rows]
            if targets:
                mask = mask & _within(sides.other[rows], self._ids(targets[0]))
        elif shape == (False, 0, 1, False):
            rows = sides.block(self._ids(targets[0]))
            mask = ~sides.is_source[rows]
        else:
            return None
        return rows, mask

    def _first_page(self, positions: np.ndarray, f: EventFilter, sort: str, limit: int) -> HotPage:
        """The first page, by date order, of `positions` within the filters' date range."""
        lo, hi = 0, self.events
        # Needles of the array's own type: a Python int makes numpy cast all million days first.
        if f.since is not None:
            lo = int(np.searchsorted(self._days, np.int32(f.since.toordinal()), "left"))
        if f.until is not None:
            hi = int(np.searchsorted(self._days, np.int32(f.until.toordinal()), "right"))
            # An event without a date is not on or before `until` (SQL: NULL <= until is not true).
            lo = max(lo, int(np.searchsorted(self._days, np.int32(0), "left")))
        if lo > 0 or hi < self.events:
            positions = positions[(positions >= lo) & (positions < hi)]
        wanted = limit + 1
        if len(positions) > wanted:  # only the page's rows are sorted
            if sort == "date":
                positions = np.partition(positions, wanted - 1)[:wanted]
            else:
                positions = np.partition(positions, len(positions) - wanted)[-wanted:]
        ordered = np.sort(positions)
        return self._page((ordered[::-1] if sort == "-date" else ordered).tolist(), limit)

    def timeseries(self, f: EventFilter, interval: str) -> tuple[list[dict[str, Any]], int] | None:
        """The time-series points and the number of undated events, or None where the plain
        query must answer (no actor filter, or free text, country or place)."""
        actor = self._actor_where(f)
        if actor is None or f.q or not self.covers(f):
            return None
        conditions, params = self._event_where(f, text=False)
        picked = None if conditions else self._actor_rows(self._series[interval], f)
        if picked is not None:
            stretch, mask = picked
            series = self._series[interval].columns
            return _series_points(
                {name: column[stretch][mask] for name, column in series.items()}, self.periods[interval]
            )
        if not conditions:
            columns = (
                self._cursor()
                .execute(
                    f"SELECT k, {', '.join(_SERIES_COLUMNS)} FROM ts_{interval} WHERE {actor[0]}", actor[1]
                )
                .fetchnumpy()
            )
            return _series_points(columns, self.periods[interval])
        # Other event filters: count the matching event rows themselves.
        where = " AND ".join([actor[0], *conditions])
        result = self._cursor().execute(
            f"SELECT date_trunc('{interval}', date)::DATE AS period, count(*) AS events, {_QUAD_SUMS}, "
            "round(sum(goldstein), 6) AS goldstein_sum, round(avg(goldstein), 6) AS goldstein_mean "
            f"FROM sides WHERE {where} GROUP BY period ORDER BY period NULLS LAST",
            [*actor[1], *params],
        )
        names = [column[0] for column in result.description or []]
        return split_undated([dict(zip(names, row, strict=True)) for row in result.fetchall()])

    def close(self) -> None:
        self._con.close()
