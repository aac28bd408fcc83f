"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted.
from tacitus.cli import clean  # noqa: F401
from tacitus.cli import ingest  # noqa: F401
