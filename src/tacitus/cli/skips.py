"""`tacitus skips`: list what runs skipped, from the store: unreadable inputs and dropped articles."""

from __future__ import annotations

import csv
import json
import sys

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option
from tacitus.cli.table import echo_table
from tacitus.store import Store
from tacitus.store.skips import StoredSkip, stored_skips

COLUMNS = ("stage", "reason", "origin", "detail")


def _row(skip: StoredSkip) -> tuple[str | None, ...]:
    return (skip.stage, skip.reason, skip.origin, skip.detail)


@cli.command("skips")
@db_option
@click.option("--reason", default=None, help="Only skips whose reason (or detail) starts with this.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most N skips.")
def skips_cli(db: str | None, reason: str | None, fmt: str, limit: int | None) -> None:
    """List the inputs runs into this store skipped and why: files and records ingestion could
    not make an article of (stage ingest: empty, binary, no_text, bad_json, language:de ...)
    and articles the coder dropped (stage coder: story discards, too long); data to stdout.

    Example:

        tacitus skips --db news.duckdb

        tacitus skips --db news.duckdb --reason language --format csv
    """
    with Store.open(db, read_only=True) as store:
        skips = stored_skips(store.con, reason=reason, limit=limit)
    if fmt == "table":
        echo_table(COLUMNS, (_row(skip) for skip in skips), max_width=80)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(_row(skip) for skip in skips)
    else:
        for skip in skips:
            click.echo(json.dumps(skip.as_dict(), ensure_ascii=False))
    click.echo(f"{len(skips)} skips", err=True)
