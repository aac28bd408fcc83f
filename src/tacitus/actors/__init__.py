"""Actors: dictionary mentions, composition (country + agent), dated codes and in-document coreference."""

from tacitus.actors.compose import ActorGroup, Mention, build_groups, compose_code
from tacitus.actors.finder import ActorFinder
from tacitus.actors.resolver import ActorResolver

__all__ = [
    "ActorFinder",
    "ActorGroup",
    "ActorResolver",
    "Mention",
    "build_groups",
    "compose_code",
]
