"""A response cache for `tacitus serve`: complete 200 answers to GET /api/ requests, by normalised URL.

Correct without invalidation: the app opens the store read-only and DuckDB's file lock keeps every
writer out while it runs, so an answer cannot go stale; a new `tacitus serve` starts empty. Useful
for a dashboard, whose pages many users open with the same requests. Bounded by bytes, least
recently used first out. It lives on the event loop (ASGI middleware), so it needs no lock.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl, urlencode

__all__ = ["ResponseCache", "cache_key"]

Scope = dict[str, Any]
HIT_HEADER = (b"x-tacitus-cache", b"hit")


def cache_key(scope: Scope) -> str:
    """Path plus the query parameters decoded and ordered by name (the order among repeats of one
    name is kept), so that ``?a=1&b=2``, ``?b=2&a=1`` and ``?a=%31&b=2`` are one entry."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return f"{scope['path']}?{urlencode(sorted(pairs, key=lambda pair: pair[0]))}"


class ResponseCache:
    """ASGI middleware: serve repeated GET /api/ requests from memory, up to `max_bytes` of bodies."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0
        self._entries: OrderedDict[str, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        key = cache_key(scope)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            headers, body = entry
            await send({"type": "http.response.start", "status": 200, "headers": [*headers, HIT_HEADER]})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start.get("status") == 200:
                    self._store(key, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: str, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > self.max_bytes // 8:  # one answer may not crowd out the rest
            return
        previous = self._entries.pop(key, None)  # two misses for one URL were in flight at once
        if previous is not None:
            self.bytes -= len(previous[1])
        self._entries[key] = (headers, body)
        self.bytes += len(body)
        while self.bytes > self.max_bytes:
            _, (_, evicted) = self._entries.popitem(last=False)
            self.bytes -= len(evicted)
