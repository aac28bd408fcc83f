"""`tacitus recode`: re-code the stored articles after a dictionary change; print what changed."""

from __future__ import annotations

import json
from typing import Any

import click

from tacitus.cli import cli
from tacitus.cli.progress import ProgressLine
from tacitus.cli.store_options import db_option
from tacitus.cli.table import table_lines
from tacitus.pipeline import RecodeReport, RunOptions, recode
from tacitus.pipeline.changes import EventChange


@cli.command("recode")
@db_option
@click.option(
    "--dictionaries",
    type=click.Path(file_okay=False),
    default=None,
    help="Dictionary directory [default: the shipped PETRARCH-2/Phoenix set].",
)
@click.option("--workers", type=int, default=None, help="Coding processes [default: every available core].")
@click.option(
    "--batch-size",
    type=int,
    default=128,
    show_default=True,
    help="Articles per store transaction at most (one commits every 5 s anyway).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, changed events included.")
@click.option(
    "--dry-run", is_flag=True, help="Code and report the change without writing: the store is left as it is."
)
@click.option(
    "--show", type=click.IntRange(min=0), default=20, show_default=True, help="Changed events listed (text)."
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress line on stderr [default: only on a terminal]."
)
def recode_cli(
    db: str | None,
    dictionaries: str | None,
    workers: int | None,
    batch_size: int,
    as_json: bool,
    dry_run: bool,
    show: int,
    progress: bool | None,
) -> None:
    """Re-code every stored article (e.g. after editing dictionaries) and report what changed:
    events added and removed per CAMEO code, then the events whose source, target or code
    changed (old -> new, with the evidence). The stored text is used: inputs are not needed.
    --dry-run codes and reports without writing, to see what an edit would do first.

    Example:

        tacitus recode --db news.duckdb --dictionaries my_dictionaries/ --dry-run

        tacitus recode --db news.duckdb --dictionaries my_dictionaries/
    """
    options = RunOptions(workers=workers, batch_size=batch_size, dictionaries=dictionaries)
    line = RecodeProgress(enabled=progress)
    try:
        report = recode(db=db, options=options, dry_run=dry_run, progress=line)
    finally:
        line.close()
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        return
    for text in report_lines(report, show):
        click.echo(text)


class RecodeProgress(ProgressLine):
    """`recoded 120/800 articles | 7 changed | events 3 changed, 1 added, 0 removed | 9.5/s`."""

    def __call__(self, report: Any) -> None:
        if not self.enabled:
            return
        rate = report.articles / report.seconds if report.seconds else 0.0
        counts = report.change_counts
        line = (
            f"recoded {report.articles}/{report.total} articles | {report.changed_articles} changed | "
            f"events {counts['changed']} changed, {counts['added']} added, {counts['removed']} removed | "
            f"{rate:.1f}/s"
        )
        click.echo(f"\r\x1b[2K{line}", err=True, nl=False)
        self.shown = True


def _side(coded: tuple[str, str, str] | None, index: int) -> str:
    return "" if coded is None else coded[index]


def _cell(change: EventChange, index: int) -> str:
    before, after = _side(change.before, index), _side(change.after, index)
    if change.kind != "changed" or before == after:
        return before or after
    return f"{before} -> {after}"


def report_lines(report: RecodeReport, show: int) -> list[str]:
    """The text report: a summary line, the per-code table, then up to `show` changed events."""
    counts = report.change_counts
    verb = "would change" if report.dry_run else "changed"
    dry = " (dry run: nothing written)" if report.dry_run else ""
    lines = [
        f"recoded {report.articles} articles in {report.seconds:.1f} s{dry}; "
        f"{report.changed_articles} of them {verb}: "
        f"events {counts['changed']} changed, {counts['added']} added, {counts['removed']} removed"
    ]
    if not report.by_code() and not report.changes:
        return lines
    if report.by_code():  # an edit may change actors only: no code gains or loses events
        lines += ["", *table_lines(("code", "added", "removed"), report.by_code())]
    listed = report.changes[:show]
    if listed:
        total = sum(counts.values())
        lines += ["", f"events {verb} ({len(listed)} of {total}; --json lists {len(report.changes)}):"]
        rows = [
            (c.doc_id, c.sentence, c.kind, _cell(c, 0), _cell(c, 1), _cell(c, 2), c.evidence) for c in listed
        ]
        lines += table_lines(("doc_id", "sentence", "change", "source", "target", "code", "evidence"), rows)
    return lines
