"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted.
from tacitus.cli import dictionaries  # noqa: F401
from tacitus.cli import eval as _eval  # noqa: F401
from tacitus.cli import places  # noqa: F401
