"""A one-line progress display on stderr for long runs; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from tacitus.pipeline import RunReport

__all__ = ["ProgressLine"]


class ProgressLine:
    """Rewrites one stderr line with counts of articles, events and skips (a progress line, not a log)."""

    def __init__(self, *, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.shown = False

    def __call__(self, report: RunReport) -> None:
        if not self.enabled:
            return
        rate = report.articles / report.seconds if report.seconds else 0.0
        skips = ", ".join(f"{reason} {n}" for reason, n in report.skipped.most_common(3))
        dropped = report.coder_skipped_total
        line = (
            f"articles {report.articles} (coded {report.coded}, unchanged {report.unchanged}, "
            f"copies {report.duplicates}{f', dropped {dropped}' if dropped else ''}) | "
            f"events {report.events} | skipped inputs {report.skipped_total}"
            f"{f' ({skips})' if skips else ''} | {rate:.1f}/s"
        )
        click.echo(f"\r\x1b[2K{line}", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)
