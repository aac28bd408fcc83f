"""Rows as an aligned table, CSV, JSON or JSON lines: the output of `tacitus query` and `tacitus codes`."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

import click

from tacitus.store.export import write_csv

__all__ = ["OUTPUT_FORMATS", "format_option", "print_rows", "table_lines"]

OUTPUT_FORMATS = ("table", "csv", "json", "jsonl")
F = TypeVar("F", bound=Callable[..., Any])
_NUMBERS = (int, float, decimal.Decimal)
TABLE_CELL_MAX = 80


def format_option(function: F) -> F:
    """`--format table|csv|json|jsonl` (default table)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(OUTPUT_FORMATS),
        default="table",
        show_default=True,
        help="table: aligned columns; csv: with a header; json: a list of objects; jsonl: one object a line.",
    )(function)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return " ".join(str(value).split())  # one line per row: line breaks and tabs become spaces


def _shown(text: str) -> str:
    """A table cell cut to `TABLE_CELL_MAX` characters (csv and json keep the whole value)."""
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def _numeric(rows: Sequence[Sequence[Any]], column: int) -> bool:
    values = [row[column] for row in rows if row[column] is not None]
    return bool(values) and all(isinstance(v, _NUMBERS) and not isinstance(v, bool) for v in values)


def table_lines(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    """The header, a rule, then the rows: each column as wide as its widest cell (cells cut at
    `TABLE_CELL_MAX` characters), numbers right-aligned, everything else left-aligned, two
    spaces between columns."""
    cells = [[_shown(_cell(value)) for value in row] for row in rows]
    right = [_numeric(rows, i) for i in range(len(columns))]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)]
        return "  ".join(parts).rstrip()

    return [line(list(columns)), "  ".join("-" * w for w in widths), *(line(row) for row in cells)]


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str,
    *,
    out: IO[str] | None = None,
    keep_formulas: bool = False,
) -> None:
    """Write `rows` to `out` (stdout) as `fmt`: table, csv (cells a spreadsheet would run as
    formulas defused unless `keep_formulas`, as in every Tacitus CSV), json or jsonl."""
    stream = out if out is not None else sys.stdout
    if fmt == "csv":
        write_csv(
            [list(columns), *([_csv_value(v) for v in row] for row in rows)],
            stream,
            keep_formulas=keep_formulas,
        )
        return
    if fmt == "table":
        for text in table_lines(columns, rows):
            stream.write(text + "\n")
        return
    records = [dict(zip(columns, (_jsonable(v) for v in row), strict=True)) for row in rows]
    if fmt == "json":
        stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _csv_value(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return "" if value is None else value
    return _cell(value)
