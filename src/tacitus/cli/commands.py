"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted.
from tacitus.cli import clean, demo, events, export, ingest, recode, run, serve, stats  # noqa: F401
from tacitus.cli import eval as _eval  # noqa: F401
