"""`tacitus dictionaries`: check a dictionary set and print its counts and problems."""

from __future__ import annotations

import dataclasses
import json
import logging

import click

from tacitus.cli import cli
from tacitus.cli.inputs import date_callback
from tacitus.dates import parse_day
from tacitus.dictionaries import BUILTIN_SOURCE, DictionarySet, load_dictionaries
from tacitus.dictionaries.known import known_problems, why_harmless
from tacitus.dictionaries.lookup import lookup

__all__ = ["dictionaries_group"]


@cli.group(name="dictionaries")
def dictionaries_group() -> None:
    """Read, check and summarise PETRARCH/TABARI dictionary sets.

    Example:

        tacitus dictionaries check ../my-dictionaries --strict
    """


@dictionaries_group.command(name="check")
@click.argument(
    "directory",
    required=False,
    type=click.Path(exists=True, file_okay=False, dir_okay=True),
)
@click.option("--strict", is_flag=True, help="Stop with an error at the first problem.")
@click.option("--no-cache", is_flag=True, help="Parse the files even if a cached set exists.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: counts and problems.")
def check_command(directory: str | None, strict: bool, no_cache: bool, as_json: bool) -> None:
    """Count what a dictionary set holds and list every problem as FILE:LINE: REASON.

    DIRECTORY holds CAMEO*.txt or *verbs*.txt, *actors*.txt and optionally
    *agents*, *discards*, *issue* and *prepositions* files; without it the
    dictionaries shipped with Tacitus are checked, and each kind of warning they
    still carry is followed by a `harmless:` line saying why it changes no coding.
    Exit code 1 when a line had to be skipped (an error), 0 when there are only
    warnings. A date range that cannot be read stops the load (exit 1, FILE:LINE).

    Example:

        tacitus dictionaries check

        tacitus dictionaries check my-dictionaries/ --json
    """
    # Problems are printed below; logging each one to stderr as well would say it twice.
    logging.getLogger("tacitus.dictionaries").setLevel(logging.ERROR)
    dictionaries = load_dictionaries(directory, strict=strict, use_cache=not no_cache)
    builtin = dictionaries.source == BUILTIN_SOURCE
    notes = why_harmless(dictionaries.problems, known_problems()) if builtin else []
    if as_json:
        report = {
            "counts": summary(dictionaries),
            "problems": [dataclasses.asdict(p) for p in dictionaries.problems],
            "harmless": [{"kind": kind, "why": why} for kind, why in notes],
        }
        click.echo(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        for name, value in summary(dictionaries).items():
            click.echo(f"{name}: {value}")
        for problem in dictionaries.problems:
            shown = f"  [{problem.text}]" if problem.text else ""
            click.echo(f"{problem.severity}: {problem}{shown}")
        for kind, why in notes:
            click.echo(f"harmless: {kind}: {why}")
    if any(p.severity == "error" for p in dictionaries.problems):
        raise SystemExit(1)


@dictionaries_group.command(name="lookup")
@click.argument("text")
@click.option(
    "--dictionaries",
    "directory",
    type=click.Path(exists=True, file_okay=False, dir_okay=True),
    help="Dictionary directory (default: the shipped set).",
)
@click.option(
    "--date",
    "day",
    callback=date_callback,
    help="Resolve dated actor codes on this day (YYYY-MM-DD, YYYYMMDD ...).",
)
def lookup_command(text: str, directory: str | None, day: str | None) -> None:
    """Show which actors, agents and verb blocks TEXT selects, with codes and file:line.

    Example:

        tacitus dictionaries lookup "Sergei Lavrov" --date 2021-02-04

        tacitus dictionaries lookup agreed
    """
    dictionaries = load_dictionaries(directory)
    hits = lookup(dictionaries, text, parse_day(day))
    if not hits:
        click.echo(f"nothing in {dictionaries.source} matches {text!r}")
        return
    for hit in hits:
        detail = f"  ({hit.detail})" if hit.detail else ""
        codes = "/".join(hit.codes) or "-"
        click.echo(f"{hit.kind}\t{hit.name}\t{codes}\t{hit.origin}{detail}")


def summary(dictionaries: DictionarySet) -> dict[str, str | int]:
    """The counts `check` prints, by name."""
    verbs = dictionaries.verbs
    errors = sum(1 for p in dictionaries.problems if p.severity == "error")
    return {
        "source": dictionaries.source,
        "verb syntax": verbs.syntax,
        "verb blocks": len(verbs.blocks),
        "verb forms": len(verbs.forms),
        "patterns": sum(len(block.patterns) for block in verbs.blocks),
        "synsets": len(verbs.synsets),
        "transformations": len(verbs.transformations),
        "actors": len(dictionaries.actors.entries),
        "actor names": sum(len(entry.names) for entry in dictionaries.actors.entries),
        "agents": len(dictionaries.agents),
        "discards": len(dictionaries.discards),
        "issues": len(dictionaries.issues),
        "problems": len(dictionaries.problems),
        "errors": errors,
        "warnings": len(dictionaries.problems) - errors,
    }
