"""Tacitus's HTTP API: a read-only FastAPI app over the DuckDB event store."""

import logging

from tacitus.api.app import create_app

__all__ = ["create_app"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
