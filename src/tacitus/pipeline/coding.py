"""Coding articles for the store, in the main process or a pool of worker processes.

Each worker holds one `Coder`; the main process alone writes to DuckDB (one writer).
Chunks come back in the order they were sent, so output does not depend on timing.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from tacitus.pipeline.batch import Stages, code_batch, load_stages
from tacitus.records import Article
from tacitus.store import StoredArticle

__all__ = ["CodingPool", "build_coder", "code_chunk"]

log = logging.getLogger(__name__)

# The coder of this process: set in the parent before forking, so workers share it.
_CODER: Any = None
_STAGES = Stages()


_SHIPPED_CODERS: dict[str | None, Any] = {}


def build_coder(*, dictionaries: str | None = None, model: str | None = None) -> Any:
    """A Coder with its spaCy pipeline loaded (so forked workers inherit it).

    The coder of the shipped dictionaries is built once per process and model; one of a
    user directory is built every time, since the files may have changed (recode).
    """
    from tacitus.coder import Coder

    if dictionaries is None and model in _SHIPPED_CODERS:
        return _SHIPPED_CODERS[model]
    loaded = None
    if dictionaries is not None:
        from tacitus.dictionaries import load_dictionaries

        loaded = load_dictionaries(dictionaries)
    coder = Coder(loaded, model=model)
    coder.nlp  # noqa: B018 - load the model now, before any fork
    if dictionaries is None:
        _SHIPPED_CODERS[model] = coder
    return coder


def code_chunk(articles: list[Article]) -> list[StoredArticle]:
    """Code one chunk with this process's coder (the engine-neutral `code_batch`)."""
    return code_batch(articles, _CODER, _STAGES)


def _die_with_parent() -> None:
    """Workers end when the main process is killed (even by SIGKILL): no orphans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


class CodingPool:
    """Codes chunks of articles in input order: in this process (1 worker) or in forked
    workers that share the already-loaded `coder`, at most two chunks per worker in flight.

    Enter it before opening the store, so workers never inherit a DuckDB connection.
    """

    def __init__(self, coder: Any, workers: int) -> None:
        self.coder, self.workers = coder, workers
        self._pool: Any = None

    def __enter__(self) -> CodingPool:
        global _CODER, _STAGES
        _CODER, _STAGES = self.coder, load_stages()
        if self.workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.workers, initializer=_die_with_parent)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def code(self, chunks: Iterable[list[Article]]) -> Iterator[tuple[list[Article], list[StoredArticle]]]:
        """(chunk, its stored records) for every chunk, in input order."""
        if self._pool is None:
            for chunk in chunks:
                yield chunk, code_chunk(chunk)
            return
        pending: deque[tuple[list[Article], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._pool.apply_async(code_chunk, (chunk,))))
            if len(pending) >= 2 * self.workers:
                sent, result = pending.popleft()
                yield sent, result.get()
        while pending:
            sent, result = pending.popleft()
            yield sent, result.get()
