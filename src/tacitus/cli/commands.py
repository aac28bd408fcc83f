"""Imports every command module so that each registers itself on the `cli` group."""

# One import per command module; keep sorted.
import tacitus.cli.clean  # noqa: F401
import tacitus.cli.ingest  # noqa: F401
