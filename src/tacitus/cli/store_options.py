"""Option stacks shared by the store commands: `--db` and the event filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from tacitus.store import EventFilter

__all__ = ["db_option", "filter_options", "event_filter_from", "min_confidence_option"]

F = TypeVar("F", bound=Callable[..., Any])

FILTER_NAMES = (
    "source",
    "target",
    "dyad",
    "pair",
    "code",
    "root",
    "since",
    "until",
    "country",
    "near",
    "within",
    "min_confidence",
    "include_negated",
    "include_hypothetical",
)


def db_option(function: F) -> F:
    """`--db PATH`; without it `TACITUS_DB`, then `tacitus.toml`, then ./tacitus.duckdb."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=None,
        help="DuckDB store [default: $TACITUS_DB, [store] db in ./tacitus.toml, ./tacitus.duckdb].",
    )(function)


def filter_options(function: F) -> F:
    """The event filters of `tacitus events`, `stats` and `export`."""
    options = [
        click.option("--source", metavar="CODE", help="Source actor code prefix, e.g. CHN."),
        click.option("--target", metavar="CODE", help="Target actor code prefix, e.g. RUS."),
        click.option(
            "--dyad", metavar="SRC,TGT", help="Directed pair of code prefixes: SRC acts on TGT, e.g. CHN,RUS."
        ),
        click.option("--pair", metavar="A,B", help="Pair of code prefixes in either direction (A→B or B→A)."),
        click.option("--code", metavar="CODE", help="CAMEO code prefix, e.g. 04 or 042."),
        click.option("--root", metavar="RR", help="CAMEO root code 01-20."),
        click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this date."),
        click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this date."),
        click.option("--country", metavar="ISO3", help="Events located in this country, e.g. GEO."),
        click.option("--near", metavar="PLACE", help="Events located at or near PLACE, e.g. Tbilisi."),
        click.option("--within", metavar="KM", type=float, help="Radius for --near in km (default 25)."),
        min_confidence_option,
        click.option(
            "--include-negated",
            is_flag=True,
            help="Also negated events ('did not attack'), left out by default.",
        ),
        click.option(
            "--include-hypothetical",
            is_flag=True,
            help="Also hypothetical events ('could approve'), left out by default.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def min_confidence_option(function: F) -> F:
    """`--min-confidence X`: leave out events the confidence model scores below X."""
    from tacitus.events.confidence import default_min_confidence

    default = default_min_confidence()
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=default,
        show_default=True,
        metavar="P",
        help="Leave out events whose confidence (0-1, the model's probability that the event is "
        "right) is below P; 0 keeps all. The default is the calibrated threshold.",
    )(function)


def event_filter_from(options: dict[str, Any], *, limit: int | None = None) -> EventFilter:
    """Build the filter from the parsed options (pops them from `options`)."""
    values = {name: options.pop(name, None) for name in FILTER_NAMES}
    return EventFilter.build(**values, limit=limit)
