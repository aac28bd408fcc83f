"""Benchmark: loading the shipped dictionary set cold (parse) and warm (cache), with peak RSS.

Usage:
    PYTHONPATH=src python benchmarks/dictionaries.py [--runs 5] [--directory DIR]

Each measurement runs in a fresh Python process (imports included in neither
figure, so both time `load_dictionaries` alone) with a temporary cache
directory: first a cold load that parses and writes the cache, then `--runs`
warm loads from it. The baseline of the same run is the cold parse; the
budget is 1 s for a warm load (PETRARCH2 needs 1.6-2.5 s and 266 MB). CPU
time is printed beside wall time because a shared machine's load inflates the latter.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

_CHILD = """
import json, resource, sys, time
import tacitus.dictionaries as d
start, cpu = time.perf_counter(), time.process_time()
loaded = d.load_dictionaries(sys.argv[1] or None)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({
    "seconds": seconds,
    "cpu": cpu,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "patterns": sum(len(b.patterns) for b in loaded.verbs.blocks),
    "actors": len(loaded.actors.entries),
}))
"""


def measure(directory: str, cache: str) -> dict[str, float]:
    env = {**os.environ, "TACITUS_CACHE_DIR": cache}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, directory],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="warm loads to time (median)")
    parser.add_argument("--directory", default="", help="dictionary directory (default: shipped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tacitus-bench-cache-") as cache:
        cold = measure(args.directory, cache)
        warm = [measure(args.directory, cache) for _ in range(args.runs)]
    warm_seconds = statistics.median(run["seconds"] for run in warm)
    warm_cpu = statistics.median(run["cpu"] for run in warm)
    warm_rss = max(run["peak_rss_mb"] for run in warm)
    print(f"dictionary set: {args.directory or 'shipped (builtin:petrarch2)'}")
    print(f"patterns: {cold['patterns']}  actors: {cold['actors']}")
    print(
        f"cold parse:  {cold['seconds']:.3f} s wall, {cold['cpu']:.3f} s CPU"
        f"   peak RSS {cold['peak_rss_mb']:.0f} MB"
    )
    print(
        f"warm load:   {warm_seconds:.3f} s wall, {warm_cpu:.3f} s CPU"
        f"   peak RSS {warm_rss:.0f} MB"
        f"   (median of {args.runs}, from the cache)"
    )
    print(f"warm / cold (wall): {warm_seconds / cold['seconds']:.2f}")
    print(f"warm / cold (CPU):  {warm_cpu / cold['cpu']:.2f}")
    print(f"warm / 1 s budget (wall): {warm_seconds:.2f}   (CPU): {warm_cpu:.2f}")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times grow with it)")


if __name__ == "__main__":
    main()
