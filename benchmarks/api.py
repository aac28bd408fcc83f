"""API latency on a generated store of 1,000,000 events under a bounded loopback load.

Builds (or reuses) a store with the real schema, starts `tacitus serve` in a subprocess on
127.0.0.1, and sends each endpoint's requests with at most `--concurrency` in flight. Prints
p50/p95 per endpoint, the errors, and the ratio to a baseline measured in the same run: the
same endpoint answered in-process with no HTTP and no concurrency (`serve --get`'s path).

    PYTHONPATH=src python benchmarks/api.py --events 1000000 --requests 200 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tacitus.cameo import code_info
from tacitus.store.connection import connect

COUNTRIES = [
    "CHN",
    "RUS",
    "USA",
    "IND",
    "PAK",
    "IRN",
    "ISR",
    "PSE",
    "SYR",
    "TUR",
    "UKR",
    "DEU",
    "FRA",
    "GBR",
    "JPN",
    "PRK",
    "KOR",
    "AFG",
    "IRQ",
    "SAU",
    "EGY",
    "NGA",
    "ETH",
    "SDN",
    "VEN",
    "COL",
    "BRA",
    "MEX",
    "CAN",
    "AUS",
    "IDN",
    "PHL",
    "VNM",
    "MMR",
    "BLR",
    "POL",
    "LBY",
    "MLI",
    "YEM",
    "LBN",
]
SECTORS = ["", "GOV", "MIL", "OPP", "BUS", "MED"]
CODES = [
    "010",
    "020",
    "036",
    "040",
    "042",
    "043",
    "051",
    "057",
    "061",
    "070",
    "081",
    "090",
    "100",
    "111",
    "112",
    "120",
    "130",
    "138",
    "141",
    "150",
    "163",
    "173",
    "180",
    "190",
    "193",
    "195",
]
EVENTS_PER_ARTICLE = 10
TARGET_P95_MS = 150.0


def build_store(path: Path, n_events: int) -> None:
    """A store with the real schema filled by SQL: `n_events` events in date order, 10 per article."""
    con = connect(path)
    con.execute(
        "CREATE TEMP TABLE codes AS SELECT * FROM (VALUES "
        + ", ".join(
            f"({i}, '{c}', '{code_info(c).root_code}', {code_info(c).quad_class}, {code_info(c).goldstein})"
            for i, c in enumerate(CODES)
        )
        + ") AS t(idx, code, root_code, quad_class, goldstein)"
    )
    con.execute(
        "CREATE TEMP TABLE countries AS SELECT unnest(?::VARCHAR[]) AS c, "
        "generate_subscripts(?::VARCHAR[], 1) - 1 AS idx",
        [COUNTRIES, COUNTRIES],
    )
    con.execute(
        "CREATE TEMP TABLE sectors AS SELECT unnest(?::VARCHAR[]) AS s, "
        "generate_subscripts(?::VARCHAR[], 1) - 1 AS idx",
        [SECTORS, SECTORS],
    )
    n_articles = n_events // EVENTS_PER_ARTICLE
    # Dates advance with the row number over ten years, as an append-only ingest would store them.
    con.execute(
        "INSERT INTO articles (id, title, date, source, status, text, n_events) "
        "SELECT 'bench-' || lpad(a::VARCHAR, 7, '0'), 'Generated article ' || a, "
        "DATE '2015-01-01' + CAST(a * 3650 // ? AS INTEGER), 'bench wire', 'coded', "
        "repeat('Generated sentence. ', 10), ? FROM range(?) AS r(a)",
        [n_articles, EVENTS_PER_ARTICLE, n_articles],
    )
    con.execute(
        "INSERT INTO events BY NAME SELECT 'bench-' || lpad((i // ?)::VARCHAR, 7, '0') AS doc_id, "
        "(i % ?)::INTEGER AS ordinal, (i % ?)::INTEGER AS sentence, "
        "DATE '2015-01-01' + CAST((i // ?) * 3650 // ? AS INTEGER) AS date, "
        "sc.c || ss.s AS source, tc.c || ts.s AS target, k.code, k.root_code, k.quad_class, k.goldstein, "
        "MAP {'event': 'GENERATED'} AS plover, sc.c AS source_actor_text, sc.c || ss.s AS source_actor_code, "
        "sc.c AS source_actor_country, tc.c AS target_actor_text, tc.c || ts.s AS target_actor_code, "
        "tc.c AS target_actor_country, 'Generated sentence.' AS evidence_text, "
        "((i % ?) * 20)::INTEGER AS evidence_start, ((i % ?) * 20 + 19)::INTEGER AS evidence_end, "
        "'generated' AS verb, false AS negated, 'asserted' AS modality, []::VARCHAR[] AS issues "
        "FROM range(?) AS r(i) "
        "JOIN countries AS sc ON sc.idx = (i * 7919) % 40 "
        "JOIN countries AS tc ON tc.idx = (i * 104729 + 13) % 40 "
        "JOIN sectors AS ss ON ss.idx = (i * 31) % 6 JOIN sectors AS ts ON ts.idx = (i * 17 + 3) % 6 "
        "JOIN codes AS k ON k.idx = (i * 2654435761) % 26 ORDER BY i",
        [EVENTS_PER_ARTICLE] * 3 + [EVENTS_PER_ARTICLE, n_articles] + [EVENTS_PER_ARTICLE] * 2 + [n_events],
    )
    con.execute(
        "INSERT INTO quotes (doc_id, ordinal, kind, sentence, content_text, content_start, content_end, "
        "speaker_text, speaker_start, speaker_end, speaker_code, speaker_country) "
        "SELECT id, 0, 'direct', 0, 'Generated sentence.', 0, 19, 'Someone', 0, 7, "
        "source_actor_code, source_actor_country FROM "
        "(SELECT a.id, e.source_actor_code, e.source_actor_country "
        "FROM articles AS a JOIN events AS e ON e.doc_id = a.id AND e.ordinal = 0)"
    )
    con.execute(
        "INSERT INTO places (doc_id, ordinal, name, gazetteer_id, country, lat, lon, confidence, "
        "evidence_text, evidence_start, evidence_end) "
        "SELECT id, 0, 'Place ' || (h % 500), (h % 500)::VARCHAR, "
        "'CHN', (h % 500) / 500.0 * 120 - 50, (h % 500) / 500.0 * 340 - 170, 0.9, 'Generated', 0, 9 "
        "FROM (SELECT id, (hash(id) % 1000)::BIGINT AS h FROM articles)"
    )
    con.execute("CHECKPOINT")
    con.close()


def workload(n: int) -> dict[str, list[str]]:
    """Per endpoint, `n` deterministic request paths spread over actors, dates and codes."""

    def pair(i: int) -> tuple[str, str]:
        return COUNTRIES[i % 40], COUNTRIES[(i * 7 + 3) % 40]

    def year(i: int) -> int:
        return 2015 + i % 10

    return {
        "events dyad": [f"/api/events?dyad={pair(i)[0]},{pair(i)[1]}&limit=50" for i in range(n)],
        "events source+dates": [
            f"/api/events?source={COUNTRIES[i % 40]}&start={year(i)}-01-01&end={year(i)}-06-30"
            f"&sort=-date&limit=50"
            for i in range(n)
        ],
        "events code+q": [
            f"/api/events?code={CODES[i % 26]}&quad_class={code_info(CODES[i % 26]).quad_class}"
            f"&q=generated&limit=100"
            for i in range(n)
        ],
        "timeseries dyad week": [
            f"/api/timeseries?dyad={pair(i)[0]},{pair(i)[1]}&interval=week" for i in range(n)
        ],
        "timeseries actor month": [
            f"/api/timeseries?actor={COUNTRIES[i % 40]}&interval=month" for i in range(n)
        ],
        "dyads by year": [f"/api/dyads?start={year(i)}-01-01&end={year(i)}-12-31&limit=20" for i in range(n)],
        "event by id": [f"/api/events/bench-{(i * 7919) % 100000:07d}:{i % 10}" for i in range(n)],
        "article by id": [f"/api/articles/bench-{(i * 7919) % 100000:07d}" for i in range(n)],
        "quotes speaker": [f"/api/quotes?speaker={COUNTRIES[i % 40]}&limit=20" for i in range(n)],
        "actors top": [f"/api/actors?start={year(i)}-01-01&limit=20" for i in range(n)],
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


async def _load(base: str, paths: list[str], concurrency: int) -> tuple[list[float], int]:
    limit = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one(path: str) -> None:
            nonlocal errors
            async with limit:
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(one(path) for path in paths))
    return latencies, errors


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


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    server = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("tacitus serve did not answer within 60 s")


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
    baselines = {name: _baseline(args.db, p) for name, p in paths.items()}
    server = _serve(args.db, args.port)
    results = {}
    try:
        for name, p in paths.items():
            started, cpu_before = time.perf_counter(), _cpu_seconds(server.pid)
            latencies, errors = asyncio.run(_load(f"http://127.0.0.1:{args.port}", p, args.concurrency))
            wall, cpu_after = time.perf_counter() - started, _cpu_seconds(server.pid)
            # Server CPU per request does not depend on what else the machine runs.
            cpu_ms = (cpu_after - cpu_before) * 1000 / len(p) if cpu_after is not None else float("nan")
            results[name] = {
                "p50_ms": _percentile(latencies, 0.5),
                "p95_ms": _percentile(latencies, 0.95),
                "errors": errors,
                "requests": len(p),
                "rps": len(p) / wall,
                "baseline_ms": baselines[name],
                "server_cpu_ms": cpu_ms,
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(results, args)


def _report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"{args.events:,} events, {args.requests} requests per endpoint, {args.concurrency} in flight, "
        f"loopback; baseline = same request in-process, one at a time"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (other processes share the cores)")
    print("cpu ms = server process CPU time per request (all its threads), independent of machine load")
    print(
        f"{'endpoint':24} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'errors':>6} {'base ms':>8} "
        f"{'p50/base':>8} {'cpu ms':>7}  target"
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
            f"{name:24} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['rps']:7.1f} {r['errors']:6d} "
            f"{r['baseline_ms']:8.1f} {r['p50_ms'] / r['baseline_ms']:8.2f} "
            f"{r['server_cpu_ms']:7.1f}  {target}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True))
    print("all targets met, zero errors" if not failed else "SOME TARGETS MISSED OR ERRORS")


if __name__ == "__main__":
    main()
