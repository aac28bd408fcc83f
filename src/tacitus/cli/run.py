"""`tacitus run`: the main job — ingest, code and store news into a DuckDB file."""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

import click

from tacitus.cli import cli
from tacitus.cli.inputs import date_option, input_options
from tacitus.cli.progress import ProgressLine
from tacitus.cli.scale import check_engine_options, engine_options, run_on_ray
from tacitus.cli.store_options import db_option, min_confidence_option
from tacitus.pipeline import RunInterrupted, RunOptions, RunReport, run

if TYPE_CHECKING:
    from tacitus.ingest import IngestOptions


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(counter.items()))


def articles_summary(report: RunReport) -> str:
    """``12 articles read = 9 coded + 1 already stored + 1 copy + 1 dropped by the coder
    (story discard: AUSTRALIAN OPEN 1)``: every article read is in exactly one of the terms."""
    copies = "copy" if report.duplicates == 1 else "copies"
    dropped = f" ({_counts(report.coder_skipped)})" if report.coder_skipped else ""
    return (
        f"{report.articles} articles read = {report.coded} coded + {report.unchanged} already "
        f"stored + {report.duplicates} {copies} + {report.coder_skipped_total} dropped by the coder{dropped}"
    )


def interrupted_summary(report: RunReport) -> str:
    """What Ctrl-C leaves: the articles saved (whole batches), those read but not saved, and
    how to resume."""
    lost = report.articles - report.unchanged - report.saved
    return (
        f"Interrupted: {report.saved} articles saved to {report.db} ({report.coded} coded with "
        f"{report.events} events, {report.duplicates} copies, {report.coder_skipped_total} dropped "
        f"by the coder), {report.unchanged} were there before; {max(lost, 0)} read since the last "
        "commit were not saved. Run the same command again to resume: stored articles are not "
        "coded again."
    )


def run_local(
    inputs: list[str],
    *,
    db: str | None,
    date: str | None = None,
    progress: bool | None = None,
    **options: Any,
) -> None:
    """`run` on this machine with a progress line, then its summary; Ctrl-C says what was saved
    (exit code 130)."""
    line = ProgressLine(enabled=progress)
    try:
        try:
            report = run(inputs, db=db, progress=line, **options)
        finally:
            line.close()
    except RunInterrupted as exc:
        click.echo(interrupted_summary(exc.report), err=True)
        sys.exit(130)
    click.echo(run_summary(report, date), err=True)


def run_summary(report: RunReport, date: str | None = None) -> str:
    """The closing line of `tacitus run`; `date` is its `--date` default, if any."""
    skipped = ""
    if report.skipped:
        skipped = (
            f"; {report.skipped_total} inputs skipped before coding ({_counts(report.skipped)}; "
            f"`tacitus skips --db {report.db}` lists them)"
        )
    undated = ""
    if report.undated:
        given = f"; dated {date} by --date" if date else ""
        undated = (
            f"; {report.undated} undated (no date: {report.undated - report.unreadable_dates}, "
            f"unreadable: {report.unreadable_dates}{given})"
        )
    return (
        f"{articles_summary(report)}{skipped}{undated}; {report.events} events written to "
        f"{report.db} ({report.confident_events} at confidence {report.min_confidence:g} or more; "
        f"lower it with --min-confidence on events/export) in {report.seconds:.1f} s"
    )


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option("--workers", type=int, default=None, help="Coding processes [default: every available core].")
@click.option(
    "--batch-size",
    type=int,
    default=128,
    show_default=True,
    help="Articles per store transaction at most (one commits every 5 s anyway).",
)
@click.option(
    "--dictionaries",
    type=click.Path(file_okay=False),
    default=None,
    help="Dictionary directory [default: the shipped PETRARCH-2/Phoenix set].",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress line on stderr [default: only on a terminal]."
)
@date_option
@input_options
@min_confidence_option
@engine_options
def run_cli(
    inputs: tuple[str, ...],
    db: str | None,
    workers: int | None,
    batch_size: int,
    dictionaries: str | None,
    progress: bool | None,
    date: str | None,
    min_confidence: float,
    engine: str,
    address: str | None,
    out: str | None,
    ingest_options: IngestOptions,
) -> None:
    """Ingest, code and store news: text, HTML, WARC, RSS/Atom, JSONL or PETRARCH-2 XML
    files, folders, globs or - for stdin. Incremental: articles already stored are not coded again, so
    rerunning adds nothing and a killed run resumes where it stopped. Every event is
    stored with its confidence; the summary counts those at --min-confidence or more
    (what `tacitus events` and `export` give by default).

    Example:

        tacitus run news/*.jsonl --db news.duckdb --workers 2

        tacitus run bbc/ --date 2005-01-01 --db bbc.duckdb

        tacitus run news/ --engine ray --address auto --out s3://bucket/shards
    """
    check_engine_options(engine, address, out)
    options = RunOptions(
        workers=workers, batch_size=batch_size, dictionaries=dictionaries, min_confidence=min_confidence
    )
    ingest_options = dataclasses.replace(ingest_options, date=date)
    if engine == "ray" and out:  # --out is required with ray (checked above)
        return run_on_ray(
            list(inputs),
            out=out,
            address=address,
            db=db,
            options=options,
            progress=progress,
            ingest_options=ingest_options,
        )
    run_local(
        list(inputs), db=db, date=date, progress=progress, options=options, ingest_options=ingest_options
    )
