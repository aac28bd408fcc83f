"""`tacitus run`: ingest → code → store, incremental, one transaction per batch."""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.dates import MISSING
from tacitus.events.confidence import confident
from tacitus.pipeline.coding import CodingPool, build_coder
from tacitus.pipeline.options import RunOptions
from tacitus.records import Article
from tacitus.store import Store, StoredArticle, resolve_db_path

__all__ = ["RunInterrupted", "RunReport", "run"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class RunReport:
    """What a run did (committed rows); passed to the progress callback after every chunk.

    Every article read ends as one of: coded, unchanged (stored before), a copy of another
    (`duplicates`) or dropped by the coder (`coder_skipped`, by what dropped it: ``story discard:
    PHRASE``, ``too long``, ``coder error``), so at the end of a run `articles` is their sum.
    `skipped` counts the inputs ingestion could not make an article of (the `skips` table).
    """

    db: str
    articles: int = 0  # articles read from the inputs
    coded: int = 0
    unchanged: int = 0  # already stored with the same content: not coded again
    duplicates: int = 0
    events: int = 0
    confident_events: int = 0  # of `events`, those at or above `min_confidence` (all are stored)
    min_confidence: float = 0.0
    skipped: Counter[str] = field(default_factory=Counter)
    coder_skipped: Counter[str] = field(default_factory=Counter)
    undated: int = 0  # articles read whose source gave no readable date (a default may date them)
    unreadable_dates: int = 0  # of those, the ones whose source gave a date that cannot be read
    seconds: float = 0.0
    coding_seconds: float = 0.0  # time the main process waited on the coder
    store_seconds: float = 0.0  # time spent writing to DuckDB
    store_cpu_seconds: float = 0.0  # CPU time of those writes (steady on a busy machine)

    @property
    def skipped_total(self) -> int:
        """Inputs skipped before coding (not articles)."""
        return sum(self.skipped.values())

    @property
    def coder_skipped_total(self) -> int:
        return sum(self.coder_skipped.values())

    @property
    def saved(self) -> int:
        """Articles this run committed: coded, copies and those the coder dropped."""
        return self.coded + self.duplicates + self.coder_skipped_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "articles": self.articles,
            "coded": self.coded,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "events": self.events,
            "confident_events": self.confident_events,
            "min_confidence": self.min_confidence,
            "skipped": dict(sorted(self.skipped.items())),
            "coder_skipped": dict(sorted(self.coder_skipped.items())),
            "undated": self.undated,
            "unreadable_dates": self.unreadable_dates,
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[RunReport], None]


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during `run`: a KeyboardInterrupt (code that catches that still does) that
    carries the report of what was committed before it (whole batches only)."""

    def __init__(self, report: RunReport) -> None:
        super().__init__(f"interrupted after {report.saved} articles were saved to {report.db}")
        self.report = report


class _Triage:
    """Sorts incoming articles: new ones to code, stored ones to leave, copies to mark."""

    def __init__(self, store: Store, report: RunReport, chunk_size: int) -> None:
        self.store, self.report, self.chunk_size = store, report, chunk_size
        self.skips: list[tuple[str, str, str | None]] = []
        self.duplicates: list[StoredArticle] = []

    def chunks(self, items: Iterable[Any]) -> Iterator[list[Article]]:
        """Chunks of articles that need coding; records skips and duplicates on the way."""
        pending: list[Article] = []
        for item in items:
            if not isinstance(item, Article):
                self.report.skipped[item.reason] += 1
                self.skips.append((item.origin, item.reason, item.detail or None))
                continue
            self.report.articles += 1
            self.report.undated += item.date_problem is not None
            self.report.unreadable_dates += item.date_problem not in (None, MISSING)
            pending.append(item)
            if len(pending) >= self.chunk_size:
                yield from self._new(pending)
                pending = []
        if pending:
            yield from self._new(pending)

    def _new(self, articles: list[Article]) -> Iterator[list[Article]]:
        ids = [a.id for a in articles]
        hashes = [a.content_hash for a in articles if a.content_hash]
        by_id, by_hash = self.store.stored_state(ids, hashes)
        fresh = []
        for article in articles:
            if article.id in by_id and by_id[article.id] == article.content_hash:
                self.report.unchanged += 1
                continue
            original = article.duplicate_of or by_hash.get(article.content_hash or "")
            if original and original != article.id:
                article.duplicate_of = original
                self.duplicates.append(StoredArticle(article, status="duplicate"))
                continue
            fresh.append(article)
        if fresh:
            yield fresh

    def flush(self) -> tuple[list[tuple[str, str, str | None]], list[StoredArticle]]:
        skips, duplicates = self.skips, self.duplicates
        self.skips, self.duplicates = [], []
        return skips, duplicates


def coder_skip_label(stored: StoredArticle) -> str:
    """What dropped an article, for the run summary: ``story discard: PHRASE`` names the
    discard phrase; ``too long: 1200000 characters ...`` is counted as ``too long``."""
    if stored.skip_reason == "coder_error":
        return "coder error"
    detail = stored.skip_detail or stored.skip_reason or "coder"
    return detail if detail.startswith("story discard") else detail.split(":")[0]


def _write(store: Store, triage: _Triage, coded: list[StoredArticle], report: RunReport) -> None:
    skips, duplicates = triage.flush()
    started, cpu = time.perf_counter(), time.process_time()
    # Copies go in the same transaction as the batch that was read with them; the counts
    # follow the commit at once, so an interrupted run reports what it saved.
    report.events += store.write(coded + duplicates)
    report.confident_events += sum(
        confident(e, report.min_confidence) for stored in coded for e in stored.events
    )
    report.coded += sum(1 for s in coded if s.status == "coded")
    report.duplicates += len(duplicates)
    for stored in coded:
        if stored.status == "skipped":
            report.coder_skipped[coder_skip_label(stored)] += 1
    store.write_skips(skips)
    report.store_seconds += time.perf_counter() - started
    report.store_cpu_seconds += time.process_time() - cpu
    if coded or duplicates:
        log.info(
            "committed a batch of %d articles (%d coded so far)", len(coded) + len(duplicates), report.coded
        )


def run(
    inputs: Sequence[str],
    *,
    db: str | os.PathLike[str] | None = None,
    options: RunOptions | None = None,
    ingest_options: Any = None,
    progress: Progress | None = None,
) -> RunReport:
    """Read `inputs`, code what is new and store it in the DuckDB file `db`.

    Rerunning on the same inputs adds nothing; changed articles (same id, new content)
    are re-coded and replace their rows; a run killed at any moment leaves only whole
    batches, and the next run codes the rest.

    Raises:
        UserInputError: an input is missing (checked before anything is loaded).
        StoreError: the store is locked by another process or is not a Tacitus store.
        RunInterrupted: Ctrl-C (a KeyboardInterrupt), with the report of what was saved.
    """
    from tacitus.ingest.sources import expand_inputs

    started = time.perf_counter()
    options = options or RunOptions()
    expand_inputs(inputs)  # missing inputs fail before the model loads
    path = resolve_db_path(db)
    Store.open(path).close()  # a locked or foreign file fails before the model loads
    report = RunReport(db=str(Path(path)), min_confidence=options.threshold)
    try:
        _run(inputs, path, options, ingest_options, report, progress, started)
    except KeyboardInterrupt as exc:
        report.seconds = time.perf_counter() - started
        raise RunInterrupted(report) from exc
    return report


def _run(
    inputs: Sequence[str],
    path: Path,
    options: RunOptions,
    ingest_options: Any,
    report: RunReport,
    progress: Progress | None,
    started: float,
) -> None:
    """The body of `run`: code and store in batches, filling `report`."""
    from tacitus.ingest import read_articles

    coder = build_coder(dictionaries=options.dictionaries, model=options.model)
    items = read_articles(inputs, options=ingest_options)
    with CodingPool(coder, options.worker_count) as pool, Store.open(path) as store:
        triage = _Triage(store, report, options.chunk_size)
        pending: list[StoredArticle] = []
        committed = waited = time.perf_counter()
        for _, coded in pool.code(triage.chunks(items)):
            report.coding_seconds += time.perf_counter() - waited
            pending += coded
            if (
                len(pending) >= options.batch_size
                or time.perf_counter() - committed >= options.commit_seconds
            ):
                _write(store, triage, pending, report)
                pending, committed = [], time.perf_counter()
            report.seconds = time.perf_counter() - started
            if progress:
                progress(report)
            waited = time.perf_counter()
        _write(store, triage, pending, report)  # the rest, with skips and copies
    report.seconds = time.perf_counter() - started
    if progress:
        progress(report)
