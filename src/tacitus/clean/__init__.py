"""Cleaning of extracted article text; the rules are data (`patterns.toml`)."""

import logging

from tacitus.clean.rules import CleaningRules, CleaningRulesError, load_rules
from tacitus.clean.text import FIELDS, CleanResult, Removal, clean_field, clean_text

__all__ = [
    "FIELDS",
    "CleanResult",
    "CleaningRules",
    "CleaningRulesError",
    "Removal",
    "clean_field",
    "clean_text",
    "load_rules",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
