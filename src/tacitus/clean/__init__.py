"""Cleaning of extracted article text; the rules are data (`patterns.toml`)."""

import logging

from tacitus.clean.rules import CleaningRules, CleaningRulesError, load_rules
from tacitus.clean.text import CleanResult, Removal, clean_text

__all__ = [
    "CleanResult",
    "CleaningRules",
    "CleaningRulesError",
    "Removal",
    "clean_text",
    "load_rules",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
