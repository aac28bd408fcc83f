"""`tacitus stats`: what the store holds: articles, events by root and QuadClass, dyads, skips."""

from __future__ import annotations

import json
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option, event_filter_from, filter_options
from tacitus.cli.table import table_lines
from tacitus.store import Stats, Store

INDENT = "  "
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _below(figures: Stats) -> str:
    if not figures.below_threshold:
        return ""
    return f" ({figures.below_threshold} more below confidence {figures.min_confidence:g})"


def format_stats(figures: Stats) -> str:
    """The human-readable report of `tacitus stats`; its lists are `tacitus.cli.table` tables."""
    articles = ", ".join(f"{n} {status}" for status, n in figures.articles.items()) or "none"
    lines = [
        f"articles: {sum(figures.articles.values())} ({articles})",
        f"event mentions: {figures.events}{_below(figures)}; merged events: {figures.merged_events}",
        f"undated: {figures.undated_articles} articles, {figures.undated_events} event mentions"
        " (outside --since/--until and time series)",
        "",
        "events by root code:",
    ]
    lines += table_lines(
        ("root", "events", "name"),
        [(root, count, name) for root, name, count in figures.by_root],
        indent=INDENT,
    )
    lines += ["", "events by QuadClass:"]
    quads = [(quad, count, QUADS.get(quad or 0, "none")) for quad, count in figures.by_quad]
    lines += table_lines(("quad", "events", "name"), quads, indent=INDENT)
    lines += ["", "top dyads:"]
    lines += table_lines(("source", "target", "events"), figures.top_dyads, indent=INDENT)
    lines += ["", "top events (mentions / articles / sources):"]
    top = [
        (e["date"], e["source"], e["target"], e["code"], e["name"], e["num_mentions"], e["num_articles"],
         e["num_sources"])
        for e in figures.top_events
    ]  # fmt: skip
    columns = ("date", "source", "target", "code", "name", "mentions", "articles", "sources")
    lines += table_lines(columns, top, indent=INDENT)
    lines += ["", "skip reasons:"]
    if figures.skip_reasons:
        lines += table_lines(("reason", "count"), figures.skip_reasons, indent=INDENT)
    else:
        lines.append(INDENT + "none")
    return "\n".join(lines)


@cli.command("stats")
@db_option
@filter_options
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many dyads and merged events to list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_cli(db: str | None, top: int, as_json: bool, **filters: Any) -> None:
    """Summarise the store: articles by status, events by root code and QuadClass, top
    dyads, the most reported merged events and skip reasons. Filters apply to events.

    Example:

        tacitus stats --db news.duckdb --since 2021-01-01
    """
    event_filter = event_filter_from(filters)
    with Store.open(db, read_only=True) as store:
        figures = store.stats(event_filter, top=top)
    if as_json:
        click.echo(json.dumps(figures.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_stats(figures))
