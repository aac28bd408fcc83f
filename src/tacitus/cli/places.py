"""`tacitus places`: print the places named in articles, resolved to GeoNames entries."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from tacitus.cli import cli
from tacitus.records import Article, Location

log = logging.getLogger(__name__)

TABLE_COLUMNS = ("doc_id", "name", "resolved_name", "country", "admin1", "geo_type", "lat", "lon",
                 "confidence", "mention")


def read_inputs(inputs: tuple[str, ...], skipped: dict[str, int]) -> Iterator[Article]:
    """Articles from plain-text files or JSONL files of {"id","text","date"} (``-`` is stdin).

    Stand-in for `tacitus.ingest.read_articles`, which replaces it when the stages merge. A JSONL
    line that is not an object with a non-empty "text" is skipped and counted in `skipped`.
    """
    for name in inputs or ("-",):
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        if name.endswith(".jsonl") or (name == "-" and text.lstrip().startswith("{")):
            yield from _jsonl_articles(name, text, skipped)
        elif text.strip():
            yield Article(id=Path(name).stem if name != "-" else "stdin", text=text, origin=name)
        else:
            skipped["empty"] = skipped.get("empty", 0) + 1


def _jsonl_articles(name: str, text: str, skipped: dict[str, int]) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            row = None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"]:
            reason = "bad-json" if row is None else "no-text"
            skipped[reason] = skipped.get(reason, 0) + 1
            log.warning("%s:%d skipped: %s", name, number, reason)
            continue
        yield Article(id=str(row.get("id") or f"{name}:{number}"), text=row["text"],
                      date=row.get("date"), title=row.get("title"), origin=f"{name}:{number}")


def _table_row(location: Location) -> list[str]:
    data = location.as_dict()
    return ["" if data[column] is None else str(data[column]) for column in TABLE_COLUMNS]


@cli.command("places")
@click.argument("inputs", nargs=-1, metavar="[FILE ...|-]")
@click.option("--format", "output_format", type=click.Choice(["jsonl", "table"]),
              default="jsonl", show_default=True, help="One JSON object per place, or a table.")
def places_command(inputs: tuple[str, ...], output_format: str) -> None:
    """Print the places named in articles, resolved to GeoNames entries (GDELT geo fields).

    Reads plain text files or JSONL files of {"id","text","date"}; - reads standard input.

    Example:

        tacitus places article.txt --format table
    """
    from tacitus.places import locate_articles

    for name in inputs:
        if name != "-" and not Path(name).is_file():
            raise click.BadParameter(
                f"{name} is not a file - give text or JSONL files, or - for standard input",
                param_hint="FILE",
            )
    skipped: dict[str, int] = {}
    articles = places = 0
    if output_format == "table":
        click.echo("\t".join(TABLE_COLUMNS))
    for _article, locations in locate_articles(read_inputs(inputs, skipped)):
        articles += 1
        for location in locations:
            places += 1
            if output_format == "jsonl":
                click.echo(json.dumps(location.as_dict(), ensure_ascii=False, sort_keys=True))
            else:
                click.echo("\t".join(_table_row(location)))
    skips = ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))
    click.echo(f"{articles} articles, {places} places"
               + (f", skipped: {skips}" if skips else ""), err=True)
