"""The options of `tacitus run` and `tacitus recode`, checked when built."""

from __future__ import annotations

import os
from dataclasses import dataclass

from tacitus.errors import UserInputError

__all__ = ["CHUNK_SIZE", "RunOptions", "available_cores"]

CHUNK_SIZE = 16


def available_cores() -> int:
    """Cores this process may use (affinity-aware), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """How the pipeline runs.

    Attributes:
        workers: coding processes; None uses every available core. With 1 the
            coder runs in the main process (no pool).
        batch_size: articles per store transaction at most; a transaction also commits
            after `commit_seconds`, so slow corpora still save (and show) progress.
            Fewer, larger transactions cost less: each commit syncs the file.
        commit_seconds: longest time coded articles wait before they are committed.
        dictionaries: a dictionary directory; None uses the shipped production set.
        model: a spaCy model name or path; None picks the default.
        min_confidence: the threshold the report counts events at (every event is stored,
            with its confidence); None: the default threshold.
    """

    workers: int | None = None
    batch_size: int = 128
    commit_seconds: float = 5.0
    dictionaries: str | None = None
    model: str | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise UserInputError(f"--workers {self.workers} must be 1 or more - e.g. --workers 2")
        if self.batch_size < 1:
            raise UserInputError(f"--batch-size {self.batch_size} must be 1 or more - e.g. --batch-size 32")

    @property
    def threshold(self) -> float:
        """`min_confidence`, or the default threshold where it is None."""
        from tacitus.events.confidence import default_min_confidence

        return default_min_confidence() if self.min_confidence is None else self.min_confidence

    @property
    def chunk_size(self) -> int:
        """Articles per worker task: small, so both cores stay busy and progress moves."""
        return min(self.batch_size, CHUNK_SIZE)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers is not None else available_cores()
