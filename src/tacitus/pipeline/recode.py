"""`tacitus recode`: re-code stored articles (after a dictionary change) and report the change."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tacitus.pipeline.coding import CodingPool, build_coder
from tacitus.pipeline.options import RunOptions
from tacitus.records import Article
from tacitus.store import Store, resolve_db_path

__all__ = ["RecodeReport", "recode"]

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id",
    "text",
    "title",
    "date",
    "url",
    "source",
    "language",
    "content_hash",
    "origin",
    "author",
    "duplicate_of",
)


@dataclass(slots=True)
class RecodeReport:
    """Events added and removed per CAMEO code, over every re-coded article."""

    db: str
    articles: int = 0
    changed_articles: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def by_code(self) -> list[tuple[str, int, int]]:
        """(code, added, removed) for every code that changed, sorted by code."""
        codes = sorted(set(self.added) | set(self.removed))
        return [(code, self.added[code], self.removed[code]) for code in codes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "articles": self.articles,
            "changed_articles": self.changed_articles,
            "by_code": [{"code": c, "added": a, "removed": r} for c, a, r in self.by_code()],
            "seconds": round(self.seconds, 3),
        }


def _stored_articles(store: Store, batch_size: int) -> Iterator[list[Article]]:
    """Coded and coder-skipped articles (not copies), by id, in chunks.

    Paged by id (keyset), not held all in memory; rewriting an article keeps its id, so
    the pages stay right while the same connection writes between them.
    """
    last = ""
    while True:
        rows = store.con.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles "
            "WHERE status <> 'duplicate' AND id > ? ORDER BY id LIMIT ?",
            [last, batch_size],
        ).fetchall()
        if not rows:
            return
        chunk = []
        for row in rows:
            values = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
            values["date"] = values["date"].isoformat() if values["date"] else None
            chunk.append(Article(**values))
        last = chunk[-1].id
        yield chunk


def _event_keys(store: Store, ids: list[str]) -> dict[str, Counter[str]]:
    rows = store.con.execute(
        "SELECT doc_id, code, count(*) FROM events WHERE doc_id IN "
        "(SELECT unnest(?::VARCHAR[])) GROUP BY ALL",
        [ids],
    ).fetchall()
    found: dict[str, Counter[str]] = {}
    for doc_id, code, count in rows:
        found.setdefault(doc_id, Counter())[code] = count
    return found


def recode(*, db: str | os.PathLike[str] | None = None, options: RunOptions | None = None) -> RecodeReport:
    """Code every stored article again with the current (or given) dictionaries and
    replace its rows, one transaction per chunk of articles.

    Returns:
        Events added and removed per code (a mention counts by its code).
    """
    started = time.perf_counter()
    options = options or RunOptions()
    path = resolve_db_path(db)
    Store.open(path, create=False).close()  # missing/locked/foreign before the model loads
    coder = build_coder(dictionaries=options.dictionaries, model=options.model)
    report = RecodeReport(db=str(path))
    with CodingPool(coder, options.worker_count) as pool, Store.open(path) as store:
        chunks = _stored_articles(store, options.chunk_size)
        for chunk, coded in pool.code(chunks):
            before = _event_keys(store, [a.id for a in chunk])
            store.write(coded)
            for stored in coded:
                old = before.get(stored.article.id, Counter())
                new = Counter(event.code for event in stored.events)
                report.added.update(new - old)
                report.removed.update(old - new)
                report.changed_articles += old != new
            report.articles += len(coded)
    report.seconds = time.perf_counter() - started
    log.info("recoded %d articles, %d changed", report.articles, report.changed_articles)
    return report
