"""The raw document a reader yields before cleaning, language id and deduplication."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["RawDocument"]


@dataclass(slots=True)
class RawDocument:
    """Text as extracted by a reader, with whatever metadata the source gave.

    `id` is only set when the source names one (a JSONL `id`); otherwise the
    article id is derived from `origin` and the content. `date_problem` is the reason a date
    the source gave could not be read (`tacitus.dates`); None when read or when none was given.
    """

    origin: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    id: str | None = None
    from_html: bool = False
    date_problem: str | None = None
