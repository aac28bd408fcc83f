"""`tacitus recode`: re-code stored articles (after a dictionary change) and report the change."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tacitus.pipeline.changes import EventChange, EventKey, article_changes, stored_event_keys
from tacitus.pipeline.coding import CodingPool, build_coder
from tacitus.pipeline.options import RunOptions
from tacitus.store import Store, resolve_db_path
from tacitus.store.recode import recodable_articles, recodable_count

__all__ = ["MAX_CHANGES", "Progress", "RecodeReport", "recode"]

log = logging.getLogger(__name__)

# Changed events kept in the report (a dictionary edit can change every event of a big store;
# the counts stay exact beyond it).
MAX_CHANGES = 10_000


@dataclass(slots=True)
class RecodeReport:
    """What a re-coding changed: events added and removed per CAMEO code, and the events whose
    source, target or code changed (`changes`: the first `MAX_CHANGES`; `change_counts`
    counts them all). Passed to the progress callback after every chunk."""

    db: str
    dry_run: bool = False
    total: int = 0
    articles: int = 0
    changed_articles: int = 0
    added: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    changes: list[EventChange] = field(default_factory=list)
    change_counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def by_code(self) -> list[tuple[str, int, int]]:
        """(code, added, removed) for every code that changed, sorted by code."""
        codes = sorted(set(self.added) | set(self.removed))
        return [(code, self.added[code], self.removed[code]) for code in codes]

    def as_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "dry_run": self.dry_run,
            "articles": self.articles,
            "changed_articles": self.changed_articles,
            "by_code": [{"code": c, "added": a, "removed": r} for c, a, r in self.by_code()],
            "event_changes": {kind: self.change_counts[kind] for kind in ("changed", "added", "removed")},
            "changes": [change.as_dict() for change in self.changes],
            "seconds": round(self.seconds, 3),
        }

    def _count(self, doc_id: str, old: list[EventKey], new: list[EventKey]) -> None:
        old_codes, new_codes = Counter(k.code for k in old), Counter(k.code for k in new)
        self.added.update(new_codes - old_codes)
        self.removed.update(old_codes - new_codes)
        changes = article_changes(doc_id, old, new)
        self.changed_articles += bool(changes)
        self.change_counts.update(change.kind for change in changes)
        self.changes.extend(changes[: max(0, MAX_CHANGES - len(self.changes))])


Progress = Callable[["RecodeReport"], None]


def recode(
    *,
    db: str | os.PathLike[str] | None = None,
    options: RunOptions | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RecodeReport:
    """Code every stored article again with the current (or given) dictionaries and
    replace its rows, one transaction per chunk of articles; with `dry_run`, open the store
    read-only and only report (the store is left as it was, byte for byte).

    Returns:
        What changed: events added and removed per code (a mention counts by its code) and the
        events whose source, target or code changed (`tacitus.pipeline.changes`).
    """
    started = time.perf_counter()
    options = options or RunOptions()
    path = resolve_db_path(db)
    Store.open(path, read_only=dry_run, create=False).close()  # missing/locked/foreign before the model loads
    coder = build_coder(dictionaries=options.dictionaries, model=options.model)
    report = RecodeReport(db=str(path), dry_run=dry_run)
    with CodingPool(coder, options.worker_count) as pool, Store.open(path, read_only=dry_run) as store:
        report.total = recodable_count(store.con)
        for chunk, coded in pool.code(recodable_articles(store.con, options.chunk_size)):
            before = stored_event_keys(store.con, [a.id for a in chunk])
            if not dry_run:
                store.write(coded)
            for stored in coded:
                new = [EventKey.of_event(event) for event in stored.events]
                report._count(stored.article.id, before.get(stored.article.id, []), new)
            report.articles += len(coded)
            report.seconds = time.perf_counter() - started
            if progress:
                progress(report)
    report.seconds = time.perf_counter() - started
    log.info(
        "recoded %d articles, %d changed%s", report.articles, report.changed_articles, " (dry run)" * dry_run
    )
    return report
