"""Tacitus: political event data (CAMEO + PLOVER) from raw news text."""

import logging

from tacitus.errors import TacitusError
from tacitus.records import Actor, Article, Event, Location, Quote, Sentence, Span

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Event",
    "Location",
    "Quote",
    "Sentence",
    "Span",
    "TacitusError",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
