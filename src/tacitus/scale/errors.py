"""Errors of the Ray engine and of loading its shards."""

from __future__ import annotations

from tacitus.errors import TacitusError, UserInputError

__all__ = ["RayNotInstalledError", "ShardError"]


class RayNotInstalledError(UserInputError):
    """`--engine ray` was asked for but Ray is not installed."""

    code = "E054"


class ShardError(TacitusError):
    """A shard directory cannot be read or loaded."""

    code = "E051"
