"""`tacitus quotes`: quotations and reported speech of articles, with their speakers."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import click

from tacitus.cli import cli
from tacitus.cli.inputs import date_option, input_options, read_inputs, skip_summary, undated_summary
from tacitus.cli.table import echo_records
from tacitus.ingest import IngestOptions
from tacitus.records import Quote

log = logging.getLogger(__name__)

TABLE_COLUMNS = ("doc_id", "kind", "speaker", "code", "content")


def _table_row(quote: Quote) -> tuple[str | None, ...]:
    speaker = quote.speaker
    who = (speaker.name or speaker.text) if speaker else "?"
    return (quote.doc_id, quote.kind, who, speaker.code if speaker else None, quote.content.text)


def _print_quotes(quotes: Iterable[Quote], output_format: str) -> int:
    """Print quotes as JSONL or a table; returns how many."""
    return echo_records(quotes, output_format, TABLE_COLUMNS, _table_row)


def _stored(db: str | None, speaker: str | None, country: str | None, limit: int | None) -> list[Quote]:
    from tacitus.store import Store
    from tacitus.store.quotes import stored_quotes

    with Store.open(db, read_only=True) as store:
        return stored_quotes(store.con, speaker=speaker, country=country, limit=limit)


@cli.command("quotes")
@click.argument("inputs", nargs=-1, metavar="[FILE ...|-]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one quote per line; table: aligned columns.",
)
@date_option
@input_options
@click.option("--db", default=None, help="Query the quotes of this DuckDB store instead of FILEs.")
@click.option("--speaker", default=None, help="With --db: speakers whose name contains this.")
@click.option("--country", default=None, help="With --db: speakers of this country (RUS) or code.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="With --db: at most N.")
def quotes_command(
    inputs: tuple[str, ...],
    output_format: str,
    date: str | None,
    db: str | None,
    speaker: str | None,
    country: str | None,
    limit: int | None,
    ingest_options: IngestOptions,
) -> None:
    """Find quotations and reported speech and who said them.

    Reads what `tacitus code` reads (text, HTML, WARC, feeds or JSONL files of
    {"id","text","date"}, directories, globs; - for stdin), or with --db lists the
    quotes a `tacitus run` stored.

    Example:

        tacitus quotes article.txt --date 2021-02-04 --format table

        tacitus quotes --db news.duckdb --speaker Lavrov --country RUS
    """
    if db is None and (speaker or country or limit is not None):
        raise click.UsageError("--speaker, --country and --limit query a store - add --db PATH")
    if db is not None:
        if inputs:
            raise click.UsageError("give FILEs to extract quotes or --db to query a store, not both")
        _print_quotes(_stored(db, speaker, country, limit), output_format)
        return
    from tacitus.coder import Coder
    from tacitus.ingest import SkipReport
    from tacitus.quotes import extract_quotes

    # The coder's parse, actor mentions and resolver give speakers their CAMEO codes.
    coder = Coder()
    report = SkipReport()
    skipped = report.skipped
    articles = 0

    def found() -> Iterator[Quote]:
        nonlocal articles
        stream = read_inputs(inputs, options=ingest_options, date=date, report=report)
        for coded in coder.code_articles(stream):
            if coded.skipped or coded.doc is None:
                skipped[coded.skipped or "not parsed"] += 1
                continue
            articles += 1
            yield from extract_quotes(coded.article, coded.doc, actors=coded.actors, resolver=coder.resolver)

    quotes = _print_quotes(found(), output_format)
    skips = skip_summary(skipped)
    click.echo(
        f"{articles} articles, {quotes} quotes"
        + undated_summary(report, date)
        + (f", skipped: {skips}" if skips else ""),
        err=True,
    )
