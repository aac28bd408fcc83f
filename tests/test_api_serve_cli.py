"""`tacitus serve --get`: one request answered in-process, no port opened."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from api_demo import build_demo_store
from tacitus.cli import command_group
from tacitus.errors import StoreError
from tacitus.events.confidence import default_min_confidence

cli = command_group()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("serve") / "demo.duckdb")


@pytest.mark.parametrize(
    ("path", "key"),
    [("/api/stats", "events"), ("/api/events?dyad=CHN,RUS&limit=2", "events"), ("/openapi.json", "paths")],
)
def test_api_serve_get_prints_json(demo_db, path, key):
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--get", path])
    assert result.exit_code == 0, result.output
    assert key in json.loads(result.output)


@pytest.mark.parametrize("path", ["/api/nothing", "/api/events?quad_class=0"])
def test_api_serve_get_error_exits_1(demo_db, path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--get", path])
    assert result.exit_code == 1
    assert json.loads(result.output)["ok"] is False


@pytest.mark.parametrize("path", ["api/stats"])
def test_api_serve_get_needs_a_path(demo_db, path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(demo_db), "--get", path])
    assert result.exit_code == 2
    assert "'api/stats' is not a path - start it with /, e.g. /api/stats" in result.output


@pytest.mark.parametrize("name", ["missing.duckdb"])
def test_api_serve_missing_store(tmp_path, name):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / name), "--get", "/api/stats"])
    assert isinstance(result.exception, StoreError)
    assert f"no Tacitus database at {tmp_path / name}" in str(result.exception)


@pytest.mark.parametrize(
    ("option", "threshold"),
    [([], default_min_confidence()), (["--min-confidence", "0"], None), (["--min-confidence", "0.3"], 0.3)],
)
def test_api_serve_min_confidence_is_the_default_of_requests(demo_db, option, threshold):
    arguments = ["serve", "--db", str(demo_db), "--get", "/api/events?limit=1", *option]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["min_confidence"] == threshold


@pytest.mark.parametrize("host", ["127.0.0.1"])
def test_api_serve_busy_port_is_one_line(capsys, demo_db, host):
    # Another server holds the port: one error line before "Serving on", not uvicorn's error.
    import socket

    from store_records import invoke_tacitus

    with socket.socket() as holder:
        holder.bind((host, 0))
        holder.listen()
        port = holder.getsockname()[1]
        code, out, err = invoke_tacitus(
            capsys, "serve", "--db", str(demo_db), "--host", host, "--port", str(port)
        )
    assert code == 1
    assert err == (
        f"Error: [E060] port {port} on {host} is in use (another server?) - stop it or pass another "
        f"--port, e.g. --port {port + 1}\n"
    )
    assert out == ""
