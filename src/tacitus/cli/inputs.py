"""The articles that `tacitus code`, `quotes` and `places` read: whatever `tacitus ingest` reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import click

from tacitus.dates import read_date, required_day
from tacitus.records import Article

__all__ = ["date_callback", "date_option", "date_option_value", "read_inputs", "skip_summary"]

F = TypeVar("F", bound=Callable[..., Any])


def date_option_value(value: str | None) -> str | None:
    """ISO date of a `--date` value (any form `tacitus.dates` reads); one clear line when it is not one."""
    day = required_day(value, "--date")
    return day.isoformat() if day else None


def date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback for `--date`: the ISO date, or a usage error naming the option and why."""
    reading = read_date(value)
    if reading.problem:
        raise click.BadParameter(f"{reading.problem} - use YYYY-MM-DD or YYYYMMDD, e.g. 2021-02-04")
    return reading.iso


def date_option(function: F) -> F:
    """`--date`: the day of articles whose source gives none (or one that cannot be read);
    one definition for `code`, `quotes` and `run`."""
    option = click.option(
        "--date",
        metavar="DATE",
        callback=date_callback,
        help="Date of articles that carry none or an unreadable one (YYYY-MM-DD, YYYYMMDD, "
        "RFC 2822 ...); articles with their own date keep it.",
    )
    return option(function)


def read_inputs(
    inputs: Sequence[str], *, date: str | None = None, skipped: Counter[str] | None = None
) -> Iterator[Article]:
    """Articles from files, directories, globs, `.gz` or `-` (stdin), in any format ingestion
    reads (text, HTML, WARC, RSS/Atom, JSONL), cleaned and language-checked as `tacitus run` does.

    Articles without a date get `date` (the `--date` option). What ingestion skips is counted
    by reason in `skipped` (ingestion logs each one); a wrong path raises `UserInputError`.
    """
    from tacitus.ingest import Skip, read_articles

    default = date_option_value(date)
    for item in read_articles(list(inputs) or ["-"]):
        if isinstance(item, Skip):
            if skipped is not None:
                skipped[item.reason] += 1
            continue
        if item.date is None and default:
            item.date = default
        yield item


def skip_summary(skipped: Counter[str]) -> str:
    """``2 binary, 1 language:de`` — the skip counts of a command, for its closing line."""
    return ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))
