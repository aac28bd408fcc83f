"""`tacitus code`: code articles (any input `tacitus ingest` reads) into events."""

from __future__ import annotations

import logging
import sys

import click

from tacitus.cli import cli
from tacitus.cli.inputs import date_option, input_options, read_inputs, skip_summary, undated_summary
from tacitus.cli.store_options import min_confidence_option
from tacitus.cli.table import echo_table
from tacitus.coder import CoderOptions, code_articles
from tacitus.coder.output import FORMATS, write_events
from tacitus.events.confidence import confident
from tacitus.ingest import IngestOptions
from tacitus.records import Event

log = logging.getLogger(__name__)

TABLE_COLUMNS = ("doc_id", "sent", "source", "target", "code", "plover", "conf", "verb", "evidence")


def _table_row(event: Event) -> tuple[str | int | float | None, ...]:
    plover = event.plover.get("event_type")
    return (event.doc_id, event.sentence, event.source, event.target, event.code, plover,
            event.confidence, event.verb, event.evidence.text)  # fmt: skip


@cli.command("code")
@click.argument("inputs", nargs=-1, metavar="[FILE ...|-]")
@date_option
@input_options
@click.option(
    "--dictionaries",
    type=click.Path(exists=True, file_okay=False),
    help="A PETRARCH dictionary directory instead of the shipped production set.",
)
@click.option("--model", help="spaCy model package or directory (default: en_core_web_sm).")
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "table")), default="jsonl", show_default=True)
@click.option("--include-negated", is_flag=True, help='Also output negated events (flagged "negated": true).')
@min_confidence_option
def code_command(
    inputs: tuple[str, ...],
    date: str | None,
    dictionaries: str | None,
    model: str | None,
    fmt: str,
    include_negated: bool,
    min_confidence: float,
    ingest_options: IngestOptions,
) -> None:
    """Code news text into CAMEO/PLOVER events (one per line on stdout).

    FILE is anything `tacitus ingest` reads: a plain-text article, an HTML page,
    a WARC archive, an RSS/Atom feed, PETRARCH-2 XML or JSONL records {"id", "text",
    "date"} (other keys with --field text=KEY); also
    directories, globs and .gz. "-" or nothing reads stdin. Articles are cleaned
    and language-checked first; evidence offsets point into the cleaned text.
    Events the confidence model scores below --min-confidence are left out (0 keeps all).

    Example:

        tacitus code article.txt --date 2021-02-04 --format table

        echo '{"id": "a1", "text": "China and Russia agreed.", "date": "20210204"}' | tacitus code -
    """
    loaded = None
    if dictionaries is not None:
        from tacitus.dictionaries import load_dictionaries

        loaded = load_dictionaries(dictionaries)
    options = CoderOptions(include_negated=include_negated)
    from tacitus.ingest import SkipReport

    report = SkipReport()
    skipped = report.skipped
    articles = read_inputs(inputs, options=ingest_options, date=date, report=report)
    coded = code_articles(articles, dictionaries=loaded, model=model, options=options)
    counts = {"articles": 0, "events": 0, "below": 0}

    def events():
        for article in coded:
            counts["articles"] += 1
            if article.skipped:
                skipped[article.skipped] += 1
                log.warning("article %s skipped: %s", article.article.id, article.skipped)
            for event in article.events:
                if confident(event, min_confidence):
                    yield event
                else:
                    counts["below"] += 1

    if fmt == "table":  # the one table layout of every command (`tacitus.cli.table`)
        counts["events"] = echo_table(TABLE_COLUMNS, (_table_row(event) for event in events()))
    else:
        counts["events"] = write_events(events(), sys.stdout, fmt)
    skips = skip_summary(skipped)
    below = f" ({counts['below']} more below confidence {min_confidence:g})" if counts["below"] else ""
    click.echo(
        f"{counts['articles']} articles, {counts['events']} events{below}"
        + undated_summary(report, date)
        + (f", skipped: {skips}" if skips else ""),
        err=True,
    )
