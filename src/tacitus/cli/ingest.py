"""`tacitus ingest`: news files in, cleaned and deduplicated articles out as JSONL."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sys
from typing import TextIO

import click

from tacitus.cli import cli
from tacitus.cli.inputs import input_options, undated_detail
from tacitus.errors import ExportError
from tacitus.ingest import IngestOptions, SkipReport, ingest


def format_report(report: SkipReport) -> str:
    """The --report text: articles, duplicates, undated articles, skips by reason, total."""
    lines = [f"articles: {report.articles} (duplicates marked: {report.duplicates})"]
    lines.append(f"undated: {report.undated} ({undated_detail(report)})")
    lines.append(f"skipped: {sum(report.skipped.values())}")
    for reason, count in sorted(report.skipped.items()):
        lines.append(f"  {reason}: {count}")
    lines.append(f"total: {report.total}")
    return "\n".join(lines)


def _show_progress(report: SkipReport) -> None:
    click.echo(f"\r{report.articles} articles, {sum(report.skipped.values())} skipped", nl=False, err=True)


def _quiet_extractors() -> None:
    # trafilatura and htmldate log every unparsable page at ERROR; the skip counts
    # already say it. Their messages come back with -vv.
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        for name in ("trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _output(path: str, stack: contextlib.ExitStack) -> TextIO:
    if path == "-":
        return sys.stdout
    try:
        return stack.enter_context(open(path, "w", encoding="utf-8"))
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {path} ({exc.strerror}) - check the directory exists and is writable",
            param_hint="--out",
        ) from exc


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--out", default="-", show_default=True, help="Articles JSONL file; - is stdout.")
@click.option("--report", is_flag=True, help="Print counts of articles and skips by reason to stderr.")
@click.option(
    "--skips",
    "skips_path",
    default=None,
    help="Also write every skip (origin, reason, detail) as JSONL here.",
)
@input_options
@click.option("--no-clean", is_flag=True, help="Keep extracted text as is (no cleaning rules).")
@click.option(
    "--rules",
    "rules_path",
    default=None,
    help="Cleaning rules file replacing the packaged patterns.toml.",
)
def ingest_cli(
    inputs: tuple[str, ...],
    out: str,
    report: bool,
    skips_path: str | None,
    no_clean: bool,
    rules_path: str | None,
    ingest_options: IngestOptions,
) -> None:
    """Read news (text, HTML, WARC, RSS/Atom, JSONL, PETRARCH-2 XML; files, directories,
    globs, .gz, - for stdin) and write one JSON article per line.

    \b
    Example:
        tacitus ingest pages/ crawl.warc.gz feed.xml --out articles.jsonl --report
    """
    options = dataclasses.replace(
        ingest_options,
        clean=not no_clean,
        rules=rules_path,
        exclude=frozenset(path for path in (out, skips_path) if path and path != "-"),
    )
    _quiet_extractors()
    progress = _show_progress if sys.stderr.isatty() else None
    try:
        with contextlib.ExitStack() as stack:
            target = _output(out, stack)
            skips = _output(skips_path, stack) if skips_path else None
            counts = ingest(inputs, target, options=options, skips=skips, progress=progress)
    except OSError as exc:  # a full disk, a closed pipe is not this: BrokenPipeError is main's
        if isinstance(exc, BrokenPipeError):
            raise
        where = "stdout" if out == "-" else out
        raise ExportError(
            f"writing {where} failed: {exc.strerror or exc} - free space or choose another --out; "
            "the lines written before are whole, the last one may be cut"
        ) from exc
    if progress is not None:
        click.echo("", err=True)
    if report:
        click.echo(format_report(counts), err=True)
