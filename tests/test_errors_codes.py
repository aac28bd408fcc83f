"""The error catalogue: every TacitusError subclass has a code, no two share one, and
docs/errors.md lists each."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections import defaultdict
from pathlib import Path

import pytest

import tacitus
from tacitus.errors import TacitusError

DOCS = Path(__file__).parent.parent / "docs" / "errors.md"


@functools.cache
def _errors() -> list[type[TacitusError]]:
    for module in pkgutil.walk_packages(tacitus.__path__, "tacitus."):
        if not module.name.endswith("__main__"):  # those run the command line
            importlib.import_module(module.name)
    found, stack = [], [TacitusError]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return found


@pytest.mark.parametrize("prefix", ["E"])
def test_errors_codes_are_unique(prefix):
    by_code: dict[str, set[str]] = defaultdict(set)
    for cls in _errors():
        assert cls.code.startswith(prefix) and len(cls.code) == 4, cls
        by_code[cls.code].add(cls.__name__)
    shared = {code: names for code, names in by_code.items() if len(names) > 1}
    assert not shared, shared


def test_errors_codes_each_listed_in_docs():
    rows = dict(re.findall(r"^\| (E\d{3}) \| `(\w+)` \|", DOCS.read_text(encoding="utf-8"), re.M))
    assert rows == {cls.code: cls.__name__ for cls in _errors()}


@pytest.mark.parametrize(
    ("code", "name"), [("E043", "StoreDamagedError"), ("E044", "StoreFullError"), ("E045", "ExportError")]
)
def test_errors_codes_of_the_hardening_errors(code, name):
    assert {cls.__name__ for cls in _errors() if cls.code == code} == {name}
