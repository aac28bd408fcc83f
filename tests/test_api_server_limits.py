"""The server holds its ground: request heads capped in size and time (a slow client is closed
while others are served), the errors uvicorn answers itself in the JSON shape, a Host allow-list,
security headers on every response, HEAD wherever GET works."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi.testclient import TestClient

from api_demo import build_demo_store
from tacitus.api import create_app
from tacitus.api.errors import error_body
from tacitus.api.headers import CSP
from tacitus.api.serving import allowed_hosts, server_settings

IDLE = 1  # seconds: the suite stays fast; `tacitus serve` defaults to 10
SECURITY = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return build_demo_store(tmp_path_factory.mktemp("limits") / "demo.duckdb")


@contextmanager
def _serving(app):
    """`app` under uvicorn with `tacitus serve`'s settings, on a free loopback port; yields it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, **server_settings(idle_timeout=IDLE))
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def port(demo_db):
    with _serving(create_app(demo_db, dashboard=False)) as served:
        yield served


def _exchange(port: int, data: bytes, *, wait: float = 30.0) -> tuple[bytes, float]:
    """Send `data`, read until the server closes (at most `wait` s); the bytes and the seconds."""
    started = time.monotonic()
    out = b""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        try:
            sock.sendall(data)
            while chunk := sock.recv(65536):
                out += chunk
        except TimeoutError:
            out += b"<still open>"
        except ConnectionResetError:
            pass  # closed while we still sent: what was answered is in `out`
    return out, time.monotonic() - started


def _parts(response: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, body


def _get(port: int, path: str = "/api/stats", host: str = "localhost") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()


@pytest.mark.parametrize("half", [b"GET /api/stats HTTP/1.1\r\nHost: local"])
def test_api_server_limits_slow_client_is_closed_while_others_are_served(port, half):
    """Half a header, then nothing: the old server kept such a connection open for good."""
    answers = []

    def others() -> None:
        for _ in range(5):
            answers.append(_parts(_exchange(port, _get(port))[0])[0])

    thread = threading.Thread(target=others)
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as slow:
        slow.sendall(half)
        thread.start()
        slow.settimeout(30)
        response = b""
        while chunk := slow.recv(65536):
            response += chunk
    closed_after = time.monotonic() - started
    thread.join(timeout=30)
    assert answers == [200] * 5
    assert IDLE <= closed_after < IDLE + 5
    status, headers, body = _parts(response)
    assert status == 408 and headers["content-type"] == "application/json"
    assert json.loads(body) == error_body(
        408, f"request head not complete within {IDLE} s - the connection is closed"
    )


@pytest.mark.parametrize("request_bytes", [b"", b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n\r\n"])
def test_api_server_limits_idle_connection_is_closed(port, request_bytes):
    """Nothing sent at all, or nothing after a first answer (keep-alive): closed after IDLE s."""
    response, seconds = _exchange(port, request_bytes)
    assert b"<still open>" not in response and seconds < IDLE + 5
    if request_bytes:
        assert _parts(response)[0] == 200


@pytest.mark.parametrize("size", [100_000])
def test_api_server_limits_large_head_in_one_piece_is_431(port, size):
    head = b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * size + b"\r\n\r\n"
    response, _ = _exchange(port, head)
    status, headers, body = _parts(response)
    assert status == 431 and headers["x-content-type-options"] == "nosniff"
    assert json.loads(body)["error"] == "header_too_large"


@pytest.mark.parametrize("megabytes", [50])
def test_api_server_limits_50_mb_header_is_refused_early(port, megabytes):
    """The issue's payload: a 50 MB header used to be read whole and answered 200."""
    sent, response = 0, b""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(30)
        try:
            sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: ")
            chunk = b"a" * 65536
            while sent < megabytes * 2**20:
                sock.sendall(chunk)
                sent += len(chunk)
            sock.sendall(b"\r\n\r\n")
            while data := sock.recv(65536):
                response += data
        except (ConnectionResetError, BrokenPipeError):
            pass
        if not response:
            try:
                response = sock.recv(65536)
            except OSError:
                pass
    assert sent < megabytes * 2**20  # the server closed the connection long before the end
    if response:
        assert _parts(response)[0] == 431


@pytest.mark.parametrize(
    "garbage", [b"GARBAGE\r\n\r\n", b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX: a\x00b\r\n\r\n"]
)
def test_api_server_limits_bad_request_has_the_json_shape(port, garbage):
    status, headers, body = _parts(_exchange(port, garbage)[0])
    assert status == 400 and headers["content-type"] == "application/json"
    assert headers["content-security-policy"] == CSP
    assert json.loads(body) == error_body(400, "invalid HTTP request - the server reads HTTP/1.1 requests")


@pytest.fixture(scope="module")
def client(demo_db):
    with TestClient(create_app(demo_db), base_url="http://localhost") as client:
        yield client


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8000",
        "localhost.evil.example",
        "localhost@evil.example",
        "127.0.0.1.nip.io",
        "",
    ],
)
def test_api_server_limits_host_not_allowed_is_refused(client, host):
    """DNS rebinding: a page on another name reaching this address sends that name."""
    response = client.get("/static", headers={"host": host}, follow_redirects=False)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_host"
    assert "location" not in response.headers  # the Host is never echoed into a redirect


@pytest.mark.parametrize(
    "host", ["localhost", "LOCALHOST:8000", "127.0.0.1:8000", "[::1]:8000", "localhost."]
)
def test_api_server_limits_local_hosts_are_served(client, host):
    assert client.get("/api/stats", headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    ("allowed", "host", "status"),
    [
        (["events.example.org"], "events.example.org:443", 200),
        (["*.example.org"], "a.example.org", 200),
        (["*.example.org"], "example.org", 400),
        (["*"], "anything.example", 200),
        (["events.example.org"], "localhost", 400),
    ],
)
def test_api_server_limits_allow_host(demo_db, allowed, host, status):
    with TestClient(create_app(demo_db, dashboard=False, allowed_hosts=allowed)) as client:
        assert client.get("/api/stats", headers={"host": host}).status_code == status


@pytest.mark.parametrize(
    ("bound", "extra", "expected"),
    [
        ("127.0.0.1", (), ["localhost", "127.0.0.1", "::1"]),
        ("0.0.0.0", ("events.example.org",), ["localhost", "127.0.0.1", "::1", "events.example.org"]),
        ("192.168.1.5", (), ["localhost", "127.0.0.1", "::1", "192.168.1.5"]),
    ],
)
def test_api_server_limits_allowed_hosts_of_serve(bound, extra, expected):
    assert allowed_hosts(bound, extra) == expected


PATHS = [
    "/",
    "/dyad",
    "/static/index.html",
    "/static/common.js",
    "/static/style.css",
    "/api/stats",
    "/openapi.json",
    "/api/nothing",
    "/api/events?quad_class=9",
    "/api/events/x:1",
]


@pytest.mark.parametrize("path", PATHS)
def test_api_server_limits_security_headers_on_every_response(client, path):
    response = client.get(path)
    assert {name: response.headers.get(name) for name in SECURITY} == SECURITY


def test_api_server_limits_security_headers_on_a_server_error(demo_db):
    app = create_app(demo_db)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        app.state.store.close()
        response = client.get("/api/stats")
    assert response.status_code == 500
    assert {name: response.headers.get(name) for name in SECURITY} == SECURITY


@pytest.mark.parametrize("path", PATHS + ["/api/events?limit=2", "/api/timeseries?actor=CHN", "/actor"])
def test_api_server_limits_head_works_where_get_does(client, path):
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers.get("content-length") == got.headers.get("content-length")
    assert head.headers.get("content-type") == got.headers.get("content-type")
