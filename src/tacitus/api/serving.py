"""Running the app under uvicorn: one process or several workers, each opening the store read-only."""

from __future__ import annotations

import errno
import gc
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI

from tacitus.errors import UserInputError

__all__ = [
    "DEFAULT_IDLE_TIMEOUT",
    "PortUnavailableError",
    "check_port",
    "ENV_ALLOWED_HOSTS",
    "ENV_CACHE_MB",
    "ENV_DB",
    "ENV_INDEXES",
    "ENV_MIN_CONFIDENCE",
    "allowed_hosts",
    "app_from_env",
    "run",
    "server_settings",
]

# uvicorn starts each worker by importing a factory, so the worker's settings travel in the environment.
ENV_DB = "TACITUS_SERVE_DB"
ENV_INDEXES = "TACITUS_SERVE_INDEXES"
ENV_CACHE_MB = "TACITUS_SERVE_CACHE_MB"
ENV_WORKERS = "TACITUS_SERVE_WORKERS"
ENV_MIN_CONFIDENCE = "TACITUS_SERVE_MIN_CONFIDENCE"
ENV_ALLOWED_HOSTS = "TACITUS_SERVE_ALLOWED_HOSTS"
# Seconds a connection may take to send a complete request head, and may sit idle between requests.
DEFAULT_IDLE_TIMEOUT = 10
# Wildcard addresses: binding one says nothing about the name clients will use.
_ANY_ADDRESS = ("0.0.0.0", "::", "")


class PortUnavailableError(UserInputError):
    """`tacitus serve` cannot listen on the address asked: the port is taken, or the host is not
    an address of this machine."""

    code = "E060"


def check_port(host: str, port: int) -> None:
    """Bind `host`:`port` as uvicorn will (SO_REUSEADDR) and let it go, so a port in use is one
    line before anything is printed or loaded; port 0 (any free port) is not checked.

    Raises:
        PortUnavailableError: the port is in use, or `host` cannot be bound here.
    """
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise PortUnavailableError(
            f"cannot listen on {host}:{port}: {exc.strerror} - pass --host with an address of this machine"
        ) from exc
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortUnavailableError(
                    f"port {port} on {host} is in use (another server?) - stop it or pass another "
                    f"--port, e.g. --port {port + 1 if port < 65535 else 8000}"
                ) from exc
            raise PortUnavailableError(
                f"cannot listen on {host}:{port}: {exc.strerror} - pass another --host or --port"
            ) from exc


def app_from_env() -> FastAPI:
    """The app of one worker: the store named by $TACITUS_SERVE_DB (uvicorn's factory)."""
    from tacitus.api import create_app

    app = create_app(
        os.environ[ENV_DB],
        indexes=os.environ.get(ENV_INDEXES, "1") == "1",
        cache_mb=int(os.environ.get(ENV_CACHE_MB, "0")),
        workers=int(os.environ.get(ENV_WORKERS, "1")),
        min_confidence=float(os.environ[ENV_MIN_CONFIDENCE]) if os.environ.get(ENV_MIN_CONFIDENCE) else None,
        allowed_hosts=[h for h in os.environ.get(ENV_ALLOWED_HOSTS, "").split(",") if h] or None,
    )
    # The indexes are millions of long-lived objects; a full garbage collection would walk them
    # all and stall every request in flight. Frozen, the collector skips them.
    gc.freeze()
    return app


def _loop() -> str:
    """uvloop's event loop where installed (with the httptools parser, a dependency, it cut the
    server's CPU per request by about a third against asyncio + h11 on the 1M-event benchmark)."""
    if sys.platform != "win32":
        try:
            import uvloop  # noqa: F401

            return "uvloop"
        except ImportError:
            pass
    return "auto"


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host names the server answers: this machine's (`LOCAL_HOSTS`), the address it is bound
    to when that is a specific one, and `extra` (``--allow-host``)."""
    from tacitus.api.guard import LOCAL_HOSTS, host_name

    names = [*LOCAL_HOSTS]
    if host not in _ANY_ADDRESS:
        names.append(host_name(host) if ":" not in host else host)
    return list(dict.fromkeys([*names, *extra]))


def server_settings(
    *, idle_timeout: int = DEFAULT_IDLE_TIMEOUT, max_head_bytes: int | None = None
) -> dict[str, Any]:
    """uvicorn settings of `tacitus serve`: the guarded protocol (request heads capped in size and
    time: `tacitus.api.protocol`), keep-alive as long as the head timeout, no websockets (the app
    has none: an upgrade request is plain HTTP), no ``server`` header, uvloop where installed."""
    from tacitus.api.protocol import DEFAULT_MAX_HEAD_BYTES

    settings: dict[str, Any] = {
        "http": "tacitus.api.protocol:GuardedHttpToolsProtocol",
        "timeout_keep_alive": idle_timeout,
        "h11_max_incomplete_event_size": max_head_bytes or DEFAULT_MAX_HEAD_BYTES,
        "ws": "none",
        "server_header": False,
        "log_level": "warning",
        # Access logs cost ~10 % of a request's CPU and nothing reads them here.
        "access_log": False,
        "loop": _loop(),
    }
    return settings


def run(
    db_path: str,
    *,
    host: str,
    port: int,
    workers: int,
    indexes: bool,
    cache_mb: int,
    min_confidence: float | None = None,
    allow_hosts: Sequence[str] = (),
    idle_timeout: int = DEFAULT_IDLE_TIMEOUT,
) -> None:
    """Serve the app on host:port with `workers` processes (DuckDB lets many processes open one
    store read-only; each builds its own start-up indexes and keeps its own response cache).
    Requests must name one of `allowed_hosts(host, allow_hosts)` in their Host header."""
    import uvicorn

    os.environ[ENV_DB] = str(db_path)
    os.environ[ENV_INDEXES] = "1" if indexes else "0"
    os.environ[ENV_WORKERS] = str(workers)
    os.environ[ENV_CACHE_MB] = str(cache_mb)
    os.environ[ENV_MIN_CONFIDENCE] = "" if min_confidence is None else repr(min_confidence)
    os.environ[ENV_ALLOWED_HOSTS] = ",".join(allowed_hosts(host, allow_hosts))
    uvicorn.run(
        "tacitus.api.serving:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        **server_settings(idle_timeout=idle_timeout),
    )
