"""`tacitus quotes`: quotations and reported speech of articles, with their speakers."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from tacitus.cli import cli
from tacitus.errors import UserInputError
from tacitus.records import Article, Quote

log = logging.getLogger(__name__)

_TABLE_WIDTH = 70


def read_inputs(
    inputs: Sequence[str], *, date: str | None = None, skipped: list[str] | None = None
) -> Iterator[Article]:
    """Articles from plain text files or JSONL `{"id","text","date"}` files; `-` is stdin.

    Stands in for `tacitus.ingest.read_articles` until that lands. A JSONL line that is not
    an object with a `text` string is skipped: its reason is logged and added to `skipped`.
    """
    skipped = skipped if skipped is not None else []
    for name in inputs or ["-"]:
        if name != "-" and not Path(name).is_file():
            raise UserInputError(f"input file {name!r} not found - give a text or JSONL file, or - for stdin")
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        if name.endswith(".jsonl") or (name == "-" and text.lstrip().startswith("{")):
            yield from _jsonl_articles(name, text, date, skipped)
        else:
            yield Article(id=Path(name).stem if name != "-" else "stdin", text=text, date=date, origin=name)


def _jsonl_articles(name: str, text: str, date: str | None, skipped: list[str]) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("skipped %s:%d: not JSON (%s)", name, number, exc)
            skipped.append(f"{name}:{number}: not JSON")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            log.warning("skipped %s:%d: no 'text' string", name, number)
            skipped.append(f"{name}:{number}: no 'text' string")
            continue
        yield Article(
            id=str(record.get("id") or f"{Path(name).stem}:{number}"),
            text=record["text"],
            date=record.get("date") or date,
            origin=f"{name}:{number}",
        )


def _table_row(quote: Quote) -> str:
    speaker = quote.speaker
    who = (speaker.name or speaker.text) if speaker else "?"
    code = (speaker.code or "") if speaker else ""
    content = " ".join(quote.content.text.split())
    if len(content) > _TABLE_WIDTH:
        content = content[: _TABLE_WIDTH - 1] + "…"
    return f"{quote.doc_id[:20]:20}  {quote.kind:8}  {who[:24]:24}  {code:8}  {content}"


def _print_quotes(quotes: list[Quote], output_format: str) -> None:
    if output_format == "table":
        click.echo(f"{'doc_id':20}  {'kind':8}  {'speaker':24}  {'code':8}  content")
    for quote in quotes:
        if output_format == "jsonl":
            click.echo(json.dumps(quote.as_dict(), ensure_ascii=False, sort_keys=True))
        else:
            click.echo(_table_row(quote))


def _stored(db: str | None, speaker: str | None, country: str | None, limit: int | None) -> list[Quote]:
    from tacitus.quotes.stored import stored_quotes
    from tacitus.store import Store

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
@click.option("--date", default=None, help="Article date (YYYY-MM-DD) for inputs that carry none.")
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
) -> None:
    """Find quotations and reported speech and who said them.

    Reads plain text files or JSONL files of {"id", "text", "date"} (- for stdin), or with
    --db lists the quotes a `tacitus run` stored.

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
    from tacitus.quotes import extract_quotes

    # The coder's parse, actor mentions and resolver give speakers their CAMEO codes.
    coder = Coder()
    if output_format == "table":
        click.echo(f"{'doc_id':20}  {'kind':8}  {'speaker':24}  {'code':8}  content")
    skipped: list[str] = []
    articles = quotes = 0
    for coded in coder.code_articles(read_inputs(inputs, date=date, skipped=skipped)):
        if coded.skipped:
            skipped.append(f"{coded.article.id}: {coded.skipped}")
            continue
        articles += 1
        found = extract_quotes(coded.article, coded.doc, actors=coded.actors, resolver=coder.resolver)
        for quote in found:
            quotes += 1
            if output_format == "jsonl":
                click.echo(json.dumps(quote.as_dict(), ensure_ascii=False, sort_keys=True))
            else:
                click.echo(_table_row(quote))
    click.echo(f"{articles} articles, {quotes} quotes, {len(skipped)} skipped", err=True)
    for reason in skipped:
        click.echo(f"skipped {reason}", err=True)
