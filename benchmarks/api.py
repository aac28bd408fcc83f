"""API latency on a generated store of 1,000,000 events under a bounded loopback load.

Builds (or reuses) a store with the real schema, starts `tacitus serve` in a subprocess on
127.0.0.1, and sends each endpoint's requests with at most `--concurrency` in flight. Prints
p50/p95 per endpoint, the errors, and the ratio to a baseline measured in the same run: the
same endpoint answered in-process with no HTTP and no concurrency (`serve --get`'s path).

    PYTHONPATH=src python benchmarks/api.py --events 1000000 --requests 1000 --concurrency 200

The load comes from a small asyncio HTTP/1.1 client over keep-alive loopback connections (it
shares the machine's cores with the server, so it must be light); `urls` is the number of
distinct request paths per endpoint. The server runs without a response cache unless `--cache-mb`
is given; then each load runs twice and the second ("warm") run is reported on its own row.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tacitus.cameo import code_info
from tacitus.store.generated import CODES, COUNTRIES, SECTORS, build_store

TARGET_P95_MS = 150.0


def _dyads() -> list[tuple[str, str]]:
    """Actor-code pairs that the generated store holds events for: the 40 country pairs the
    generator makes (both orders), each also at the sector level (CHNGOV, RUSMIL, ...)."""
    pairs = [(COUNTRIES[(-r) % 40], COUNTRIES[(9 * r + 13) % 40]) for r in range(40)]
    return [
        (a + sa, b + sb) if flip == 0 else (b + sb, a + sa)
        for sa in SECTORS
        for sb in SECTORS
        for flip in (0, 1)
        for a, b in pairs
    ]


def _texts() -> list[str]:
    """Words of the generated evidence sentence, as a user would type them (each matches)."""
    sentence = "generated sentence."
    return [sentence[i:j] for i in range(len(sentence)) for j in range(i + 3, len(sentence) + 1)]


def workload(n: int) -> dict[str, list[str]]:
    """Per endpoint, `n` deterministic request paths spread over actors, dates and codes; the
    targeted endpoints' paths are all distinct up to a few thousand requests (see `distinct`)."""
    dyads, texts = _dyads(), _texts()
    actors = COUNTRIES + [c + s for s in SECTORS[1:] for c in COUNTRIES]

    def year(i: int) -> int:
        return 2015 + i % 10

    def dyad(i: int) -> str:
        a, b = dyads[(i * 97) % len(dyads)]
        return f"{a},{b}"

    return {
        "events dyad": [f"/api/events?pair={dyad(i)}&limit=50" for i in range(n)],
        "events source+dates": [
            f"/api/events?source={actors[i % len(actors)]}&since={year(i // len(actors))}-"
            f"{'01-01' if i % 2 else '07-01'}&until={year(i // len(actors))}-{'06-30' if i % 2 else '12-31'}"
            f"&sort=-date&limit=50"
            for i in range(n)
        ],
        "events code+q": [
            f"/api/events?code={CODES[i % 26]}&quad_class={code_info(CODES[i % 26]).quad_class}"
            f"&q={texts[(i // 26) % len(texts)].replace(' ', '+')}&limit=100"
            for i in range(n)
        ],
        "timeseries dyad week": [f"/api/timeseries?pair={dyad(i)}&interval=week" for i in range(n)],
        "timeseries actor month": [
            f"/api/timeseries?actor={actors[i % len(actors)]}&interval=month" for i in range(n)
        ],
        "dyads by year": [
            f"/api/dyads?since={year(i)}-01-01&until={year(i)}-12-31&limit=20" for i in range(n)
        ],
        "event by id": [f"/api/events/bench-{(i * 7919) % 100000:07d}:{i % 10}" for i in range(n)],
        "article by id": [f"/api/articles/bench-{(i * 7919) % 100000:07d}" for i in range(n)],
        "quotes speaker": [f"/api/quotes?speaker={COUNTRIES[i % 40]}&limit=20" for i in range(n)],
        "actors top": [f"/api/actors?since={year(i)}-01-01&limit=20" for i in range(n)],
        "places": ["/api/places?limit=200" for _ in range(n)],
    }


TARGETED = {
    "events dyad",
    "events source+dates",
    "events code+q",
    "timeseries dyad week",
    "timeseries actor month",
}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _response(reader: asyncio.StreamReader) -> tuple[int, int]:
    """(status, body length) of one HTTP/1.1 response read off a keep-alive connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
    }
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
        return status, len(body)
    size = 0  # chunked
    while True:
        chunk = int((await reader.readline()).strip(), 16)
        size += len(await reader.readexactly(chunk + 2)) - 2
        if chunk == 0:
            return status, size


async def _load(port: int, paths: list[str], concurrency: int) -> tuple[list[float], int, float]:
    """Send `paths` over `concurrency` keep-alive connections, each sending its next request as
    soon as the last is answered: `concurrency` requests in flight until the queue runs dry.
    A raw asyncio client: httpx spent more CPU per request than the server it was measuring,
    on the same two cores. Returns the latencies, the errors and the wall time."""
    queue = collections.deque(paths)
    latencies: list[float] = []
    errors = 0
    connections = [
        await asyncio.open_connection("127.0.0.1", port) for _ in range(min(concurrency, len(paths)))
    ]

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal errors
        while queue:
            path = queue.popleft()
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
            try:
                status, size = await _response(reader)
            except (asyncio.IncompleteReadError, ConnectionError, ValueError):
                errors += 1
                return
            latencies.append((time.perf_counter() - started) * 1000)
            errors += status != 200 or size == 0

    started = time.perf_counter()
    await asyncio.gather(*(worker(*connection) for connection in connections))
    wall = time.perf_counter() - started
    for _, writer in connections:
        writer.close()
    errors += len(queue)  # requests never sent because their connection broke
    return latencies, errors, wall


def _run(coroutine: Any) -> Any:
    """Run the load on uvloop where installed: the client shares the cores with the server."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def _baseline(db: Path, paths: list[str]) -> float:
    """Median in-process latency (ASGI, no socket, one request at a time) over the first 20 paths."""
    from tacitus.api import create_app
    from tacitus.api.client import get_once

    app = create_app(db, dashboard=False)
    times = []
    for path in paths[:20]:
        started = time.perf_counter()
        status, _ = get_once(app, path)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"baseline request {path} failed with {status}")
    app.state.store.close()
    return statistics.median(times)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of process `pid` so far (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], float]:
    """`tacitus serve` in a subprocess, and the seconds until it answered (its start-up)."""
    port, workers = args.port, args.workers
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    command = [sys.executable, "-m", "tacitus", "serve", "--db", str(args.db), "--port", str(port)]
    command += ["--workers", str(workers), "--indexes" if args.indexes else "--no-indexes"]
    command += ["--cache-mb", str(args.cache_mb)]
    started = time.perf_counter()
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200:
                # The first worker answers; wait until all have built their indexes (the server's
                # CPU goes quiet), else the load's connections would all land on the first one.
                while True:
                    before = _tree_cpu_seconds(server.pid) or 0.0
                    time.sleep(1.0)
                    if (_tree_cpu_seconds(server.pid) or 0.0) - before < 0.05:
                        return server, time.perf_counter() - started - 1.0
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("tacitus serve did not answer within 600 s")


def _tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds of `pid` and its children (uvicorn's workers), else None."""
    total = _cpu_seconds(pid)
    if total is None:
        return None
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(_tree_cpu_seconds(int(child)) or 0.0 for child in children)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--db", type=Path, default=Path("out/bench-api.duckdb"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--workers", type=int, default=2, help="`tacitus serve --workers`")
    parser.add_argument(
        "--indexes", action=argparse.BooleanOptionalAction, default=True, help="`serve --indexes`"
    )
    parser.add_argument(
        "--cache-mb",
        type=int,
        default=0,
        help="`serve --cache-mb`; 0 (default): no response cache. Above 0 each endpoint's load runs "
        "twice and the second run is reported as '(warm)'",
    )
    parser.add_argument("--only", choices=["targeted", "all"], default="all", help="which endpoints")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not args.db.exists():
        started = time.perf_counter()
        build_store(args.db, args.events)
        print(
            f"built {args.db} with {args.events:,} events in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    paths = workload(args.requests)
    if args.only == "targeted":
        paths = {name: p for name, p in paths.items() if name in TARGETED}
    baselines = {name: _baseline(args.db, p) for name, p in paths.items()}
    server, args.startup_s = _serve(args)
    results = {}
    try:
        # Warm-up, not measured, on paths outside the measured load: first requests pay for
        # lazily created cursors.
        extra = workload(args.requests + 20)
        _run(_load(args.port, [path for name in paths for path in extra[name][-20:]], args.concurrency))
        for name, p in paths.items():
            results[name] = _measure(server.pid, args.port, p, args.concurrency, baselines[name])
            if args.cache_mb:
                # The same paths again: now answered from the response cache.
                results[f"{name} (warm)"] = _measure(
                    server.pid, args.port, p, args.concurrency, baselines[name]
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(results, args)


def _measure(pid: int, port: int, paths: list[str], concurrency: int, baseline: float) -> dict[str, float]:
    """One endpoint's load: latencies, errors, rate, and the server's CPU time per request."""
    cpu_before, client_before = _tree_cpu_seconds(pid), time.process_time()
    latencies, errors, wall = _run(_load(port, paths, concurrency))
    cpu_after, client_after = _tree_cpu_seconds(pid), time.process_time()
    # Server CPU per request does not depend on what else the machine runs.
    cpu_ms = (
        (cpu_after - cpu_before) * 1000 / len(paths)
        if cpu_after is not None and cpu_before is not None
        else float("nan")
    )
    return {
        "p50_ms": _percentile(latencies, 0.5),
        "p95_ms": _percentile(latencies, 0.95),
        "errors": errors,
        "requests": len(paths),
        "distinct": len(set(paths)),
        "rps": len(paths) / wall,
        "baseline_ms": baseline,
        "server_cpu_ms": cpu_ms,
        # The load generator's own CPU per request: it runs on the same cores as the server.
        "client_cpu_ms": (client_after - client_before) * 1000 / len(paths),
    }


def _report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"{args.events:,} events, {args.requests} requests per endpoint, {args.concurrency} in flight "
        f"(each connection sends its next request when answered: steady state, not one burst), loopback; "
        f"baseline = same request in-process, one at a time, no start-up indexes"
    )
    print(
        f"server: tacitus serve --workers {args.workers} {'--indexes' if args.indexes else '--no-indexes'}, "
        f"--cache-mb {args.cache_mb}"
        f"{' (no response cache)' if not args.cache_mb else ' (warm rows: answers from the cache)'}; "
        f"answered {args.startup_s:.1f} s after start (start-up incl. indexes)"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other processes share the cores)")
    print(
        "cpu ms = CPU time of the server and its workers per request, independent of machine load; "
        "client = the load generator's CPU per request (same cores)"
    )
    print(
        f"{'endpoint':31} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6} {'base ms':>8} "
        f"{'p50/base':>8} {'cpu ms':>7} {'client':>6} {'urls':>5}  target"
    )
    failed = False
    for name, r in results.items():
        target = ""
        if name in TARGETED:
            ok = r["p95_ms"] < TARGET_P95_MS
            failed |= not ok
            target = f"p95 < {TARGET_P95_MS:.0f}: {'yes' if ok else 'NO'}"
        failed |= r["errors"] > 0
        print(
            f"{name:31} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['rps']:7.1f} {r['errors']:6d} "
            f"{r['baseline_ms']:8.1f} {r['p50_ms'] / r['baseline_ms']:8.2f} "
            f"{r['server_cpu_ms']:7.2f} {r['client_cpu_ms']:6.2f} {r['distinct']:5d}  {target}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True))
    print("all targets met, zero errors" if not failed else "SOME TARGETS MISSED OR ERRORS")


if __name__ == "__main__":
    main()
