"""`tacitus events`: list stored events matching filters, as a table, CSV, JSON or JSONL."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option, event_filter_from, filter_options
from tacitus.cli.table import echo_table
from tacitus.records import Event
from tacitus.store import Store
from tacitus.store.export import csv_rows, event_records, write_csv

TABLE_COLUMNS = ("date", "source", "target", "code", "confidence", "doc_id", "evidence")


def _table_row(event: Event) -> tuple[str | float | None, ...]:
    negation = "not " if event.negated else ""
    return (
        event.date,
        event.source,
        event.target,
        negation + event.code,
        event.confidence,
        event.doc_id,
        event.evidence.text,
    )


@cli.command("events")
@db_option
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N events.")
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv: write cells that begin with = + - @ tab or CR as they are (by default they "
    "get a leading ' so that a spreadsheet shows them as text instead of running them).",
)
def events_cli(db: str | None, fmt: str, limit: int | None, keep_formulas: bool, **filters: Any) -> None:
    """List stored event mentions, filtered; data to stdout.

    Actor and event codes match by prefix (--source CHN matches CHNGOV; --code 04 matches
    042). JSON/JSONL records are the coder's Event records (the location nested) with the
    CAMEO code_name and the article's url and title; CSV has the columns of `tacitus export
    --format csv` (the location flat: location_name, lat, lon ...). Events below --min-confidence
    (default: the calibrated threshold; 0 lists all) and negated or hypothetical events are
    left out unless --include-negated / --include-hypothetical.

    Example:

        tacitus events --db news.duckdb --dyad CHN,RUS --since 2021-01-01 --format jsonl
    """
    event_filter = event_filter_from(filters, limit=limit)
    with Store.open(db, read_only=True) as store:
        if fmt == "csv":
            write_csv(csv_rows(store.con, event_filter), sys.stdout, keep_formulas=keep_formulas)
            return
        if fmt == "json":
            records = list(event_records(store.con, event_filter))
            click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        elif fmt == "jsonl":
            for record in event_records(store.con, event_filter):
                click.echo(json.dumps(record, ensure_ascii=False))
        else:
            echo_table(TABLE_COLUMNS, (_table_row(event) for event in store.events(event_filter)))
