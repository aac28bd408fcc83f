"""lookup(): which actors, agents and verb blocks a phrase selects (library and CLI)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import command_group
from tacitus.dictionaries import load_dictionaries
from tacitus.dictionaries.lookup import lookup

cli = command_group()

ACTORS = "ARGENTIN  [ARG]\nGOLLUM\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n"
VERBS = "--- AGREE [030] ---\nAGREE\nSIGN [057]\n- * (WITH +) [031]\n"
AGENTS = "FOREIGN_MINISTER [~GOV]\nHUMAN_RIGHTS_BODY [NGO~]\n"


@pytest.fixture()
def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "set"
    root.mkdir()
    for name, text in {
        "a.actors.txt": ACTORS,
        "a.verbs.txt": VERBS,
        "a.agents.txt": AGENTS,
    }.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("Argentina", None, [("actor", "Argentin", ("ARG",))]),  # a TABARI stem
        ("Smeagol", date(1997, 1, 1), [("actor", "Gollum", ("HOBGOV",))]),
        ("Smeagol", date(1990, 1, 1), [("actor", "Gollum", ("HOB",))]),
        ("foreign minister", None, [("agent", "FOREIGN MINISTER", ("~GOV",))]),
        ("human rights bodies", None, [("agent", "HUMAN RIGHTS BODIES", ("NGO~",))]),
        ("agreed", None, [("verb", "AGREE", ("030",))]),
        ("signing", None, [("verb", "AGREE", ("057",))]),
        ("nothing here", None, []),
    ],
)
def test_dictionaries_lookup_hits(directory: Path, text: str, day, expected: list) -> None:
    hits = lookup(load_dictionaries(directory), text, day)
    assert [(h.kind, h.name, h.codes) for h in hits] == expected


def test_dictionaries_lookup_cli(directory: Path) -> None:
    args = [
        "dictionaries",
        "lookup",
        "Smeagol",
        "--dictionaries",
        str(directory),
        "--date",
        "1997-01-01",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert result.output == "actor\tGollum\tHOBGOV\ta.actors.txt:2  (SMEAGOL)\n"
