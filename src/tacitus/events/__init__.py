"""Events: verb pattern matching on the dependency parse, source/target assignment, flags."""

from tacitus.events.sentence import RawEvent, code_sentence

__all__ = ["RawEvent", "code_sentence"]
