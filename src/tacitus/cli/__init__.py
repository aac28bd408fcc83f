"""The `tacitus` command line: a thin click layer over the library."""

from __future__ import annotations

import logging
import sys

import click

from tacitus import __version__
from tacitus.errors import TacitusError

__all__ = ["cli", "command_group", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="tacitus")
@click.option("-v", "--verbose", count=True, help="Log more: -v info, -vv debug (to stderr).")
def cli(verbose: int) -> None:
    """Tacitus turns news into political event data: who did what to whom, when and where.

    Example:

        tacitus code article.txt --date 2021-02-04 --format table
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def command_group() -> click.Group:
    """The `tacitus` click group with every command registered: what `main` runs, for embedding
    the command line (and for tests, with click's CliRunner)."""
    # Each command lives in its own module and registers itself on `cli`.
    from tacitus.cli import commands  # noqa: F401

    return cli


def main() -> None:
    """Console-script entry point: library errors become one clear line, exit code 1."""
    group = command_group()
    try:
        group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TacitusError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
