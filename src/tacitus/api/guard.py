"""ASGI middleware that holds the server's ground: a Host allow-list (no DNS rebinding), security
headers on every response, and HEAD answered wherever GET is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from tacitus.api.errors import error_body
from tacitus.api.headers import CSP, SECURITY_HEADERS

__all__ = [
    "ANY_HOST",
    "CSP",
    "LOCAL_HOSTS",
    "SECURITY_HEADERS",
    "HeadAsGet",
    "HostGuard",
    "SecurityHeaders",
    "host_name",
]

Scope = dict[str, Any]

# What a browser on this machine sends: a page on any other name reaching the server through a
# rebound DNS record sends that name, and is refused.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
ANY_HOST = "*"


def host_name(value: str) -> str:
    """The host of a Host header, lower-cased, without port, brackets or a final dot."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    name, colon, port = value.rpartition(":")
    if colon and port.isdigit() and ":" not in name:
        value = name
    return value.rstrip(".")


def _allows(patterns: frozenset[str], host: str) -> bool:
    if ANY_HOST in patterns or host in patterns:
        return True
    return any(p.startswith("*.") and host.endswith(p[1:]) for p in patterns)


async def _send_json(send: Any, status: int, body: dict[str, Any]) -> None:
    payload = orjson.dumps(body)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


class HostGuard:
    """Answer 400 (the JSON error shape) to a request whose Host is not allowed: `allowed` are
    host names, ``*.example.org`` (its subdomains) or ``*`` (any)."""

    def __init__(self, app: Any, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(
            host_name(h) if h != ANY_HOST and not h.startswith("*.") else h.lower() for h in allowed
        )

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if _allows(self.allowed, host):
            await self.app(scope, receive, send)
            return
        shown = host or "(none)"
        message = (
            f"host {shown!r} is not served here - open the server by a name it serves, or "
            f"start it with --allow-host {host or 'NAME'}"
        )
        await _send_json(send, 400, error_body(400, message, error="invalid_host"))


class SecurityHeaders:
    """Add `SECURITY_HEADERS` to every response that does not set them itself."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class HeadAsGet:
    """Answer HEAD as GET without the body: the status and headers (Content-Length included) are
    the GET's, as RFC 9110 asks. FastAPI routes declared for GET answer 405 to HEAD otherwise."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
