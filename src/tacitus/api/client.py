"""One request answered in-process through the ASGI app, without opening a port (`serve --get`)."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

__all__ = ["get_once"]


async def _get(app: FastAPI, path: str) -> tuple[int, str]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        response = await client.get(path)
    return response.status_code, response.text


def get_once(app: FastAPI, path: str) -> tuple[int, str]:
    """(status, body) of ``GET path`` on `app`."""
    return asyncio.run(_get(app, path))
