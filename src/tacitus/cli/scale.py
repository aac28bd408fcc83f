"""`tacitus load` and the `--engine ray` branch of `tacitus run` (Parquet shards on Ray)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option
from tacitus.pipeline import RunOptions

__all__ = ["engine_options", "check_engine_options", "run_on_ray"]

F = TypeVar("F", bound=Callable[..., Any])


def engine_options(function: F) -> F:
    """`--engine`, `--address` and `--out` of `tacitus run`."""
    options = [
        click.option(
            "--engine",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="local: processes on this machine; ray: a Ray cluster writing "
            "Parquet shards to --out (needs Ray: from a checkout, pip install '.[ray]'; "
            "Tacitus is not on a package index yet).",
        ),
        click.option(
            "--address",
            metavar="auto|ray://HOST:PORT",
            default=None,
            help="Ray cluster to join [default: start a private local one].",
        ),
        click.option(
            "--out",
            metavar="DIR",
            default=None,
            help="Shard directory or URI (s3://…, gs://…) for --engine ray.",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def check_engine_options(engine: str, address: str | None, out: str | None) -> None:
    """Incompatible options fail before any work."""
    if engine == "ray" and not out:
        raise click.UsageError(
            "--engine ray needs --out DIR - e.g. --out shards/ (then tacitus load shards/ --db news.duckdb)"
        )
    if engine == "local" and (address or out):
        given = "--address" if address else "--out"
        raise click.UsageError(f"{given} is only for --engine ray - add --engine ray or leave it out")


class _RayProgress:
    def __init__(self, *, enabled: bool | None) -> None:
        from tacitus.cli.progress import ProgressLine

        self.line = ProgressLine(enabled=enabled)

    def __call__(self, report: Any) -> None:
        if self.line.enabled:
            rate = report.articles / report.seconds if report.seconds else 0.0
            click.echo(
                f"\r\x1b[2Kshards {report.shards} | articles {report.articles} | "
                f"events {report.events} | skipped {report.skipped_total} | "
                f"{rate:.1f}/s",
                err=True,
                nl=False,
            )
            self.line.shown = True

    def close(self) -> None:
        self.line.close()


def run_on_ray(
    inputs: list[str],
    *,
    out: str,
    address: str | None,
    db: str | None,
    options: RunOptions,
    progress: bool | None,
    ingest_options: Any = None,
) -> None:
    """`tacitus run --engine ray`: write shards, then load them if --db was given."""
    from tacitus.scale import StoredArticles, load_shards, run_ray

    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        logging.getLogger("ray").setLevel(logging.WARNING)  # Ray Data logs every run at INFO
    # With --db, what the store already holds unchanged is not coded again (as the local engine).
    stored = StoredArticles.from_store(db) if db is not None else None
    line = _RayProgress(enabled=progress)
    try:
        report = run_ray(
            inputs,
            out=out,
            address=address,
            options=options,
            progress=line,
            stored=stored,
            ingest_options=ingest_options,
        )
    finally:
        line.close()
    skips = ", ".join(f"{reason} {n}" for reason, n in sorted(report.skipped.items()))
    click.echo(
        f"{report.files} files on {report.workers} Ray workers: {report.articles} "
        f"articles ({report.coded} coded, {report.duplicates} copies"
        f"{f', {report.unchanged} unchanged in {db}' if report.unchanged else ''}), "
        f"{report.skipped_total} skipped{f' ({skips})' if skips else ''}; "
        f"{report.events} events in {report.shards} shards under {out} in "
        f"{report.seconds:.1f} s",
        err=True,
    )
    if db is not None:
        click.echo(load_summary(load_shards(out, db=db)), err=True)


def load_summary(report: Any) -> str:
    return (
        f"{report.shards} shards, {report.rows} article rows: {report.loaded} loaded "
        f"({report.replaced} replacing changed ones, {report.duplicates} copies), "
        f"{report.unchanged} already stored; {report.events} events, {report.skips} "
        f"input skips written to {report.db} in {report.seconds:.1f} s"
    )


@cli.command("load")
@click.argument("directory", metavar="DIR")
@db_option
@click.option(
    "--near-duplicates",
    "near_threshold",
    type=click.FloatRange(0, 1, max_open=True),
    default=0.8,
    show_default=True,
    help="Similarity above which loaded articles are copies (as ingestion); 0: exact copies only.",
)
def load_cli(directory: str, db: str | None, near_threshold: float) -> None:
    """Merge the Parquet shards written by `tacitus run --engine ray` into the DuckDB
    store. Idempotent: loading the same shards again, or shards holding a retried
    batch twice, adds nothing; articles whose content changed replace their rows.

    Example:

        tacitus load shards/ --db news.duckdb
    """
    from tacitus.scale import load_shards

    click.echo(load_summary(load_shards(directory, db=db, near_threshold=near_threshold)), err=True)
