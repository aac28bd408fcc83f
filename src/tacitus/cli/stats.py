"""`tacitus stats`: what the store holds: articles, events by root and QuadClass, dyads, skips."""

from __future__ import annotations

import json
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option, event_filter_from, filter_options
from tacitus.store import Stats, Store

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _below(figures: Stats) -> str:
    if not figures.below_threshold:
        return ""
    return f" ({figures.below_threshold} more below confidence {figures.min_confidence:g})"


def format_stats(figures: Stats) -> str:
    """The human-readable report of `tacitus stats`."""
    articles = ", ".join(f"{n} {status}" for status, n in figures.articles.items()) or "none"
    lines = [
        f"articles: {sum(figures.articles.values())} ({articles})",
        f"event mentions: {figures.events}{_below(figures)}; merged events: {figures.merged_events}",
        f"undated: {figures.undated_articles} articles, {figures.undated_events} event mentions"
        " (outside --since/--until and time series)",
        "",
        "events by root code:",
    ]
    lines += [f"  {root}  {count:>7}  {name}" for root, name, count in figures.by_root]
    lines += ["", "events by QuadClass:"]
    lines += [
        f"  {quad if quad is not None else '-'}  {count:>7}  {QUADS.get(quad or 0, 'none')}"
        for quad, count in figures.by_quad
    ]
    lines += ["", "top dyads:"]
    lines += [f"  {source} -> {target}  {count}" for source, target, count in figures.top_dyads]
    lines += ["", "top events (mentions / articles / sources):"]
    lines += [
        f"  {e['date'] or '-'}  {e['source']} -> {e['target']}  {e['code']} {e['name']}"
        f"  {e['num_mentions']}/{e['num_articles']}/{e['num_sources']}"
        for e in figures.top_events
    ]
    lines += ["", "skip reasons:"]
    lines += [f"  {reason}  {count}" for reason, count in figures.skip_reasons] or ["  none"]
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
