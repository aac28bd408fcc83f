"""`tacitus codes`: the CAMEO event code table that ships with Tacitus, searched by code or words."""

from __future__ import annotations

import click

from tacitus.cameo import find_codes
from tacitus.cli import cli
from tacitus.cli.tabular import format_option, print_rows

COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_event", "plover_mode")


@cli.command("codes")
@click.argument("pattern", required=False, default=None)
@format_option
def codes_cli(pattern: str | None, fmt: str) -> None:
    """Print the CAMEO event codes (code, name, Goldstein value, QuadClass, PLOVER type and
    mode) from the table in the package. PATTERN: a code prefix (04), or words found in the
    name or PLOVER type (visit; sanction). Without it, every code.

    Example:

        tacitus codes 04

        tacitus codes "accuse" --format csv
    """
    found = find_codes(pattern)
    if not found:
        raise click.ClickException(
            f"no CAMEO code matches {pattern!r} - give a code prefix (04) or a word of the name (visit)"
        )
    rows = [
        (info.code, info.name, info.goldstein, info.quad_class, info.plover_event, info.plover_mode)
        for info in found
    ]
    print_rows(COLUMNS, rows, fmt)
