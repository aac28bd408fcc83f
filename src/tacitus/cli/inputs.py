"""The articles that `tacitus code`, `quotes` and `places` read: whatever `tacitus ingest` reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

import click

from tacitus.errors import UserInputError
from tacitus.records import Article

__all__ = ["date_callback", "date_option_value", "read_inputs", "skip_summary"]


def date_option_value(value: str | None) -> str | None:
    """ISO date of a `--date` value (YYYY-MM-DD or YYYYMMDD); one clear line when it is not one."""
    if value is None:
        return None
    from tacitus.actors.resolver import parse_day

    day = parse_day(value)
    if day is None:
        raise UserInputError(
            f"--date {value!r} is not a date - use YYYY-MM-DD or YYYYMMDD, e.g. --date 2021-02-04"
        )
    return day.isoformat()


def date_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click callback for `--date`: the ISO date, or a usage error naming the option."""
    try:
        return date_option_value(value)
    except UserInputError as exc:
        raise click.BadParameter(f"{value!r} is not a date - use YYYY-MM-DD or YYYYMMDD") from exc


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
