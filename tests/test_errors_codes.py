"""The error catalogue: every TacitusError subclass has a code, and codes do not repeat (beyond the
one known E050 group, which new errors must not join)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections import defaultdict

import pytest

import tacitus
from tacitus.errors import TacitusError

# Four errors share E050 from before codes were checked; renumbering them would change messages
# users may search for. The group may shrink, never grow.
KNOWN_SHARED = {"E050": {"CleaningRulesError", "PlacesError", "CueLexiconError", "RayNotInstalledError"}}


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
    assert all(names <= KNOWN_SHARED.get(code, set()) for code, names in shared.items()), shared


@pytest.mark.parametrize(
    ("code", "name"), [("E043", "StoreDamagedError"), ("E044", "StoreFullError"), ("E045", "ExportError")]
)
def test_errors_codes_of_the_hardening_errors(code, name):
    assert {cls.__name__ for cls in _errors() if cls.code == code} == {name}
