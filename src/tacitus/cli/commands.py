"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted.
from tacitus.cli import places  # noqa: F401
