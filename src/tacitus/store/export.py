"""Exports of the store: events as Parquet, CSV, the GDELT 2.0 event table, PLOVER JSONL; quotes as JSONL.

Parquet, CSV and the event records of `tacitus events --format json/jsonl` carry what a researcher
would otherwise join by hand: the CAMEO name of the code, the article's URL and title, and (in the
tables) the event location as flat columns."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from tacitus.errors import UserInputError
from tacitus.records import Actor, Event
from tacitus.store.gdelt import gdelt_rows
from tacitus.store.query import EventFilter, arrow, event_table
from tacitus.store.rows import EVENT_SCHEMA, event_from_row
from tacitus.store.target import export_target

__all__ = [
    "EXPORT_FORMATS",
    "FORMULA_STARTS",
    "check_export_format",
    "EXPORT_EXTRA_COLUMNS",
    "csv_rows",
    "event_records",
    "export_events",
    "export_table",
    "plover_records",
    "write_csv",
]

log = logging.getLogger(__name__)

# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell of article
# text such as `=HYPERLINK("http://evil", "click")` would otherwise run when the CSV is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def _text(handle: BinaryIO, newline: str) -> Iterator[IO[str]]:
    """`handle` as UTF-8 text; the binary handle stays open (it belongs to the caller)."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline=newline)
    try:
        yield text
        text.flush()
    finally:
        text.detach()


# Columns the tables add to the `events` columns, after the column they follow: computed here, at
# export time, from the articles table, the CAMEO table and the location JSON (no stored column).
_ADDED_AFTER = {
    "doc_id": ("a.url AS url", "a.title AS title"),
    "code": ("c.code_name AS code_name",),
    "location": (
        "coalesce(e.location ->> '$.resolved_name', e.location ->> '$.name') AS location_name",
        "e.location ->> '$.country' AS location_country",
        "TRY_CAST(e.location ->> '$.lat' AS DOUBLE) AS lat",
        "TRY_CAST(e.location ->> '$.lon' AS DOUBLE) AS lon",
        "e.location ->> '$.gazetteer_id' AS geonames_id",
    ),
}
_ADDED_NAMES = {
    after: tuple(column.rsplit(" AS ", 1)[1] for column in added) for after, added in _ADDED_AFTER.items()
}
EXPORT_EXTRA_COLUMNS = tuple(name for names in _ADDED_NAMES.values() for name in names)
# CSV has no MAP or LIST: plover as three columns and issues joined by ';', at the end.
_CSV_LAST = (
    "e.plover['event_type'] AS plover_event",
    "e.plover['mode'] AS plover_mode",
    "e.plover['context'] AS plover_context",
    "array_to_string(e.issues, ';') AS issues",
)


def _select_list(*, flat: bool) -> str:
    columns: list[str] = []
    for name in EVENT_SCHEMA.names:
        if not (flat and name in ("plover", "issues")):
            columns.append(f"e.{name}")
        columns.extend(_ADDED_AFTER.get(name, ()))
    return ", ".join([*columns, *(_CSV_LAST if flat else ())])


def _code_names(con: duckdb.DuckDBPyConnection) -> list[Any]:
    """The codes the store holds and their CAMEO names, as two query parameters."""
    from tacitus.cameo import code_info

    codes = [row[0] for row in con.execute("SELECT DISTINCT code FROM events ORDER BY code").fetchall()]
    return [codes, [code_info(code).name or None for code in codes]]


def export_table(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None, *, flat: bool = False
) -> pa.Table:
    """The `events` rows matching the filter with the export columns (`EXPORT_EXTRA_COLUMNS`):
    `url` and `title` of the article, `code_name` from the CAMEO table, and the event location as
    `location_name`, `location_country`, `lat`, `lon`, `geonames_id` (the JSON `location` column
    stays, for a lossless round trip). `flat`: plover as three columns and issues as text (CSV).
    Ordered by date, article and position."""
    event_filter = event_filter or EventFilter()
    where, params = event_filter.where("e")
    sql = (
        "WITH cameo AS (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS code_name) "
        f"SELECT {_select_list(flat=flat)} FROM events AS e "
        "LEFT JOIN articles AS a ON a.id = e.doc_id LEFT JOIN cameo AS c ON c.code = e.code "
        f"WHERE {where} ORDER BY e.date NULLS LAST, e.doc_id, e.ordinal"
    )
    params = [*_code_names(con), *params]
    if event_filter.limit is not None:
        sql += " LIMIT ?"
        params.append(event_filter.limit)
    return arrow(con, sql, params)


def event_records(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None
) -> Iterator[dict[str, Any]]:
    """The matching events as JSON records: `Event.as_dict()` (the location nested, as the
    coder made it) with the columns the tables add, at the same places: the article's `url` and
    `title` after `doc_id`, the CAMEO `code_name` after `code`, and the flat location columns
    (`location_name` … `geonames_id`) after `location`."""
    for batch in export_table(con, event_filter).to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            record: dict[str, Any] = {}
            for key, value in event_from_row(row).as_dict().items():
                record[key] = value
                record.update((name, row[name]) for name in _ADDED_NAMES.get(key, ()))
            yield record


def _write_parquet(con: duckdb.DuckDBPyConnection, event_filter: EventFilter, out: BinaryIO) -> int:
    table = export_table(con, event_filter)
    pq.write_table(table, out)
    return table.num_rows


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def csv_rows(con: duckdb.DuckDBPyConnection, event_filter: EventFilter) -> Iterator[list[Any]]:
    """The header, then one row per event (`export_table` with `flat`): plover split into
    columns, issues joined by ``;``."""
    table = export_table(con, event_filter, flat=True)
    yield table.column_names
    for batch in table.to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            yield [_csv_cell(value) for value in row.values()]


def _defused(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Iterable[list[Any]], handle: IO[str], *, keep_formulas: bool = False) -> int:
    """Write CSV rows (header first) to `handle`; returns the data rows written.

    A text cell that starts with one of `FORMULA_STARTS` gets a leading ``'`` (OWASP's rule), so
    that a spreadsheet shows it as text instead of running it, unless `keep_formulas`. Cells with
    line breaks are quoted: the csv module quotes a line feed, and a row with a carriage return
    is written with every cell quoted (Python 3.11's writer leaves a lone CR bare, which a reader
    takes for the end of the row).
    """
    writer = csv.writer(handle, lineterminator="\n")
    quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)
    count = -1
    for row in rows:
        cells = row if keep_formulas else [_defused(value) for value in row]
        carriage = any(isinstance(value, str) and "\r" in value for value in cells)
        (quoted if carriage else writer).writerow(cells)
        count += 1
    return max(count, 0)


def _write_csv(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter, out: BinaryIO, keep_formulas: bool = False
) -> int:
    with _text(out, newline="") as handle:
        return write_csv(csv_rows(con, event_filter), handle, keep_formulas=keep_formulas)


def _write_gdelt(con: duckdb.DuckDBPyConnection, event_filter: EventFilter, out: BinaryIO) -> int:
    count = 0
    with _text(out, newline="\n") as handle:
        for row in gdelt_rows(con, event_filter):
            handle.write("\t".join(row) + "\n")
            count += 1
    return count


def _entity(actor: Actor | None, code: str) -> list[dict[str, Any]]:
    """A PLOVER actor/recipient list: one entity with country and sector."""
    if not code and actor is None:
        return []
    entity: dict[str, Any] = {
        "code": (actor.country if actor and actor.country else code[:3]) or None,
        "sector": (actor.sector if actor and actor.sector else code[3:6]) or None,
    }
    if actor is not None:
        entity["entity_text"] = actor.text
        if actor.name:
            entity["identifier_text"] = actor.name
    return [entity]


def _contexts(value: str | None) -> list[str]:
    if not value:
        return []
    return sorted({part.strip() for part in value.replace(";", ",").split(",") if part.strip()})


def plover_records(
    con: duckdb.DuckDBPyConnection, event_filter: EventFilter | None = None
) -> Iterator[dict[str, Any]]:
    """Event mentions with a PLOVER type as the PLOVER manual's recommended record.

    Negated and non-asserted mentions are left out (as in `event_summary`), and so are
    CAMEO 01/02, which have no PLOVER type.
    """
    from tacitus import __version__

    articles: dict[str, tuple[str, str | None]] = {}
    for batch in event_table(con, event_filter).to_batches(max_chunksize=2048):
        for row in batch.to_pylist():
            event = event_from_row(row)
            if event.negated or event.modality != "asserted" or not event.plover.get("event_type"):
                continue
            if event.doc_id not in articles:
                articles.clear()  # rows come ordered by date then article: keep one text
                found = con.execute("SELECT text, url FROM articles WHERE id = ?", [event.doc_id]).fetchall()
                articles[event.doc_id] = found[0] if found else ("", None)
            text, url = articles[event.doc_id]
            yield _plover_record(event, row["ordinal"], text, url, __version__)


def _plover_record(event: Event, ordinal: int, text: str, url: str | None, version: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        # The event's stable id; events stored before schema 3 have none: article id and position.
        "id": event.event_id or f"{event.doc_id}-{ordinal}",
        "confidence": event.confidence,
        "date": event.date,
        "actor": _entity(event.source_actor, event.source),
        "recipient": _entity(event.target_actor, event.target),
        "event": event.plover.get("event_type"),
        "mode": event.plover.get("mode") or "",
        "context": _contexts(event.plover.get("context")),
        "event_text": event.evidence.text,
        "text": text,
        "coder": f"tacitus {version}",
    }
    if url:
        record["link"] = url
    return record


def _write_plover(con: duckdb.DuckDBPyConnection, event_filter: EventFilter, out: BinaryIO) -> int:
    count = 0
    with _text(out, newline="\n") as handle:
        for record in plover_records(con, event_filter):
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def _write_quotes(con: duckdb.DuckDBPyConnection, event_filter: EventFilter, out: BinaryIO) -> int:
    """Every stored quote as its `Quote.as_dict()` plus the article's date, one per line.

    Of the event filters only the dates apply (to the article's date): quotes have no
    event code, and their speaker is filtered with `tacitus quotes --db --speaker/--country`.
    """
    from tacitus.store.quotes import stored_quotes

    dated = con.execute(
        "SELECT id, CAST(date AS VARCHAR) FROM articles "
        "WHERE (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?)",
        [event_filter.since, event_filter.since, event_filter.until, event_filter.until],
    ).fetchall()
    dates = dict(dated)
    count = 0
    with _text(out, newline="\n") as handle:
        for quote in stored_quotes(con):
            if quote.doc_id not in dates:
                continue
            record = {**quote.as_dict(), "date": dates[quote.doc_id]}
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
            if event_filter.limit is not None and count >= event_filter.limit:
                break
    return count


_Writer = Callable[[duckdb.DuckDBPyConnection, EventFilter, BinaryIO], int]
_WRITERS: dict[str, _Writer] = {
    "parquet": _write_parquet,
    "csv": _write_csv,
    "gdelt": _write_gdelt,
    "plover": _write_plover,
    "quotes": _write_quotes,
}
EXPORT_FORMATS = tuple(_WRITERS)


def check_export_format(fmt: str) -> None:
    """Raise UserInputError unless `fmt` is an export format."""
    if fmt not in _WRITERS:
        raise UserInputError(f"unknown export format {fmt!r} - use --format {'|'.join(EXPORT_FORMATS)}")


def export_events(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    event_filter: EventFilter | None = None,
    force: bool = False,
    keep_formulas: bool = False,
) -> int:
    """Write the events matching `event_filter` to `out` in format `fmt` (``-``: stdout).

    The file appears complete or not at all: it is written under a new name beside `out`
    (created exclusively) and renamed into place. A link, a FIFO, a device or any other
    non-regular `out` is refused, and so is an existing file unless `force`
    (`tacitus.store.target`). CSV cells that a spreadsheet would run as formulas are defused
    unless `keep_formulas` (`write_csv`).

    Returns:
        The number of rows/records written.

    Raises:
        UserInputError: unknown format, or the folder of `out` does not exist.
        ExportError: `out` is refused, or writing it failed (the disk is full …).
    """
    check_export_format(fmt)
    event_filter = event_filter or EventFilter()
    with export_target(out, force=force) as handle:
        if fmt == "csv":
            count = _write_csv(con, event_filter, handle, keep_formulas)
        else:
            count = _WRITERS[fmt](con, event_filter, handle)
    log.info("exported %d %s records to %s", count, fmt, out)
    return count
