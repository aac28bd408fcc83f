"""What the news-reading commands share: their input options and the articles they read."""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from tacitus.dates import read_date, required_day
from tacitus.ingest import IngestOptions, JsonlFields
from tacitus.ingest.options import DUPLICATE_MODES, MEGABYTE
from tacitus.records import Article

if TYPE_CHECKING:
    from tacitus.ingest import SkipReport

__all__ = [
    "date_callback",
    "date_option",
    "date_option_value",
    "input_options",
    "read_inputs",
    "skip_summary",
]

JSONL_FIELD_NAMES = tuple(field.name for field in dataclasses.fields(JsonlFields))

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


def jsonl_fields(pairs: Sequence[str]) -> JsonlFields:
    """JsonlFields from ``NAME=KEY`` pairs; a bad pair is a usage error naming the choices."""
    chosen: dict[str, str] = {}
    for pair in pairs:
        name, _, key = pair.partition("=")
        if name not in JSONL_FIELD_NAMES or not key:
            raise click.BadParameter(
                f"{pair!r} is not NAME=KEY - use one of {', '.join(JSONL_FIELD_NAMES)}, e.g. text=body",
                param_hint="--field",
            )
        chosen[name] = key
    return JsonlFields(**chosen)


def _fields_callback(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> JsonlFields:
    return jsonl_fields(value)


def _read_options(
    fields: JsonlFields, languages: tuple[str, ...], duplicates: str, max_mb: float
) -> IngestOptions:
    return IngestOptions(
        max_bytes=int(max_mb * MEGABYTE),
        jsonl=fields,
        languages=frozenset() if "any" in languages else frozenset(languages),
        duplicates=duplicates,
    )


def input_options(function: F) -> F:
    """`--field`, `--language`, `--duplicates` and `--max-mb`: how news is read, one definition
    for `ingest`, `run`, `code`, `quotes` and `places`. The command gets them as one keyword,
    ``ingest_options``, an `IngestOptions` (its `date`, `clean`, `rules` and `exclude` left at
    their defaults for the command to set)."""

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        kwargs["ingest_options"] = _read_options(
            kwargs.pop("fields"), kwargs.pop("languages"), kwargs.pop("duplicates"), kwargs.pop("max_mb")
        )
        return function(*args, **kwargs)

    options = [
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME=KEY",
            callback=_fields_callback,
            help="JSONL key for a field, e.g. --field text=body --field id=doc_id (repeatable; "
            f"NAME is one of {', '.join(JSONL_FIELD_NAMES)}).",
        ),
        click.option(
            "--language",
            "languages",
            multiple=True,
            default=("en",),
            show_default=True,
            help="Language code to keep (repeatable); 'any' keeps every language.",
        ),
        click.option(
            "--duplicates",
            type=click.Choice(DUPLICATE_MODES),
            default="mark",
            show_default=True,
            help="mark: keep copies with duplicate_of set; drop: skip them; off: no dedup.",
        ),
        click.option(
            "--max-mb",
            type=click.FloatRange(min=0, min_open=True),
            default=10.0,
            show_default=True,
            help="Skip documents larger than this many megabytes as too_large.",
        ),
    ]
    decorated: Any = command
    for option in reversed(options):
        decorated = option(decorated)
    return cast(F, decorated)


def read_inputs(
    inputs: Sequence[str],
    *,
    options: IngestOptions | None = None,
    date: str | None = None,
    report: SkipReport | None = None,
) -> Iterator[Article]:
    """Articles from files, directories, globs, `.gz` or `-` (stdin), in any format ingestion
    reads (text, HTML, WARC, RSS/Atom, JSONL, PETRARCH XML), cleaned and language-checked as
    `tacitus run` does, read as `options` (the command's `input_options`) say.

    Articles without a readable date get `date` (the `--date` option). Articles, undated ones
    and what ingestion skips (by reason) are counted in `report`; ingestion logs each skip and
    undated article. A wrong path raises `UserInputError`.
    """
    from tacitus.ingest import iter_articles

    options = dataclasses.replace(options or IngestOptions(), date=date_option_value(date))
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
