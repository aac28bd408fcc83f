"""The event coder: raw article text → sentences, resolved actors and CAMEO/PLOVER events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tacitus.coder.coder import CodedArticle, Coder
from tacitus.coder.options import CoderOptions
from tacitus.dictionaries.model import DictionarySet
from tacitus.records import Article

__all__ = ["CodedArticle", "Coder", "CoderOptions", "code_articles"]


def code_articles(
    articles: Iterable[Article],
    *,
    dictionaries: DictionarySet | None = None,
    model: str | None = None,
    options: CoderOptions | None = None,
) -> Iterator[CodedArticle]:
    """Code articles with a new `Coder` (the library function behind `tacitus code`)."""
    coder = Coder(dictionaries, model=model, options=options)
    yield from coder.code_articles(articles)
