"""`tacitus places`: print the places named in articles, resolved to GeoNames entries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.inputs import input_options, read_inputs, skip_summary
from tacitus.cli.table import echo_records
from tacitus.ingest import IngestOptions
from tacitus.records import Location

TABLE_COLUMNS = (
    "doc_id",
    "name",
    "resolved_name",
    "country",
    "admin1",
    "geo_type",
    "lat",
    "lon",
    "confidence",
    "mention",
)


def _table_row(location: Location) -> list[Any]:
    data = location.as_dict()
    return [data[column] for column in TABLE_COLUMNS]


def _stored(db: str | None, country: str | None, name: str | None, limit: int | None) -> list[Location]:
    from tacitus.store import Store
    from tacitus.store.places import stored_places

    with Store.open(db, read_only=True) as store:
        return stored_places(store.con, country=country, name=name, limit=limit)


def _print_places(locations: Iterable[Location], output_format: str) -> int:
    """Print locations as JSONL or a table; returns how many."""
    return echo_records(locations, output_format, TABLE_COLUMNS, _table_row)


@cli.command("places")
@click.argument("inputs", nargs=-1, metavar="[FILE ...|-]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="One JSON object per place, or a table.",
)
@input_options
@click.option("--db", default=None, help="List the places of this DuckDB store instead of FILEs.")
@click.option("--country", default=None, metavar="ISO3", help="With --db: places in this country (GEO).")
@click.option("--name", default=None, help="With --db: places whose name contains this.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="With --db: at most N.")
def places_command(
    inputs: tuple[str, ...],
    output_format: str,
    db: str | None,
    country: str | None,
    name: str | None,
    limit: int | None,
    ingest_options: IngestOptions,
) -> None:
    """Print the places named in articles, resolved to GeoNames entries (GDELT geo fields).

    Reads what `tacitus code` reads: text, HTML, WARC, feeds, PETRARCH XML or JSONL files of
    {"id","text","date"}, directories, globs; - reads standard input. With --db, lists the
    places a `tacitus run` stored.

    Example:

        tacitus places article.txt --format table

        tacitus places --db news.duckdb --country GEO --format table
    """
    if db is None and (country or name or limit is not None):
        raise click.UsageError("--country, --name and --limit query a store - add --db PATH")
    if db is not None:
        if inputs:
            raise click.UsageError("give FILEs to find places or --db to query a store, not both")
        _print_places(_stored(db, country, name, limit), output_format)
        return
    from tacitus.ingest import SkipReport
    from tacitus.places import locate_articles

    report = SkipReport()
    articles = 0
    # Ingestion checks the paths when first asked: ask before anything is printed.
    stream = read_inputs(inputs, options=ingest_options, report=report)
    first = next(stream, None)
    pending = chain([first], stream) if first is not None else stream

    def found() -> Iterator[Location]:
        nonlocal articles
        for _article, locations in locate_articles(pending):
            articles += 1
            yield from locations

    places = _print_places(found(), output_format)
    skips = skip_summary(report.skipped)
    click.echo(f"{articles} articles, {places} places" + (f", skipped: {skips}" if skips else ""), err=True)
