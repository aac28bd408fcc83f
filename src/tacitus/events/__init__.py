"""Events: verb pattern matching on the dependency parse, source/target assignment, flags."""

from __future__ import annotations

from typing import Any

__all__ = ["RawEvent", "code_sentence"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the sentence coder pulls in the actor and dictionary machinery
    # (~0.8 s), which the store and the API, reading `tacitus.events.confidence`, do not need.
    if name in __all__:
        from tacitus.events import sentence

        return getattr(sentence, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
