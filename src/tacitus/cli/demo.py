"""`tacitus demo`: run the shipped example articles into a store, then show stats and events."""

from __future__ import annotations

from importlib import resources

import click

from tacitus.cli import cli
from tacitus.cli.run import run_local
from tacitus.cli.stats import format_stats
from tacitus.pipeline import RunOptions
from tacitus.store import EventFilter, Store


@cli.command("demo")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default="tacitus-demo.duckdb",
    show_default=True,
    help="Store to create (rerunning reuses it).",
)
@click.option("--workers", type=int, default=None, help="Coding processes [default: every available core].")
def demo_cli(db: str, workers: int | None) -> None:
    """Code the eight example wire reports shipped with Tacitus into a DuckDB store,
    then print `tacitus stats` and the top events. What `make demo` runs.

    Example:

        tacitus demo --db /tmp/demo.duckdb
    """
    examples = resources.files("tacitus").joinpath("data", "examples", "articles.jsonl")
    with resources.as_file(examples) as path:
        run_local([str(path)], db=db, options=RunOptions(workers=workers))
    shown = EventFilter.build()  # what `tacitus events`/`stats` show by default
    with Store.open(db, read_only=True) as store:
        click.echo(format_stats(store.stats(shown, top=10)))
        click.echo("")
        click.echo(f"events (tacitus events --db {db}):")
        for event in store.events(shown):
            evidence = " ".join(event.evidence.text.split())
            click.echo(f"  {event.date}  {event.source} -> {event.target}  {event.code}  {evidence[:80]}")
