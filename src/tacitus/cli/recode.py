"""`tacitus recode`: re-code the stored articles after a dictionary change; print what changed."""

from __future__ import annotations

import json

import click

from tacitus.cli import cli
from tacitus.cli.store_options import db_option
from tacitus.pipeline import RunOptions, recode


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
@click.option("--json", "as_json", is_flag=True, help="Print the change report as JSON.")
def recode_cli(
    db: str | None, dictionaries: str | None, workers: int | None, batch_size: int, as_json: bool
) -> None:
    """Re-code every stored article (e.g. after editing dictionaries) and report events
    added and removed per CAMEO code. The stored text is used: inputs are not needed.

    Example:

        tacitus recode --db news.duckdb --dictionaries my_dictionaries/
    """
    options = RunOptions(workers=workers, batch_size=batch_size, dictionaries=dictionaries)
    report = recode(db=db, options=options)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    click.echo(
        f"recoded {report.articles} articles in {report.seconds:.1f} s; {report.changed_articles} changed"
    )
    click.echo("code\tadded\tremoved")
    for code, added, removed in report.by_code():
        click.echo(f"{code}\t{added}\t{removed}")
