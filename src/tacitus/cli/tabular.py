"""Rows as CSV, JSON or JSON lines, or as the one aligned table (`cli.table`): `tacitus query` and `codes`."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

import click

from tacitus.cli.table import table_lines
from tacitus.store.export import write_csv

__all__ = ["OUTPUT_FORMATS", "format_option", "print_rows"]

OUTPUT_FORMATS = ("table", "csv", "json", "jsonl")
F = TypeVar("F", bound=Callable[..., Any])


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
