"""`tacitus places`: print the places named in articles, resolved to GeoNames entries."""

from __future__ import annotations

import json
from itertools import chain

import click

from tacitus.cli import cli
from tacitus.cli.inputs import input_options, read_inputs, skip_summary
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


def _table_row(location: Location) -> list[str]:
    data = location.as_dict()
    return ["" if data[column] is None else str(data[column]) for column in TABLE_COLUMNS]


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
def places_command(inputs: tuple[str, ...], output_format: str, ingest_options: IngestOptions) -> None:
    """Print the places named in articles, resolved to GeoNames entries (GDELT geo fields).

    Reads what `tacitus code` reads: text, HTML, WARC, feeds or JSONL files of
    {"id","text","date"}, directories, globs; - reads standard input.

    Example:

        tacitus places article.txt --format table
    """
    from tacitus.ingest import SkipReport
    from tacitus.places import locate_articles

    report = SkipReport()
    skipped = report.skipped
    articles = places = 0
    # Ingestion checks the paths when first asked: ask before the table header is printed.
    stream = read_inputs(inputs, options=ingest_options, report=report)
    first = next(stream, None)
    if output_format == "table":
        click.echo("\t".join(TABLE_COLUMNS))
    pending = chain([first], stream) if first is not None else stream
    for _article, locations in locate_articles(pending):
        articles += 1
        for location in locations:
            places += 1
            if output_format == "jsonl":
                click.echo(json.dumps(location.as_dict(), ensure_ascii=False, sort_keys=True))
            else:
                click.echo("\t".join(_table_row(location)))
    skips = skip_summary(skipped)
    click.echo(f"{articles} articles, {places} places" + (f", skipped: {skips}" if skips else ""), err=True)
