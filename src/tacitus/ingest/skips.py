"""Skip records (what ingestion dropped and why) and the counter that adds them up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tacitus.dates import MISSING
from tacitus.records import Article

__all__ = ["REASONS", "Skip", "SkipReport"]

# Stable skip reasons; `language:<code>` is the one open-ended family.
REASONS = (
    "empty",
    "binary",
    "too_large",
    "no_text",
    "duplicate",
    "bad_gzip",
    "bad_json",
    "bad_warc",
    "bad_feed",
    "bad_xml",
    "bad_html",
    "unreadable",
    "not_html",
    "not_a_file",
    "vanished",
    "hidden",
    "excluded",
)


@dataclass(frozen=True, slots=True)
class Skip:
    """Something ingestion dropped: where it came from, the stable reason and a detail."""

    origin: str
    reason: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "reason": self.reason, "detail": self.detail}


@dataclass(slots=True)
class SkipReport:
    """Counts of articles yielded and of skips by reason, filled while iterating.

    `undated` counts the articles whose source gave no readable date (whether or not a
    default date was given to them); `unreadable_dates` those of them whose source gave a
    date that could not be read.
    """

    articles: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    undated: int = 0
    unreadable_dates: int = 0

    def add_skip(self, skip: Skip) -> None:
        self.skipped[skip.reason] += 1

    def add_article(self, article: Article) -> None:
        self.articles += 1
        self.duplicates += article.duplicate_of is not None
        self.undated += article.date_problem is not None
        self.unreadable_dates += article.date_problem not in (None, MISSING)

    @property
    def total(self) -> int:
        """Every record seen: articles yielded plus skips."""
        return self.articles + sum(self.skipped.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "duplicates": self.duplicates,
            "skipped": dict(sorted(self.skipped.items())),
            "total": self.total,
            "undated": self.undated,
            "unreadable_dates": self.unreadable_dates,
        }
