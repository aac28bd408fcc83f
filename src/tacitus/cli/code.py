"""`tacitus code`: code articles (plain text or JSONL) into events."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from tacitus.actors.resolver import parse_day
from tacitus.cli import cli
from tacitus.coder import CoderOptions, code_articles
from tacitus.coder.output import FORMATS, write_events
from tacitus.records import Article

log = logging.getLogger(__name__)


def read_articles(inputs: Sequence[str], *, date: str | None = None) -> Iterator[Article]:
    """Articles from files or stdin (``-``): JSONL ``{"id","text","date"}`` when the
    first line is a JSON object, else one plain-text article per input.

    Kept in one function: `tacitus.ingest.read_articles` replaces it."""
    default_day = parse_day(date)
    for name in inputs or ["-"]:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8", errors="replace")
        stem = "stdin" if name == "-" else Path(name).stem
        first = next((line for line in text.splitlines() if line.strip()), "")
        if not first.lstrip().startswith("{"):
            yield Article(id=stem, text=text, date=default_day.isoformat() if default_day else None, origin=name)
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                body = record["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                log.warning("%s:%d skipped: not a JSON record with a text (%s)", name, number, exc)
                continue
            day = parse_day(record.get("date")) or default_day
            yield Article(
                id=str(record.get("id") or f"{stem}:{number}"),
                text=str(body),
                date=day.isoformat() if day else None,
                origin=f"{name}:{number}",
            )


@cli.command("code")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--date", help="Date of plain-text articles (YYYY-MM-DD or YYYYMMDD); JSONL records carry their own.")
@click.option(
    "--dictionaries",
    type=click.Path(exists=True, file_okay=False),
    help="A PETRARCH dictionary directory instead of the shipped production set.",
)
@click.option("--model", help="spaCy model package or directory (default: en_core_web_sm).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--include-negated", is_flag=True, help="Also output negated events (flagged \"negated\": true).")
def code_command(
    inputs: tuple[str, ...],
    date: str | None,
    dictionaries: str | None,
    model: str | None,
    fmt: str,
    include_negated: bool,
) -> None:
    """Code news text into CAMEO/PLOVER events (one per line on stdout).

    FILE is a plain-text article (one per file) or JSONL records
    {"id", "text", "date"}; "-" or nothing reads stdin.

    Example:

        tacitus code article.txt --date 2021-02-04 --format table

        echo '{"id": "a1", "text": "China and Russia agreed.", "date": "20210204"}' | tacitus code -
    """
    if date is not None and parse_day(date) is None:
        raise click.BadParameter(f"{date!r} is not a date - use YYYY-MM-DD or YYYYMMDD", param_hint="--date")
    loaded = None
    if dictionaries is not None:
        from tacitus.dictionaries import load_dictionaries

        loaded = load_dictionaries(dictionaries)
    options = CoderOptions(include_negated=include_negated)
    articles = read_articles(inputs, date=date)
    coded = code_articles(articles, dictionaries=loaded, model=model, options=options)
    counts = {"articles": 0, "events": 0, "skipped": 0}

    def events():  # type: ignore[no-untyped-def]
        for article in coded:
            counts["articles"] += 1
            if article.skipped:
                counts["skipped"] += 1
                log.warning("article %s skipped: %s", article.article.id, article.skipped)
            yield from article.events

    counts["events"] = write_events(events(), sys.stdout, fmt)
    click.echo(
        f"{counts['articles']} articles, {counts['events']} events, {counts['skipped']} skipped",
        err=True,
    )
