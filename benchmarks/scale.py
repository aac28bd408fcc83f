"""Throughput of the Ray engine (1 and 2 workers) against the local engine, same articles, one run.

    PYTHONPATH=src python benchmarks/scale.py                      # 2,000 BBC news articles
    PYTHONPATH=src python benchmarks/scale.py --corpus reuters     # 2,000 Reuters-21578 briefs
    PYTHONPATH=src python benchmarks/scale.py --articles 300
    PYTHONPATH=src python benchmarks/scale.py --repeat 3            # best of 3 interleaved rounds

Each engine codes the same articles (split over several JSONL files) from ingestion to
the DuckDB store: the local engine with one worker, then Ray with one and two coding
workers on a private 2-CPU Ray started once (its start-up is printed apart: a real
cluster is already running; the local engine runs while that Ray idles). The Ray times
include worker start-up (model and dictionaries loaded in every worker), writing the
shards and `tacitus load`. Prints
articles/s, the 1 → 2 worker scaling (gate ≥ 1.7×) and Ray's overhead against the local
engine (gate ≤ 15 %), and checks every run stored the same events.

The default corpus is BBC news 2004–2005 (median 326 words, the length of an ordinary
news story; GDELT's sources run longer still). Reuters-21578's 1987 briefs (median 85 words)
make coding so cheap that the ~4 s every Ray run spends starting its workers weighs as
much as a fifth of a 2-worker run: that figure is printed with ``--corpus reuters``.
Needs ../shared/data/corpus (development data) and Ray (pip install -e '.[ray]').
"""

from __future__ import annotations

import os

# One math thread per worker in every engine (Ray's workers get OMP_NUM_THREADS=1 too), so
# "1 worker" means one core for the local engine as well. Set before numpy is imported.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"bbc": "data/corpus/news_bbc_2004_2005.jsonl", "reuters": "data/corpus/news_reuters21578.jsonl"}
CORPUS = CORPORA["bbc"]
LONG_CORPUS = "data/corpus/news_allsides_us_politics.jsonl"  # longer political news
SCALING_FLOOR = 1.7
OVERHEAD_CEILING = 0.15


def _shared() -> Path:
    for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (candidate / CORPUS).exists():
            return candidate
    sys.exit(f"skipped: needs ../shared/{CORPUS} (development data, not shipped with Tacitus)")


def _inputs(directory: Path, count: int, files: int, corpus_name: str = CORPUS) -> list[str]:
    """The first `count` articles of the corpus, dealt into `files` JSONL files."""
    lines = []
    with open(_shared() / corpus_name, encoding="utf-8") as corpus:
        for line in corpus:
            if json.loads(line).get("text"):
                lines.append(line)
            if len(lines) == count:
                break
    paths = []
    per_file = -(-len(lines) // files)
    for number in range(files):
        path = directory / f"part-{number:02d}.jsonl"
        path.write_text("".join(lines[number * per_file : (number + 1) * per_file]), encoding="utf-8")
        paths.append(str(path))
    return paths


def _events(db: Path) -> int:
    from tacitus.store import Store

    with Store.open(db, read_only=True) as store:
        return int(store.con.execute("SELECT count(*) FROM events").fetchone()[0])


def _local(inputs: list[str], work: Path, tag: str) -> dict:
    from tacitus.pipeline import RunOptions, run

    db = work / f"local-{tag}.duckdb"
    started, cpu = time.perf_counter(), time.process_time()
    report = run(inputs, db=db, options=RunOptions(workers=1))
    seconds = time.perf_counter() - started
    return {
        "engine": "local",
        "workers": 1,
        "articles": report.articles,
        "seconds": seconds,
        "code_seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "events": _events(db),
        "load": os.getloadavg()[0],
    }


def _ray(inputs: list[str], work: Path, workers: int, batch_size: int, tag: str) -> dict:
    from tacitus.pipeline import RunOptions
    from tacitus.scale import load_shards, run_ray

    out, db = work / f"shards-{workers}-{tag}", work / f"ray-{workers}-{tag}.duckdb"
    started = time.perf_counter()
    report = run_ray(inputs, out=str(out), options=RunOptions(workers=workers, batch_size=batch_size))
    coded = time.perf_counter() - started
    load_shards(str(out), db=db)
    seconds = time.perf_counter() - started
    return {
        "engine": "ray",
        "workers": workers,
        "articles": report.articles,
        "seconds": seconds,
        "code_seconds": coded,
        "cpu_seconds": report.cpu_seconds,
        "events": _events(db),
        "load": os.getloadavg()[0],
        "start_up": report.start_up_seconds,
        "worker_init": report.worker_init_seconds,
        "coding_span": report.coding_seconds,
    }


def _words(inputs: list[str]) -> int:
    total = 0
    for path in inputs:
        with open(path, encoding="utf-8") as lines:
            total += sum(len(json.loads(line)["text"].split()) for line in lines)
    return total


def per_core(count: int) -> None:
    """Articles and words per CPU-second of one Ray coding worker on longer political news."""
    import ray

    from tacitus.pipeline import RunOptions
    from tacitus.scale import run_ray

    with tempfile.TemporaryDirectory(prefix="tacitus-scale-") as tmp:
        inputs = _inputs(Path(tmp), count, 1, LONG_CORPUS)
        words = _words(inputs)
        ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        ray.data.DataContext.get_current().enable_progress_bars = False
        try:
            report = run_ray(inputs, out=f"{tmp}/shards", options=RunOptions(workers=1))
        finally:
            ray.shutdown()
    print(
        f"{report.articles} articles of {LONG_CORPUS} ({words / count:.0f} words each), "
        f"{report.events} events: {report.articles / report.cpu_seconds:.2f} articles and "
        f"{words / report.cpu_seconds:.0f} words per CPU-second of one coding worker "
        f"(wall {report.seconds:.1f} s, machine load {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--corpus",
        choices=sorted(CORPORA),
        default="bbc",
        help="bbc: ordinary news stories (default); reuters: 1987 wire briefs",
    )
    parser.add_argument("--files", type=int, default=8, help="JSONL files the articles are split into")
    parser.add_argument("--batch-size", type=int, default=32, help="articles per Ray shard")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of local, Ray 1, Ray 2 (interleaved); each engine's fastest "
        "round is compared, as timeit does, against this machine's drift",
    )
    parser.add_argument(
        "--per-core",
        action="store_true",
        help=f"only: one Ray worker's articles per CPU-second on {LONG_CORPUS}",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("ray").setLevel(logging.WARNING)
    if args.per_core:
        per_core(300 if args.articles == 2000 else args.articles)
        return
    import ray

    with tempfile.TemporaryDirectory(prefix="tacitus-scale-") as tmp:
        work = Path(tmp)
        inputs = _inputs(work, args.articles, args.files, CORPORA[args.corpus])
        print(
            f"{args.articles} articles of {CORPORA[args.corpus]}, {_words(inputs) / args.articles:.0f} "
            f"words each on average, in {args.files} files"
        )
        started = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        ray.data.DataContext.get_current().enable_progress_bars = False
        ray_start = time.perf_counter() - started
        rounds = []
        try:
            for number in range(args.repeat):
                tag = str(number)
                rounds.append(
                    [_local(inputs, work, tag)]
                    + [_ray(inputs, work, workers, args.batch_size, tag) for workers in (1, 2)]
                )
        finally:
            ray.shutdown()
    if args.repeat > 1:
        for engine in range(3):
            runs = [r[engine] for r in rounds]
            print(
                f"{runs[0]['engine']} workers={runs[0]['workers']}: "
                + ", ".join(f"{r['articles'] / r['seconds']:.2f}" for r in runs)
                + " articles/s in the rounds; the fastest is compared"
            )
    _print([min((r[engine] for r in rounds), key=lambda r: r["seconds"]) for engine in range(3)], ray_start)


def _print(results: list[dict], ray_start: float) -> None:
    for result in results:
        result["rate"] = result["articles"] / result["seconds"]
        print(
            f"{result['engine']:5} workers={result['workers']}  {result['articles']} articles "
            f"in {result['seconds']:6.1f} s (coding {result['code_seconds']:6.1f} s)  "
            f"{result['rate']:6.2f} articles/s  "
            f"{result['articles'] / result['cpu_seconds']:6.2f} articles/CPU-s  "
            f"{result['events']} events  "
            f"(machine load {result['load']:.1f} on {os.cpu_count()} cores)"
        )
    local, ray1, ray2 = results
    scaling = ray2["rate"] / ray1["rate"]
    overhead = ray1["seconds"] / local["seconds"] - 1
    same = local["events"] == ray1["events"] == ray2["events"]
    print(f"ray start-up (once per cluster, not in the times above): {ray_start:.1f} s")
    print(
        f"scaling 1 -> 2 Ray workers: {scaling:.2f}x (floor {SCALING_FLOOR}x) "
        f"{'PASS' if scaling >= SCALING_FLOOR else 'FAIL'}"
    )
    print(
        f"Ray overhead against local (1 worker each): {overhead:+.1%} (ceiling "
        f"{OVERHEAD_CEILING:.0%}) {'PASS' if overhead <= OVERHEAD_CEILING else 'FAIL'}"
    )
    print(f"same events in every run: {same}")
    for result in (ray1, ray2):
        print(
            f"ray workers={result['workers']}: first batch coded after {result['start_up']:.1f} s "
            f"(each worker loads model, dictionaries and gazetteer in {result['worker_init']:.1f} s), "
            f"coding {result['coding_span']:.1f} s, shards loaded into DuckDB in "
            f"{result['seconds'] - result['code_seconds']:.1f} s"
        )
        obtained = result["cpu_seconds"] / result["code_seconds"]
        print(
            f"ray workers={result['workers']}: the coding workers got {obtained:.2f} of "
            f"{result['workers']} cores (the rest went to other processes on this machine)"
        )
    per_cpu = (ray2["articles"] / ray2["cpu_seconds"]) / (ray1["articles"] / ray1["cpu_seconds"])
    print(f"scaling per CPU-second (what 2 free cores would give): {2 * per_cpu:.2f}x")
    print(
        f"per core: {ray1['rate']:.2f} articles/s wall (Ray, 1 worker); "
        f"{ray1['articles'] / ray1['cpu_seconds']:.2f} articles per CPU-second of coding"
    )


if __name__ == "__main__":
    main()
