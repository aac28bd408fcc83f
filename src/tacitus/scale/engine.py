"""The Ray engine: inputs as a Ray Dataset, coded by a pool of workers, written as Parquet shards.

Files are the read tasks (split by file); their records flow on as rows that
`map_batches` deals out to a pool of `CodingWorker` actors (split by record). Each
worker loads the model and dictionaries once and calls the same `code_batch` as the
local engine, then writes its batch as one shard (see `tacitus.scale.shards`). Ray
restarts a killed worker and retries its batch; the shard name is a hash of the batch,
and `tacitus load` keeps one row per article, so a retry never duplicates anything.

Ray is imported only here, and only when the engine runs: the local engine never loads it.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from tacitus.errors import UserInputError
from tacitus.pipeline.batch import code_batch, load_stages
from tacitus.pipeline.options import RunOptions
from tacitus.scale.errors import RayNotInstalledError
from tacitus.scale.inputs import read_files_table, rows_to_items, unchanged_rows
from tacitus.scale.shards import ShardBatch, ShardWriter
from tacitus.scale.stored import StoredArticles

__all__ = ["CodingWorker", "ScaleReport", "run_ray"]

log = logging.getLogger(__name__)

# Ray Data settings for a run, restored afterwards (the context is the caller's process-wide one).
# Read tasks cut their output into blocks of about 64 KiB of articles (Ray's default is 128 MiB:
# one block per input file), so coding work is dealt out in small, text-proportional bundles and
# the workers finish together instead of one idling while the other codes a file's last block.
_CONTEXT = {"enable_progress_bars": False, "target_max_block_size": 64 * 1024}

MANIFEST_SCHEMA = pa.schema(
    [
        ("shard", pa.string()),
        ("articles", pa.int64()),
        ("coded", pa.int64()),
        ("duplicates", pa.int64()),
        ("unchanged", pa.int64()),
        ("events", pa.int64()),
        ("skipped", pa.string()),
        ("cpu_seconds", pa.float64()),
        ("worker", pa.int64()),
        ("init_started", pa.float64()),
        ("init_finished", pa.float64()),
        ("started", pa.float64()),
        ("finished", pa.float64()),
    ]
)


@dataclass(slots=True)
class ScaleReport:
    """What a Ray run wrote; passed to the progress callback after every shard."""

    out: str
    workers: int = 0
    files: int = 0
    shards: int = 0
    articles: int = 0  # articles coded or marked as copies (a batch retried whole counts once)
    coded: int = 0
    duplicates: int = 0
    unchanged: int = 0  # already in the store with the same content (`stored=`): not coded
    events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time the workers spent coding and writing shards
    start_up_seconds: float = 0.0  # from the call to the first batch a worker started coding
    coding_seconds: float = 0.0  # from the first batch started to the last one finished
    worker_init_seconds: float = 0.0  # mean time a worker took to load the model and stages

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "workers": self.workers,
            "files": self.files,
            "shards": self.shards,
            "articles": self.articles,
            "coded": self.coded,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "events": self.events,
            "skipped": dict(sorted(self.skipped.items())),
            "seconds": round(self.seconds, 3),
            "cpu_seconds": round(self.cpu_seconds, 3),
            "start_up_seconds": round(self.start_up_seconds, 3),
            "coding_seconds": round(self.coding_seconds, 3),
            "worker_init_seconds": round(self.worker_init_seconds, 3),
        }


class CodingWorker:
    """A Ray Data worker: loads the coder once, then codes and writes one shard per batch."""

    def __init__(self, out: str, dictionaries: str | None, model: str | None) -> None:
        self.init_started = time.time()
        from tacitus.pipeline.coding import build_coder

        self.coder = build_coder(dictionaries=dictionaries, model=model)
        self.stages = load_stages()
        self.writer = ShardWriter(out)
        self.init_finished = time.time()

    def __call__(self, batch: pa.Table) -> pa.Table:
        cpu, started = time.process_time(), time.time()
        rows = batch.to_pylist()
        articles, order, skips = rows_to_items(rows)
        unchanged = unchanged_rows(rows)
        stored = code_batch(articles, self.coder, self.stages)
        shard = self.writer.write(ShardBatch(stored, order, skips, unchanged))
        skipped = Counter(reason for _, reason, _ in skips)
        skipped.update(s.skip_reason or "coder" for s in stored if s.status == "skipped")
        return pa.Table.from_pylist(
            [
                {
                    "shard": shard,
                    "articles": len(stored),
                    "coded": sum(s.status == "coded" for s in stored),
                    "duplicates": sum(s.status == "duplicate" for s in stored),
                    "unchanged": len(unchanged),
                    "events": sum(len(s.events) for s in stored),
                    "skipped": json.dumps(dict(sorted(skipped.items()))),
                    "cpu_seconds": time.process_time() - cpu,
                    "worker": os.getpid(),
                    "init_started": self.init_started,
                    "init_finished": self.init_finished,
                    "started": started,
                    "finished": time.time(),
                }
            ],
            schema=MANIFEST_SCHEMA,
        )


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise RayNotInstalledError(
            "--engine ray needs Ray, which is not installed - from a checkout: pip install '.[ray]' "
            "(or use the local engine: leave out --engine)"
        ) from exc
    return ray


def _connect(ray: Any, address: str | None, workers: int | None) -> bool:
    """Join the cluster at `address`, or start a local one; True if we started it."""
    if ray.is_initialized():
        return False
    if address is None:
        # A private single-machine cluster: one CPU per coding worker, no dashboard.
        ray.init(
            num_cpus=workers, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False
        )
    else:
        ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    return True


def _input_files(inputs: Sequence[str]) -> list[Any]:
    """Paths to read, and Skips for the directory entries that are not read (`iter_sources`)."""
    from tacitus.ingest.sources import STDIN, iter_sources

    if STDIN in inputs:
        raise UserInputError(
            "--engine ray cannot read stdin (-) - write the input to a file that every node can read"
        )
    files = list(iter_sources(inputs))
    if not files:
        raise UserInputError(f"no input file under {' '.join(inputs)} - check the paths")
    return files


def _input_item(input_file: int, source: Any) -> dict[str, Any]:
    if isinstance(source, str):
        return {"input_file": input_file, "path": source, "reason": "", "detail": ""}
    return {"input_file": input_file, "path": source.origin, "reason": source.reason, "detail": source.detail}


def _dataset(
    ray: Any,
    files: list[Any],
    out: str,
    options: RunOptions,
    workers: int,
    ingest_options: Any,
    stored: StoredArticles | None,
) -> Any:
    items = [_input_item(i, source) for i, source in enumerate(files)]
    dataset = ray.data.from_items(items, override_num_blocks=min(len(items), 10 * workers))
    # Reading is light next to coding: no CPU reserved, so it never waits behind the pool.
    dataset = dataset.map_batches(
        read_files_table,
        fn_kwargs={"options": ingest_options, "stored": stored},
        batch_format="numpy",
        num_cpus=0,
        compute=ray.data.TaskPoolStrategy(size=max(1, workers // 2)),
    )
    return dataset.map_batches(
        CodingWorker,
        fn_constructor_kwargs={"out": out, "dictionaries": options.dictionaries, "model": options.model},
        batch_size=options.batch_size,
        batch_format="pyarrow",
        num_cpus=1,
        # Two in flight: the next bundle waits at the worker while it codes one (no idle gap),
        # yet bundles go to whichever worker frees up first. Ray's default of four deals them
        # round-robin, so the worker with the longer articles finished seconds after the other.
        compute=ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2),
    )


def _add(report: ScaleReport, manifest: dict[str, Any]) -> None:
    report.shards += 1
    for name in ("articles", "coded", "duplicates", "unchanged", "events"):
        setattr(report, name, getattr(report, name) + int(manifest[name]))
    report.cpu_seconds += float(manifest["cpu_seconds"])
    report.skipped.update(json.loads(manifest["skipped"]))


def run_ray(
    inputs: Sequence[str],
    *,
    out: str,
    options: RunOptions | None = None,
    address: str | None = None,
    ingest_options: Any = None,
    progress: Callable[[ScaleReport], None] | None = None,
    stored: StoredArticles | None = None,
) -> ScaleReport:
    """Code `inputs` on a Ray cluster and write Parquet shards under `out`.

    Args:
        inputs: files, directories or globs every Ray node can read.
        out: a local directory or a URI (s3://, gs://, any fsspec one) for the shards.
        options: workers (coding actors; None: one per cluster CPU), batch_size
            (articles per shard), dictionaries, model.
        address: None starts a private local Ray; ``auto`` joins the running cluster;
            ``ray://HOST:PORT`` connects through Ray Client.
        ingest_options: `tacitus.ingest.IngestOptions` for reading.
        stored: articles a store already holds (`StoredArticles.from_store`): those read with
            the same id and content are counted as unchanged and not coded, as the local
            engine does.

    Raises:
        RayNotInstalledError: Ray is not installed.
        UserInputError: an input is missing, or stdin was given.
    """
    started, wall_started = time.perf_counter(), time.time()
    options = options or RunOptions()
    files = _input_files(inputs)  # missing inputs fail before Ray starts
    ShardWriter(out)  # a bad output URI fails before Ray starts
    ray = _import_ray()
    we_started = _connect(ray, address, options.workers)
    try:
        workers = options.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        report = ScaleReport(out=out, workers=workers, files=len(files))
        with _ray_data_settings(ray):
            dataset = _dataset(ray, files, out, options, workers, ingest_options, stored)
            timeline = _Timeline(wall_started)
            seen: set[str] = set()
            for manifest in dataset.iter_rows():
                if manifest["shard"] in seen:  # a retried batch reported twice
                    continue
                seen.add(manifest["shard"])
                _add(report, manifest)
                timeline.add(manifest)
                report.seconds = time.perf_counter() - started
                if progress:
                    progress(report)
    finally:
        if we_started:
            ray.shutdown()
    report.seconds = time.perf_counter() - started
    timeline.fill(report)
    log.info(
        "ray run: %d shards, %d articles, %d events in %.1f s (first batch after %.1f s)",
        report.shards,
        report.articles,
        report.events,
        report.seconds,
        report.start_up_seconds,
    )
    return report


@contextmanager
def _ray_data_settings(ray: Any) -> Iterator[None]:
    """`_CONTEXT` on Ray Data's process-wide context for the run, the caller's values after."""
    context = ray.data.DataContext.get_current()
    saved = {name: getattr(context, name) for name in _CONTEXT}
    try:
        for name, value in _CONTEXT.items():
            setattr(context, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(context, name, value)


class _Timeline:
    """When the workers started and coded, from the manifests' wall-clock times (on a cluster,
    as exact as the nodes' clocks agree: for the report and benchmarks, never for decisions)."""

    def __init__(self, wall_started: float) -> None:
        self.wall_started = wall_started
        self.inits: dict[int, float] = {}  # worker pid → seconds its model and stages took
        self.first = self.last = None  # type: float | None

    def add(self, manifest: dict[str, Any]) -> None:
        self.inits[int(manifest["worker"])] = manifest["init_finished"] - manifest["init_started"]
        self.first = min(self.first or manifest["started"], manifest["started"])
        self.last = max(self.last or manifest["finished"], manifest["finished"])

    def fill(self, report: ScaleReport) -> None:
        if self.first is None or self.last is None:
            return
        report.start_up_seconds = self.first - self.wall_started
        report.coding_seconds = self.last - self.first
        report.worker_init_seconds = sum(self.inits.values()) / len(self.inits)
