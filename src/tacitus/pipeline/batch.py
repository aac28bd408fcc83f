"""The coding step as one batch function that every engine calls: articles in, store records out.

`code_batch` is what the local engine's worker processes and the Ray engine's workers
both run, so a local run and a distributed run cannot drift apart. It reads only its
arguments (the articles, a loaded `Coder` and the later stages) and returns, for every
article in input order, one `StoredArticle` holding its events, actors, quotes, places
or the reason it was skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from importlib.util import find_spec
from typing import Any

from tacitus.records import Article
from tacitus.store import StoredArticle

__all__ = ["Stages", "code_batch", "load_stages", "stored_from_coded"]

log = logging.getLogger(__name__)

# Stage name → callable: "quotes" → extract_quotes, "places" → a Geocoder.
Stages = dict[str, Any]


def load_stages() -> Stages:
    """The quotes and places stages, when this installation has them."""
    stages: Stages = {}
    if find_spec("tacitus.quotes") is not None:
        from tacitus import quotes

        if hasattr(quotes, "extract_quotes"):
            stages["quotes"] = quotes.extract_quotes
    if find_spec("tacitus.places") is not None:
        from tacitus import places

        if hasattr(places, "Geocoder"):
            stages["places"] = places.Geocoder()
    return stages


def stored_from_coded(coded: Any, coder: Any, stages: Stages) -> StoredArticle:
    """The store record of a `CodedArticle`, with quotes and places where available."""
    if coded.skipped:
        return StoredArticle(coded.article, status="skipped", skip_reason="coder", skip_detail=coded.skipped)
    stored = StoredArticle(coded.article, events=list(coded.events), actors=list(coded.actors))
    if "quotes" in stages:
        stored.quotes = _later_stage(
            "quotes",
            coded.article.id,
            lambda: stages["quotes"](coded.article, coded.doc, actors=coded.actors, resolver=coder.resolver),
        )
    if "places" in stages:
        stored.locations = _later_stage(
            "places",
            coded.article.id,
            lambda: stages["places"].locate(coded.article, coded.doc, stored.events, coded.actors),
        )
    return stored


def _later_stage(name: str, doc_id: str, call: Callable[[], list[Any]]) -> list[Any]:
    """A later stage's records; if it fails, none, so the article keeps its events."""
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - one stage failing costs only its own records
        log.warning("%s stage failed on article %s: %s: %s", name, doc_id, type(exc).__name__, exc)
        return []


def _code_one_by_one(articles: Sequence[Article], coder: Any, stages: Stages) -> list[StoredArticle]:
    """After a batch failed: code each article alone so one bad article costs only itself."""
    results: list[StoredArticle] = []
    for article in articles:
        try:
            results.extend(stored_from_coded(c, coder, stages) for c in coder.code_articles([article]))
        except Exception as exc:  # noqa: BLE001 - a bad article never stops the batch
            log.warning("article %s skipped: %s: %s", article.id, type(exc).__name__, exc)
            results.append(
                StoredArticle(
                    article,
                    status="skipped",
                    skip_reason="coder_error",
                    skip_detail=f"{type(exc).__name__}: {exc}",
                )
            )
    return results


def _code_fresh(articles: list[Article], coder: Any, stages: Stages) -> list[StoredArticle]:
    try:
        return [stored_from_coded(c, coder, stages) for c in coder.code_articles(articles)]
    except Exception:  # noqa: BLE001 - retried article by article
        log.warning("a batch of %d articles failed; coding them one by one", len(articles))
        return _code_one_by_one(articles, coder, stages)


def code_batch(articles: Sequence[Article], coder: Any, stages: Stages | None = None) -> list[StoredArticle]:
    """Code a batch of articles: one `StoredArticle` per article, in input order.

    An article with `duplicate_of` set is a copy: it is recorded as ``duplicate`` and
    not coded. An article the coder drops, or that raises, is recorded as ``skipped``
    with its reason; the batch never stops.

    Args:
        articles: the articles of this batch.
        coder: a loaded `tacitus.coder.Coder`.
        stages: the later stages from `load_stages()`; None runs none of them.

    Returns:
        The store records, one per article, in the order of `articles`.
    """
    stages = stages or {}
    fresh = [a for a in articles if not a.duplicate_of or a.duplicate_of == a.id]
    coded = iter(_code_fresh(fresh, coder, stages) if fresh else [])
    results = []
    for article in articles:
        if article.duplicate_of and article.duplicate_of != article.id:
            results.append(StoredArticle(article, status="duplicate"))
        else:
            results.append(next(coded))
    return results
