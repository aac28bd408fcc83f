"""The articles that `tacitus code`, `quotes` and `places` read: whatever `tacitus ingest` reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tacitus.dates import read_date, required_day
from tacitus.records import Article

if TYPE_CHECKING:  # ingestion is imported when first used: `tacitus --help` stays fast
    from tacitus.ingest import SkipReport

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
    inputs: Sequence[str], *, date: str | None = None, report: SkipReport | None = None
) -> Iterator[Article]:
    """Articles from files, directories, globs, `.gz` or `-` (stdin), in any format ingestion
    reads (text, HTML, WARC, RSS/Atom, JSONL), cleaned and language-checked as `tacitus run` does.

    Articles without a readable date get `date` (the `--date` option). Articles, undated ones
    and what ingestion skips (by reason) are counted in `report`; ingestion logs each skip and
    undated article. A wrong path raises `UserInputError`.
    """
    from tacitus.ingest import IngestOptions, iter_articles

    options = IngestOptions(date=date_option_value(date))
    return iter_articles(list(inputs) or ["-"], options=options, report=report)


def skip_summary(skipped: Counter[str]) -> str:
    """``2 binary, 1 language:de`` — the skip counts of a command, for its closing line."""
    return ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))


def undated_detail(report: SkipReport) -> str:
    """``no date: 1227, unreadable: 1`` — why articles are undated, for reports and summaries."""
    return f"no date: {report.undated - report.unreadable_dates}, unreadable: {report.unreadable_dates}"


def undated_summary(report: SkipReport, date: str | None) -> str:
    """``, 3 undated (no date: 2, unreadable: 1; dated 2021-02-04 by --date)``, or nothing
    when every article had its own date: for a command's closing line."""
    if not report.undated:
        return ""
    given = f"; dated {date_option_value(date)} by --date" if date else ""
    return f", {report.undated} undated ({undated_detail(report)}{given})"
