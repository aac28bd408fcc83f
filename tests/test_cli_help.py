"""Every command documents itself: help text with an Example block (STYLE 19)."""

import pytest
from click.testing import CliRunner

from tacitus.cli import _register_commands, cli

_register_commands()
COMMANDS = sorted(cli.commands)


def test_cli_help_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_help_has_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output, f"`tacitus {name} --help` needs an Example: block"


@pytest.mark.parametrize("command", ["run"])
def test_cli_help_ray_install_is_from_a_checkout(command):
    # Tacitus is on no package index: `pip install 'tacitus[ray]'` would fetch someone else's
    # package or nothing (issue 16 item 8).
    text = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
    assert "from a checkout, pip install '.[ray]'" in text
    assert "tacitus[ray]" not in text
