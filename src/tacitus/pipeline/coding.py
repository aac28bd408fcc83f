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
from importlib.util import find_spec
from typing import Any

from tacitus.records import Article
from tacitus.store import StoredArticle

__all__ = ["build_coder", "code_chunks", "stored_from_coded"]

log = logging.getLogger(__name__)

# The coder of this process: set in the parent before forking, so workers share it.
_CODER: Any = None
_STAGES: dict[str, Any] = {}


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


def _later_stages() -> dict[str, Any]:
    """Quotes and places stages, when this installation has them."""
    stages: dict[str, Any] = {}
    if find_spec("tacitus.quotes") is not None:
        from tacitus import quotes

        if hasattr(quotes, "extract_quotes"):
            stages["quotes"] = quotes.extract_quotes
    if find_spec("tacitus.places") is not None:
        from tacitus import places

        if hasattr(places, "Geocoder"):
            stages["places"] = places.Geocoder()
    return stages


def stored_from_coded(coded: Any, stages: dict[str, Any]) -> StoredArticle:
    """The store record of a `CodedArticle`, with quotes and places where available."""
    if coded.skipped:
        return StoredArticle(coded.article, status="skipped", skip_reason="coder",
                             skip_detail=coded.skipped)
    stored = StoredArticle(coded.article, events=list(coded.events), actors=list(coded.actors))
    if "quotes" in stages:
        stored.quotes = stages["quotes"](coded.article, coded.doc, actors=coded.actors,
                                         resolver=_CODER.resolver)
    if "places" in stages:
        stored.locations = stages["places"].locate(coded.article, coded.doc, stored.events)
    return stored


def _code_one_by_one(articles: list[Article]) -> list[StoredArticle]:
    """After a chunk failed: code each article alone so one bad article costs only itself."""
    results = []
    for article in articles:
        try:
            results.extend(stored_from_coded(c, _STAGES) for c in _CODER.code_articles([article]))
        except Exception as exc:  # noqa: BLE001 - a bad article never stops the batch
            log.warning("article %s skipped: %s: %s", article.id, type(exc).__name__, exc)
            results.append(StoredArticle(article, status="skipped", skip_reason="coder_error",
                                         skip_detail=f"{type(exc).__name__}: {exc}"))
    return results


def code_chunk(articles: list[Article]) -> list[StoredArticle]:
    """Code one chunk with this process's coder."""
    try:
        return [stored_from_coded(c, _STAGES) for c in _CODER.code_articles(articles)]
    except Exception:  # noqa: BLE001 - retried article by article
        log.warning("a chunk of %d articles failed; coding them one by one", len(articles))
        return _code_one_by_one(articles)


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
    _CODER, _STAGES = coder, _later_stages()
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
