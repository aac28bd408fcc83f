"""uvicorn's httptools protocol with limits: request heads capped in size and in time, and the
errors the server answers itself (bad request, head too large, head too slow) in the API's JSON shape.

uvicorn accepts a request head of any size (a 50 MB header was read whole) and waits without end
for a head that never completes (half a header kept a connection open indefinitely: slowloris).
Here a head larger than `max_head_bytes` is answered 431, and a connection that has not sent a
complete head within `head_timeout` seconds of opening (or of its first byte after an answer) is
closed, with a 408 if it had sent part of one. The limits come from uvicorn's own config fields:
``h11_max_incomplete_event_size`` (its head cap for the h11 parser) and ``timeout_keep_alive``.
"""

from __future__ import annotations

import asyncio
import http
from typing import Any

import orjson
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from tacitus.api.errors import error_body
from tacitus.api.headers import SECURITY_HEADERS

__all__ = ["DEFAULT_MAX_HEAD_BYTES", "GuardedHttpToolsProtocol", "error_response"]

DEFAULT_MAX_HEAD_BYTES = 64 * 1024


def error_response(status: int, message: str, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    """A complete HTTP/1.1 response with the JSON error body, closing the connection."""
    body = orjson.dumps(error_body(status, message))
    lines = [f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}".encode()]
    headers = [
        *default_headers,
        *SECURITY_HEADERS,
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    lines += [name + b": " + value for name, value in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def _refusal(status: int, message: str) -> Any:
    """An ASGI app that answers every request with this error and closes the connection."""
    body = orjson.dumps(error_body(status, message))
    headers = [
        *SECURITY_HEADERS,
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]

    async def refuse(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return refuse


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """`HttpToolsProtocol` with a size and a time limit on request heads (see the module)."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.max_head_bytes = config.h11_max_incomplete_event_size or DEFAULT_MAX_HEAD_BYTES
        self.head_timeout = config.timeout_keep_alive
        self._head_open = True  # waiting for (the rest of) a request head
        self._head_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._head_open:
            self._head_bytes += len(data)
            self._arm_head_timer()
        super().data_received(data)
        if self._head_open and self._head_bytes > self.max_head_bytes:
            self._refuse(431, self._too_large())

    def _too_large(self) -> str:
        return f"request head larger than {self.max_head_bytes // 1024} KB - send fewer or shorter headers"

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_open = True
        self._arm_head_timer()

    def on_headers_complete(self) -> None:
        self._head_open = False
        self._head_bytes = 0
        self._cancel_head_timer()
        # A head that came whole in one read is measured here (the byte count above only sees
        # heads still incomplete after a read): it is answered by uvicorn's own machinery, with
        # an app that refuses it instead of the real one.
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size <= self.max_head_bytes:
            super().on_headers_complete()
            return
        app, self.app = self.app, _refusal(431, self._too_large())
        try:
            super().on_headers_complete()
        finally:
            self.app = app

    def send_400_response(self, msg: str) -> None:
        self._refuse(400, "invalid HTTP request - the server reads HTTP/1.1 requests")

    def _arm_head_timer(self) -> None:
        if self._head_timer is None and self.transport is not None:
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_too_slow)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if not self._head_open or self.transport.is_closing():
            return
        if self._head_bytes:
            self._refuse(
                408, f"request head not complete within {self.head_timeout} s - the connection is closed"
            )
        else:
            self.transport.close()

    def _refuse(self, status: int, message: str) -> None:
        self._cancel_head_timer()
        if self.transport.is_closing():
            return
        self.logger.info("refused a request: %d %s", status, message)
        self.transport.write(error_response(status, message, self.server_state.default_headers))
        self.transport.close()
