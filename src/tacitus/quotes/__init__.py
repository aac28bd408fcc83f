"""Quotations and reported speech: who said what, with the speaker resolved to an actor."""

from __future__ import annotations

import logging

from tacitus.quotes.extract import extract_quotes
from tacitus.quotes.lexicon import load_cues

__all__ = ["extract_quotes", "load_cues"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
