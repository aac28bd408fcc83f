"""`tacitus export`: write stored events as Parquet, CSV, GDELT 2.0 event table or PLOVER JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option, event_filter_from, filter_options
from tacitus.store import Store
from tacitus.store.export import check_export_format
from tacitus.store.target import STDOUT, check_target


@cli.command("export")
@db_option
@filter_options
@click.option(
    "--format", "fmt", required=True, metavar="FORMAT", help="parquet | csv | gdelt | plover | quotes."
)
@click.option(
    "--out",
    required=True,
    metavar="FILE",
    help="File to write (- for stdout). Written beside, then renamed into place; never "
    "through a link or onto a device or FIFO.",
)
@click.option("--force", is_flag=True, help="Replace --out if it exists.")
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv: write cells that begin with = + - @ tab or CR as they are (by default they "
    "get a leading ' so that a spreadsheet shows them as text instead of running them).",
)
def export_cli(db: str | None, fmt: str, out: str, force: bool, keep_formulas: bool, **filters: Any) -> None:
    """Export stored events. parquet and csv: one row per event mention, every column of
    the events table. gdelt: GDELT 2.0 event table (61 tab-separated columns, no header),
    one row per merged event. plover: PLOVER JSONL, one record per asserted mention.
    quotes: JSONL, one quotation per line with its speaker and article date (only
    --since/--until/--limit apply).

    Events below --min-confidence (default: the calibrated threshold; 0 keeps all) and
    negated or hypothetical events are left out unless --include-negated /
    --include-hypothetical (parquet and csv; gdelt and plover hold asserted events only).

    The file is written under a new name beside --out and renamed into place when complete:
    a failed export leaves nothing behind. An existing --out is replaced only with --force; a
    link, FIFO or device is never written.

    Example:

        tacitus export --db news.duckdb --format gdelt --out events.tsv --since 2021-01-01
    """
    # Checked before opening the store: a typo or a refused target should not wait on a lock.
    check_export_format(fmt)
    if out != STDOUT:
        check_target(Path(out), force=force)
    for flag in ("include_negated", "include_hypothetical"):
        if filters.get(flag) and fmt in ("gdelt", "plover"):
            option = "--" + flag.replace("_", "-")
            raise click.UsageError(
                f"{option} does not apply to --format {fmt}: its records are asserted, non-negated "
                "events - use --format csv or parquet"
            )
    event_filter = event_filter_from(filters)
    with Store.open(db, read_only=True) as store:
        count = store.export(fmt, out, event_filter=event_filter, force=force, keep_formulas=keep_formulas)
    click.echo(f"wrote {count} {fmt} records to {'stdout' if out == STDOUT else out}", err=True)
