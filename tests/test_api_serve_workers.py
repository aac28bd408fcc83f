"""`tacitus serve --workers N`: several uvicorn processes over one store, answering real HTTP requests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api_demo import build_demo_store
from tacitus.api import create_app
from tacitus.api.client import get_once

SRC = Path(__file__).resolve().parent.parent / "src"
PATHS = [
    "/api/events?dyad=CHN,RUS&limit=3",
    "/api/events?code=04&sort=-date&limit=2",
    "/api/timeseries?actor=CHN&interval=month",
    "/api/stats",
]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("workers") / "demo.duckdb")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else "server exited"
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=10)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("tacitus serve did not answer within 120 s")


@pytest.mark.parametrize(("workers", "indexes"), [(2, "--indexes"), (2, "--no-indexes")])
def test_api_serve_workers_answer_like_in_process(demo_db, workers, indexes):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(demo_db), "--port", str(port)]
        + ["--workers", str(workers), indexes],
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])},
        stderr=subprocess.PIPE,
    )
    try:
        _wait(port, server)
        app = create_app(demo_db, dashboard=False)
        # More requests than workers, each on a new connection, so that both workers take some.
        for _ in range(3):
            for path in PATHS:
                response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=30)
                status, body = get_once(app, path)
                assert (response.status_code, response.json()) == (status, json.loads(body)), path
        app.state.store.close()
    finally:
        server.terminate()
        assert server.wait(timeout=60) is not None
    assert server.returncode == 0 or server.returncode == -15


@pytest.mark.parametrize("workers", ["0", "x"])
def test_api_serve_workers_must_be_a_count(demo_db, workers):
    from click.testing import CliRunner

    from tacitus.cli import command_group

    cli = command_group()
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--workers", workers])
    assert result.exit_code == 2
    assert "Invalid value for '--workers'" in result.output
