"""Bad input never stops a load: any text is read, problems reported, nothing raised,
except an actor code's unreadable date range, which stops the load at its FILE:LINE."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.dictionaries.actors import read_actors
from tacitus.dictionaries.agents import read_agents
from tacitus.dictionaries.lines import ProblemLog
from tacitus.dictionaries.lists import read_discards, read_issues
from tacitus.dictionaries.model import DictionaryProblem
from tacitus.dictionaries.verbs import read_verbs
from tacitus.errors import DictionaryError

# Lines built from the characters the formats give meaning to, so that the
# generator hits brackets, markers and dates far more often than plain text would.
_PIECE = st.sampled_from(list("AB_ +-~&$%^*()[]{}<>!=:/#;09\t") + ["---", "<!--", "-->"])
_LINE = st.lists(_PIECE, max_size=30).map("".join)
_FILE = st.lists(_LINE, max_size=25).map("\n".join)

READERS: list[Callable] = [read_verbs, read_actors, read_agents, read_discards, read_issues]


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_FILE)
def test_dictionaries_garbage_never_raises(reader: Callable, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "garbage.txt"
        path.write_text(text, encoding="utf-8")
        problems: list[DictionaryProblem] = []
        lines = text.count("\n") + 1
        try:
            reader(path, ProblemLog(path, problems, strict=False))
        except DictionaryError as exc:
            # Only a date range that cannot be read is a fault (docs/dictionaries.md, "Problems").
            assert reader is read_actors
            assert exc.path == str(path) and exc.line is not None and 1 <= exc.line <= lines
            assert "write the range as [CODE YYYYMMDD-YYYYMMDD]" in str(exc)
    assert all(1 <= p.line <= lines and p.file == "garbage.txt" for p in problems)
