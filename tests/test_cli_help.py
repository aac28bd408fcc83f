"""Every command documents itself: `--help` runs, shows an Example block and names each option,
and the README's command table lists every command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tacitus.cli import command_group

cli = command_group()
README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in sorted(group.commands.items()):
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands(cli)
PATHS = [path for path, _ in COMMANDS]


def test_cli_help_finds_the_commands():
    # A registration that broke would leave the parametrized tests below with nothing to check.
    assert {("run",), ("code",), ("eval",), ("serve",), ("dictionaries", "lookup")} <= set(PATHS)


def test_cli_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = set(re.findall(r"^  (\w+)", result.output.split("Commands:")[1], re.M))
    assert listed == {path[0] for path in PATHS}


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p in PATHS])
def test_cli_help_has_example_and_names_each_option(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="tacitus")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: tacitus {' '.join(path)} ")
    assert "Example:" in result.output, f"`tacitus {' '.join(path)} --help` needs an Example: block"
    options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
    for option in options:
        for name in option.opts + option.secondary_opts:
            assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", result.output), (path, name)


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) for p in PATHS])
def test_cli_help_readme_table_lists_command(path):
    table = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    first_cells = " ".join(line.split("|")[1] for line in table.splitlines() if line.startswith("| `tacitus"))
    assert re.search(rf"\b{' '.join(path)}\b", first_cells), f"README command table lacks {' '.join(path)}"


@pytest.mark.parametrize("command", ["run"])
def test_cli_help_ray_install_is_from_a_checkout(command):
    # Tacitus is on no package index: `pip install 'tacitus[ray]'` would fetch someone else's
    # package or nothing.
    text = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
    assert "from a checkout, pip install '.[ray]'" in text
    assert "tacitus[ray]" not in text
