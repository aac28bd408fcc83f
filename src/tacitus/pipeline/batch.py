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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tacitus.records import Article, Quote
from tacitus.store import StoredArticle

if TYPE_CHECKING:
    from tacitus.coder import CodedArticle, Coder
    from tacitus.places import Geocoder

__all__ = ["Stages", "code_batch", "load_stages", "stored_from_coded"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stages:
    """The stages `code_batch` runs on each coded article after the coder (None: not run).

    Attributes:
        quotes: the quotes stage (`tacitus.quotes.extract_quotes`).
        places: the places stage, a `tacitus.places.Geocoder` (its gazetteer loaded once).
    """

    quotes: Callable[..., list[Quote]] | None = None
    places: Geocoder | None = None


def load_stages() -> Stages:
    """The quotes and places stages, loaded (imported here: a store reader needs neither)."""
    from tacitus.places import Geocoder
    from tacitus.quotes import extract_quotes

    return Stages(quotes=extract_quotes, places=Geocoder())


def stored_from_coded(coded: CodedArticle, coder: Coder, stages: Stages) -> StoredArticle:
    """The store record of a `CodedArticle`, with its quotes and places when `stages` has them."""
    doc = coded.doc
    if coded.skipped or doc is None:
        detail = coded.skipped or "not parsed"
        return StoredArticle(coded.article, status="skipped", skip_reason="coder", skip_detail=detail)
    stored = StoredArticle(coded.article, events=list(coded.events), actors=list(coded.actors))
    quotes, places = stages.quotes, stages.places
    if quotes is not None:
        stored.quotes = _later_stage(
            "quotes",
            coded.article.id,
            lambda: quotes(coded.article, doc, actors=coded.actors, resolver=coder.resolver),
        )
    if places is not None:
        stored.locations = _later_stage(
            "places", coded.article.id, lambda: places.locate(coded.article, doc, stored.events, coded.actors)
        )
    return stored


def _later_stage(name: str, doc_id: str, call: Callable[[], list[Any]]) -> list[Any]:
    """A later stage's records; if it fails, none, so the article keeps its events."""
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - one stage failing costs only its own records
        log.warning("%s stage failed on article %s: %s: %s", name, doc_id, type(exc).__name__, exc)
        return []


def _code_one_by_one(articles: Sequence[Article], coder: Coder, stages: Stages) -> list[StoredArticle]:
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


def _code_fresh(articles: list[Article], coder: Coder, stages: Stages) -> list[StoredArticle]:
    try:
        return [stored_from_coded(c, coder, stages) for c in coder.code_articles(articles)]
    except Exception:  # noqa: BLE001 - retried article by article
        log.warning("a batch of %d articles failed; coding them one by one", len(articles))
        return _code_one_by_one(articles, coder, stages)


def code_batch(
    articles: Sequence[Article], coder: Coder, stages: Stages | None = None
) -> list[StoredArticle]:
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
    stages = stages if stages is not None else Stages()
    fresh = [a for a in articles if not a.duplicate_of or a.duplicate_of == a.id]
    coded = iter(_code_fresh(fresh, coder, stages) if fresh else [])
    results = []
    for article in articles:
        if article.duplicate_of and article.duplicate_of != article.id:
            results.append(StoredArticle(article, status="duplicate"))
        else:
            results.append(next(coded))
    return results
