"""The hardening probe campaign: hostile inputs and faults against ingest, the store,
exports and the server. Prints each failing probe, then probes tried, failures and data lost.

    PYTHONPATH=src python benchmarks/hardening.py [--skip-run]

Every probe uses the real parts: files, FIFOs, devices and links on disk, a file size limit
(RLIMIT_FSIZE) for a full disk, uvicorn on a loopback port. Data lost counts articles that
should have been stored or written and were not, and bytes of files an export must not touch.
`--skip-run` leaves out the probe that codes the bad-input corpus with the model (~1 min).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# TACITUS_PROBE_ROOT points the campaign at another checkout (to count what an older one fails).
ROOT = Path(os.environ.get("TACITUS_PROBE_ROOT") or Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT / "tests"))
NEWS = "The foreign ministers of France and Germany met in Paris on Tuesday to discuss trade. "
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
LIMITED = (
    "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2);"
    " sys.argv = ['tacitus', *sys.argv[2:]]; from tacitus.cli import main; main()"
)


@dataclass
class Campaign:
    """Probes tried, the ones that failed (with why), and data lost."""

    tried: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    lost: int = 0

    @contextlib.contextmanager
    def probe(self, area: str, name: str) -> Iterator[None]:
        self.tried[area] = self.tried.get(area, 0) + 1
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - a probe that raises is a failure, counted
            self.failures.append(f"{area}: {name}: {type(exc).__name__}: {str(exc)[:300]}")


def tacitus(*args: str, limit: int | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", LIMITED, str(limit)] if limit else [sys.executable, "-m", "tacitus.cli"]
    return subprocess.run([*command, *args], env=ENV, capture_output=True, timeout=timeout, check=False)


def one_line(result: subprocess.CompletedProcess[bytes], code: str) -> None:
    err = result.stderr.decode(errors="replace")
    if result.returncode != 1 or err.count("\n") != 1 or not err.startswith(f"Error: [{code}]"):
        raise AssertionError(f"exit {result.returncode}, stderr {err[-400:]!r}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- ingest: a generated bad-input corpus ------------------------------------------------------


def _odd_entries(folder: Path, n: int) -> dict[Path, str]:
    folder.mkdir()
    (folder / "real").mkdir()
    os.mkfifo(folder / "fifo")
    (folder / "dangling").symlink_to(folder / "nowhere")
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "to_folder").symlink_to(folder / "real")
    (folder / "device").symlink_to("/dev/null")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock"))
    (folder / ".hidden").write_text(NEWS)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(f"{n}. {NEWS}")
    return {
        folder / name: "skip"
        for name in ("fifo", "dangling", "loop", "to_folder", "device", "sock", ".hidden")
    } | {folder / os.fsdecode(b"caf\xe9.txt"): "article"}


def _corpus(root: Path, rng: random.Random) -> dict[Path, str]:
    """Paths and what each must give: ``article`` (one at least) or ``skip``."""
    expected: dict[Path, str] = {}
    for n in range(8):
        expected |= _odd_entries(root / f"odd{n}", n)
    fields = ("text", "title", "id", "source", "url", "author")
    for n, name in enumerate(fields * 10):
        record = {"id": f"s{n}", "text": f"Story {n}. {NEWS}", "title": "T"}
        record[name] = record.get(name, "x") + " \ud800 \udfff"
        path = root / f"surrogate{n}.jsonl"
        path.write_text(json.dumps(record) + "\n")
        expected[path] = "article"
    for n in range(150):
        path = root / f"random{n}{rng.choice(['.txt', '.html', '.jsonl', '.xml', '.warc', '.gz', ''])}"
        path.write_bytes(bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 3000))))
        expected[path] = "any"
    for n, encoding in enumerate(
        ["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030", "utf-8-sig"] * 5
    ):
        path = root / f"encoded{n}.txt"
        path.write_bytes(f"Story {n}. {NEWS} Café, naïve, Zürich.".encode(encoding, errors="replace"))
        expected[path] = "article"
    deep = root / "deep.jsonl"
    deep.write_text('{"text": "x", "y": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    expected[deep] = "skip"
    return expected


def _origin_file(origin: str) -> str:
    import re

    return re.split(r"[:@#]\d+$", origin)[0]


def ingest_probes(campaign: Campaign, tmp: Path) -> Path:
    from tacitus.ingest import IngestOptions, Skip, read_articles

    try:
        from tacitus.ingest.decode import repair_surrogates
    except ImportError:  # a checkout from before the repair

        def repair_surrogates(text: str) -> str:
            return text

    root = tmp / "corpus"
    root.mkdir()
    expected = _corpus(root, random.Random(15))
    vanishing = [root / f"vanishing{n}.txt" for n in range(10)]
    for path in vanishing:
        path.write_text(NEWS)
    outcomes: dict[str, set[str]] = {}
    with campaign.probe("ingest", "the corpus read whole, a file removed mid-run"):
        items = read_articles([str(root)], options=IngestOptions(languages=frozenset(), duplicates="off"))
        for number, item in enumerate(items):
            if number == 5:
                for path in vanishing:
                    path.unlink()
            json.dumps(item.as_dict(), ensure_ascii=False).encode("utf-8")
            kind = "skip" if isinstance(item, Skip) else "article"
            outcomes.setdefault(_origin_file(item.origin), set()).add(kind)
    for path, want in expected.items():
        with campaign.probe("ingest", str(path.relative_to(root))):
            got = outcomes.get(repair_surrogates(str(path)), set())
            if not got:
                raise AssertionError("no article and no skip: not accounted for")
            if want != "any" and want not in got:
                campaign.lost += want == "article"
                raise AssertionError(f"wanted {want}, got {sorted(got)}")
    for path in vanishing:
        with campaign.probe("ingest", f"{path.name} removed mid-run"):
            if outcomes.get(str(path)) != {"skip"}:
                raise AssertionError(f"got {outcomes.get(str(path))}")
    return root


def run_probe(campaign: Campaign, tmp: Path, corpus: Path) -> None:
    """`tacitus run` over the corpus (odd entries only: the random files are ingest's business)."""
    from tacitus.pipeline import RunOptions, run
    from tacitus.store import Store

    inputs = sorted(str(p) for p in corpus.glob("odd*")) + sorted(str(p) for p in corpus.glob("surrogate*"))
    db = tmp / "run.duckdb"
    with campaign.probe("run", "odd entries and surrogates through the pipeline"):
        report = run(inputs, db=db, options=RunOptions(workers=1))
        with Store.open(db, read_only=True) as store:
            skips = {row[0] for row in store.con.execute("SELECT origin FROM skips").fetchall()}
            stored = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        odd = {str(p) for p in corpus.glob("odd*/*") if p.name != "real" and not p.name.startswith("caf")}
        missing = odd - skips
        expected_articles = 60 + 8
        campaign.lost += max(0, expected_articles - stored)
        if missing or stored != expected_articles or report.skipped_total != len(skips):
            raise AssertionError(f"skip rows missing for {sorted(missing)[:5]}, {stored} articles stored")


# --- store faults --------------------------------------------------------------------------------


def _store(tmp: Path, name: str) -> Path:
    from store_records import article, event
    from tacitus.store import Store, StoredArticle

    path = tmp / name
    with Store.open(path) as store:
        store.write(
            [
                StoredArticle(
                    article(f"a{n}"),
                    events=[event(f"a{n}", "CHN", "RUS", "036", sentence=k) for k in range(3)],
                )
                for n in range(20)
            ]
        )
        store.con.execute("CHECKPOINT")
    return path


def store_probes(campaign: Campaign, tmp: Path) -> None:
    good = _store(tmp, "good.duckdb")
    data = good.read_bytes()
    cuts = (100, 4096, 8192, 12288, 12288 + 4096, len(data) // 2)
    damages: list[tuple[str, bytes]] = [(f"truncated at {n}", data[:n]) for n in cuts]
    for offset in (4096, 8192, 12288 + 64, 12288 + 262144 // 2):
        corrupt = bytearray(data)
        corrupt[offset : offset + 512] = bytes(range(256)) * 2
        damages.append((f"corrupted at {offset}", bytes(corrupt)))
    commands = [
        ["stats"],
        ["events"],
        ["export", "--format", "csv", "--out"],
        ["serve", "--get", "/api/stats"],
    ]
    for name, content in damages:
        for command in commands:
            with campaign.probe("damaged store", f"{name}: {command[0]}"):
                path = tmp / "damaged.duckdb"
                path.write_bytes(content)
                args = [*command, str(tmp / "out.csv")] if command[-1] == "--out" else command
                result = tacitus(*args, "--db", str(path))
                if result.returncode == 0 and command[0] != "export":
                    continue  # the damage is in blocks this command does not read
                if result.returncode != 0:
                    one_line(result, "E043")
                if path.read_bytes() != content:
                    raise AssertionError("the damaged store was changed")
                (tmp / "out.csv").unlink(missing_ok=True)
    sqlite = tmp / "notes.sqlite"
    import sqlite3

    with sqlite3.connect(sqlite) as con:
        con.execute("CREATE TABLE t (x)")
    others = {
        "sqlite file": sqlite,
        "text file": tmp / "notes.txt",
        "empty file": tmp / "empty.duckdb",
        "FIFO": tmp / "fifo.duckdb",
    }
    others["text file"].write_text("not a database\n" * 50)
    others["empty file"].write_bytes(b"")
    os.mkfifo(others["FIFO"])
    for name, path in others.items():
        for command in (["stats"], ["run", str(ROOT / "src/tacitus/data/examples/articles.jsonl")]):
            with campaign.probe("foreign store", f"{name}: {command[0]}"):
                before = path.read_bytes() if path.is_file() else None
                one_line(tacitus(*command, "--db", str(path), timeout=60), "E042")
                if before is not None and path.read_bytes() != before:
                    raise AssertionError("the file was changed")


def disk_full_probes(campaign: Campaign, tmp: Path) -> None:
    from tacitus.store import Store
    from test_pipeline_run import EXAMPLES, table_rows

    warm = (
        "import resource, sys\nfrom tacitus.pipeline import RunOptions, run\n"
        "run([sys.argv[1]], db=sys.argv[2], options=RunOptions(workers=1))\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), resource.RLIM_INFINITY))\n"
        "sys.argv = ['tacitus', *sys.argv[4:]]\nfrom tacitus.cli import main\nmain()\n"
    )
    for limit in (4096, 8192, 65536):
        with campaign.probe("disk full", f"run with a {limit} B file size limit"):
            db = _store(tmp, f"full{limit}.duckdb")
            before = table_rows(db)
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    warm,
                    str(EXAMPLES),
                    str(tmp / f"scratch{limit}.duckdb"),
                    str(limit),
                    "run",
                    str(EXAMPLES),
                    "--db",
                    str(db),
                    "--workers",
                    "1",
                    "--batch-size",
                    "100",
                ],
                env=ENV,
                capture_output=True,
                timeout=600,
                check=False,
            )
            if result.returncode != 0:  # the batch did not fit; else the log kept it all
                one_line(result, "E044")
                if table_rows(db) != before:
                    raise AssertionError("the store changed")
            from tacitus.pipeline import RunOptions, run

            run([str(EXAMPLES)], db=db, options=RunOptions(workers=1))
            with Store.open(db, read_only=True) as store:
                stored = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
            campaign.lost += max(0, 28 - stored)
            if stored != 28:
                raise AssertionError(f"{stored} articles stored, not 28")
    db = _store(tmp, "export_source.duckdb")
    for fmt in ("csv", "parquet", "gdelt", "plover", "quotes"):
        with campaign.probe("disk full", f"export {fmt} with a 256 B limit"):
            out = tmp / f"full.{fmt}"
            result = tacitus(
                "export",
                "--db",
                str(db),
                "--format",
                fmt,
                "--min-confidence",
                "0",
                "--out",
                str(out),
                limit=256,
            )
            if result.returncode == 0 and out.stat().st_size <= 256:
                continue  # it fit
            one_line(result, "E045")
            if out.exists() or list(tmp.glob(f".full.{fmt}.*")):
                raise AssertionError("a partial file was left")
    with campaign.probe("disk full", "ingest --out with a 2 KB limit"):
        inputs = tmp / "many.jsonl"
        inputs.write_text("".join(json.dumps({"id": f"i{n}", "text": NEWS * 4}) + "\n" for n in range(50)))
        one_line(tacitus("ingest", str(inputs), "--out", str(tmp / "ingested.jsonl"), limit=2048), "E045")


# --- exports ---------------------------------------------------------------------------------------


def export_probes(campaign: Campaign, tmp: Path) -> None:
    db = _store(tmp, "export.duckdb")
    for fmt in ("csv", "parquet", "gdelt", "plover", "quotes"):
        for target in (
            "symlink",
            "planted partial link",
            "FIFO",
            "device",
            "folder",
            "existing",
            "existing --force",
            "new",
            "missing folder",
            "stdout",
        ):
            with campaign.probe("export", f"{fmt} onto {target}"):
                folder = Path(tempfile.mkdtemp(dir=tmp))
                victim = folder / "victim.txt"
                victim.write_text("precious\n")
                out, extra, code = folder / f"out.{fmt}", [], "E045"
                if target == "symlink":
                    out.symlink_to(victim)
                elif target == "planted partial link":
                    (folder / f".out.{fmt}.partial").symlink_to(victim)
                    code = ""
                elif target == "FIFO":
                    os.mkfifo(out)
                elif target == "device":
                    try:
                        os.mknod(out, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
                    except PermissionError:
                        out = Path("/dev/null")
                elif target == "folder":
                    out.mkdir()
                elif target.startswith("existing"):
                    out = victim
                    extra = ["--force"] if "force" in target else []
                    code = "" if extra else "E045"
                elif target == "new":
                    code = ""
                elif target == "missing folder":
                    out, code = folder / "nowhere" / "out", "E001"
                else:
                    out, code = Path("-"), ""
                mode = os.lstat(out).st_mode if out.exists() or out.is_symlink() else None
                result = tacitus(
                    "export",
                    "--db",
                    str(db),
                    "--format",
                    fmt,
                    "--min-confidence",
                    "0",
                    "--out",
                    str(out),
                    *extra,
                )
                if code:
                    one_line(result, code)
                    if mode is not None and os.lstat(out).st_mode != mode:
                        raise AssertionError("the target was replaced")
                elif result.returncode != 0:
                    raise AssertionError(result.stderr.decode()[-300:])
                if out != victim and victim.read_text() != "precious\n":
                    campaign.lost += len("precious\n")
                    raise AssertionError("the victim file was overwritten")
    csv_probes(campaign, tmp)


def csv_probes(campaign: Campaign, tmp: Path) -> None:
    import csv
    import dataclasses
    import io

    from store_records import article, event
    from tacitus.records import Span
    from tacitus.store import Store, StoredArticle

    payloads = [
        '=HYPERLINK("http://evil.example","x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=cmd|' /C calc'!A0",
        "line one\nline two",
        'quote " inside',
    ]
    db = tmp / "csv.duckdb"
    with Store.open(db) as store:
        store.write(
            [
                StoredArticle(
                    article("c1"),
                    events=[
                        dataclasses.replace(
                            event("c1", "CHN", "RUS", "036", sentence=n), evidence=Span(text, 0, len(text))
                        )
                        for n, text in enumerate(payloads)
                    ],
                )
            ]
        )
    for command in (["export", "--format", "csv", "--out", "-"], ["events", "--format", "csv"]):
        for keep in ([], ["--keep-formulas"]):
            with campaign.probe("csv", f"{command[0]} {' '.join(keep)}"):
                result = tacitus(*command, "--db", str(db), "--min-confidence", "0", *keep)
                rows = list(csv.reader(io.StringIO(result.stdout.decode(), newline="")))
                column = rows[0].index("evidence_text")
                cells = sorted(row[column] for row in rows[1:])
                want = sorted(
                    p if keep or not p.startswith(("=", "+", "-", "@", "\t", "\r")) else "'" + p
                    for p in payloads
                )
                if cells != want:
                    raise AssertionError(f"{cells} != {want}")


# --- the server ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _server(db: Path, idle: int) -> Iterator[int]:
    import uvicorn

    from tacitus.api import create_app

    try:
        from tacitus.api.serving import server_settings
    except ImportError:  # a checkout from before the limits: uvicorn's own settings

        def server_settings(idle_timeout: int) -> dict[str, Any]:
            return {"timeout_keep_alive": idle_timeout, "log_level": "warning"}

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, **server_settings(idle_timeout=idle))
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)


def _exchange(port: int, data: bytes, wait: float = 10) -> bytes:
    out = b""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        try:
            sock.sendall(data)
            while chunk := sock.recv(65536):
                out += chunk
        except TimeoutError:
            out += b"<still open>"
        except (ConnectionResetError, BrokenPipeError):
            pass
    return out


def _check_answer(out: bytes, status: int | None) -> None:
    head, _, body = out.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 "):
        raise AssertionError(f"no answer: {out[:100]!r}")
    got = int(head.split()[1])
    if status is not None and got != status:
        raise AssertionError(f"status {got}, wanted {status}: {body[:200]!r}")
    lower = head.lower()
    if b"x-content-type-options: nosniff" not in lower or b"frame-ancestors 'none'" not in lower:
        raise AssertionError("security headers missing")
    if got >= 400 and body and json.loads(body).get("ok") is not False:
        raise AssertionError(f"not the JSON error shape: {body[:200]!r}")


def http_probes(campaign: Campaign, tmp: Path) -> None:
    from api_demo import build_demo_store

    db = build_demo_store(tmp / "demo.duckdb")
    get = "GET {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n"
    cases: list[tuple[str, bytes, int | None]] = [
        ("garbage", b"GARBAGE\r\n\r\n", 400),
        ("NUL in a header", b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX: a\x00b\r\n\r\n", 400),
        (
            "CL and TE",
            b"POST /api/stats HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
        ),
        (
            "100 KB header",
            b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX: " + b"a" * 100_000 + b"\r\n\r\n",
            431,
        ),
        (
            "20,000 headers",
            b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n"
            + b"".join(b"X-%d: 1\r\n" % i for i in range(20000))
            + b"\r\n",
            431,
        ),
        (
            "websocket upgrade",
            b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n"
            b"Upgrade: websocket\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n"
            b"Connection: close\r\n\r\n",
            200,
        ),
        (
            "POST",
            b"POST /api/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close"
            b"\r\n\r\n{}",
            405,
        ),
        ("HTTP/1.0 without Host", b"GET /api/stats HTTP/1.0\r\n\r\n", 400),
        ("two Hosts", b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\n\r\n", 400),
    ]
    for host, status in [
        ("evil.example", 400),
        ("evil.example:8000", 400),
        ("localhost.evil.example", 400),
        ("localhost@evil.example", 400),
        ("127.0.0.1.nip.io", 400),
        ("localhost", 200),
        ("127.0.0.1:8000", 200),
        ("[::1]", 200),
        ("LOCALHOST.", 200),
    ]:
        cases.append((f"Host {host}", get.format("/api/stats", host).encode(), status))
    paths = [
        "/",
        "/dyad",
        "/actor",
        "/map",
        "/article?id=hostile-001",
        "/static/index.html",
        "/static/common.js",
        "/static",
        "/api/stats",
        "/api/events?limit=3",
        "/api/events/",
        "/api/nothing",
        "/openapi.json",
        "/api/events?quad_class=9",
        "/api/articles/%ff",
        "/api/actors?search=%00",
    ]
    for path in paths:
        cases.append((f"GET {path}", get.format(path, "localhost").encode(), None))
        cases.append((f"HEAD {path}", get.format(path, "localhost").replace("GET", "HEAD", 1).encode(), None))
    with _server(db, idle=1) as port:
        for name, data, status in cases:
            with campaign.probe("http", name):
                _check_answer(_exchange(port, data), status)
        with campaign.probe("http", "half a header for 30 s while others are served"):
            answers: list[bytes] = []
            others = threading.Thread(
                target=lambda: answers.extend(
                    _exchange(port, get.format("/api/stats", "localhost").encode()) for _ in range(5)
                )
            )
            started = time.monotonic()
            with socket.create_connection(("127.0.0.1", port)) as slow:
                slow.sendall(b"GET /api/stats HTTP/1.1\r\nHost: loc")
                others.start()
                slow.settimeout(30)
                out = b""
                while chunk := slow.recv(65536):
                    out += chunk
            others.join()
            if time.monotonic() - started > 5 or len(answers) != 5:
                raise AssertionError("the slow client was kept, or others were not served")
            _check_answer(out, 408)
            for answer in answers:
                _check_answer(answer, 200)
        with campaign.probe("http", "50 MB header"):
            sent = 0
            with socket.create_connection(("127.0.0.1", port)) as sock, contextlib.suppress(OSError):
                sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX: ")
                while sent < 50 * 2**20:
                    sock.sendall(b"a" * 65536)
                    sent += 65536
            if sent >= 50 * 2**20:
                raise AssertionError("the whole 50 MB header was read")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-run", action="store_true", help="leave out the pipeline run (model)")
    args = parser.parse_args()
    campaign = Campaign()
    steps: list[tuple[str, Callable[..., Any]]] = [
        ("ingest", ingest_probes),
        ("store", store_probes),
        ("disk full", disk_full_probes),
        ("export", export_probes),
        ("http", http_probes),
    ]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tacitus-probes-") as folder:
        tmp = Path(folder)
        for name, step in steps:
            folder = tmp / name.replace(" ", "_")
            folder.mkdir()
            corpus = step(campaign, folder)
            if step is ingest_probes and not args.skip_run:
                run_probe(campaign, folder, corpus)
    for failure in campaign.failures:
        print("FAILED", failure)
    total = sum(campaign.tried.values())
    areas = ", ".join(f"{area} {count}" for area, count in campaign.tried.items())
    print(
        f"probes tried: {total} ({areas}); failures: {len(campaign.failures)}; data lost: {campaign.lost}"
        f"; {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
