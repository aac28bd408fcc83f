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

from tacitus.pipeline.batch import code_batch, load_stages
from tacitus.records import Article
from tacitus.store import StoredArticle

__all__ = ["build_coder", "code_chunk", "code_chunks"]

log = logging.getLogger(__name__)

# The coder of this process: set in the parent before forking, so workers share it.
_CODER: Any = None
_STAGES: dict[str, Any] = {}


def build_coder(*, dictionaries: str | None = None, model: str | None = None) -> Any:
    """A Coder with its spaCy pipeline loaded (so forked workers inherit it)."""
    from tacitus.coder import Coder

    loaded = None
    if dictionaries is not None:
        from tacitus.dictionaries import load_dictionaries

        loaded = load_dictionaries(dictionaries)
    coder = Coder(loaded, model=model)
    coder.nlp  # noqa: B018 - load the model now, before any fork
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


def code_chunks(chunks: Iterable[list[Article]], coder: Any, workers: int) -> Iterator[
        tuple[list[Article], list[StoredArticle]]]:
    """(chunk, its stored records) for every chunk, in input order.

    With more than one worker, chunks go to a pool of forked processes that share the
    already-loaded `coder`; at most two chunks per worker are in flight at a time.
    """
    global _CODER, _STAGES
    _CODER, _STAGES = coder, load_stages()
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield chunk, code_chunk(chunk)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_die_with_parent) as pool:
        pending: deque[tuple[list[Article], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(code_chunk, (chunk,))))
            if len(pending) >= 2 * workers:
                sent, result = pending.popleft()
                yield sent, result.get()
        while pending:
            sent, result = pending.popleft()
            yield sent, result.get()
