"""Aligned plain-text tables, the one way every command prints `--format table`."""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

import click

__all__ = ["PAGE", "echo_records", "echo_table", "table_lines"]

# Rows that size the columns; later rows keep those widths (a wider cell is clipped), so a
# table of a million events streams in constant memory.
PAGE = 1000
GAP = "  "
ELLIPSIS = "…"
# What a cell may hold: text and numbers from records; dates, decimals, lists and maps from SQL.
Cell = Any


def _text(value: Cell) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | decimal.Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())  # one line per row, whatever the text holds


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def _line(cells: Sequence[str], widths: Sequence[int], numeric: Sequence[bool]) -> str:
    parts = [
        cell.rjust(width) if is_number else cell.ljust(width)
        for cell, width, is_number in zip(cells, widths, numeric, strict=True)
    ]
    return GAP.join(parts).rstrip()


def table_lines(
    columns: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    max_width: int = 70,
    indent: str = "",
) -> Iterator[str]:
    """The header and one line per row: columns two spaces apart, each as wide as its widest
    cell among the first `PAGE` rows, numbers right-aligned and text left-aligned; a cell
    wider than `max_width` (or than its column, after the first page) is clipped with "…";
    None prints as "-" and a float with two decimals.
    """
    stream = iter(rows)
    raw = list(islice(stream, PAGE))
    numeric = [
        any(row[k] is not None for row in raw) and all(_is_number(row[k]) for row in raw)
        for k in range(len(columns))
    ]
    page = [[_text(value) for value in row] for row in raw]
    widths = [
        min(max([len(name)] + [len(row[k]) for row in page]), max_width) for k, name in enumerate(columns)
    ]
    yield indent + _line(list(columns), widths, numeric)
    for cells in page:
        yield indent + _line([_clip(cell, w) for cell, w in zip(cells, widths, strict=True)], widths, numeric)
    for row in stream:
        cells = [_clip(_text(value), w) for value, w in zip(row, widths, strict=True)]
        yield indent + _line(cells, widths, numeric)


def _is_number(value: Cell) -> bool:
    """A count or a score (right-aligned); None (printed "-") does not make a column text."""
    return value is None or (isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool))


def echo_table(columns: Sequence[str], rows: Iterable[Sequence[Cell]], *, max_width: int = 70) -> int:
    """Print `table_lines` to stdout; returns the number of rows."""
    lines = 0
    for line in table_lines(columns, rows, max_width=max_width):
        click.echo(line)
        lines += 1
    return lines - 1  # the header is not a row


def echo_records(
    records: Iterable[Any], output_format: str, columns: Sequence[str], row: Callable[[Any], Sequence[Cell]]
) -> int:
    """Print records (with `as_dict`) as JSON lines, or as a table of `row(record)`; returns how many."""
    if output_format == "table":
        return echo_table(columns, (row(record) for record in records))
    count = 0
    for record in records:
        click.echo(json.dumps(record.as_dict(), ensure_ascii=False, sort_keys=True))
        count += 1
    return count
