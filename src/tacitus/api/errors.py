"""The one JSON error shape of the HTTP API, and the handlers that produce it."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tacitus.api.headers import SECURITY_HEADERS

__all__ = ["ApiError", "ErrorBody", "error_body", "install_error_handlers"]

log = logging.getLogger(__name__)

# HTTP status → stable machine-readable error code (the `error` field).
_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    422: "invalid_parameter",
    431: "header_too_large",
    500: "server_error",
    503: "store_unavailable",
}


class ErrorBody(BaseModel):
    """Every error response of the API: `ok` false, the status, a code, a human message."""

    ok: bool = False
    status: int
    error: str
    message: str
    detail: list[dict[str, Any]] = []


class ApiError(Exception):
    """An error the API reports on purpose (bad cursor, unknown id …)."""

    def __init__(self, status: int, message: str, *, error: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error or _CODES.get(status, "error")


def error_body(
    status: int, message: str, *, error: str | None = None, detail: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON body of every API error; the only place that shape is built."""
    return {
        "ok": False,
        "status": status,
        "error": error or _CODES.get(status, "error"),
        "message": message,
        "detail": detail or [],
    }


def _response(status: int, message: str, **kwargs: Any) -> JSONResponse:
    # The security headers are set here too: a 500 leaves through Starlette's outermost
    # middleware, past the one that adds them to every other response.
    headers = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}
    headers.update(kwargs.pop("headers", None) or {})
    return JSONResponse(error_body(status, message, **kwargs), status_code=status, headers=headers)


def _validation_detail(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Keep only JSON-safe fields: pydantic's `ctx`/`input` may hold arbitrary objects.
    return [
        {
            "loc": [str(part) for part in item.get("loc", ())],
            "msg": str(item.get("msg", "")),
            "type": str(item.get("type", "")),
        }
        for item in exc.errors()
    ]


async def _on_api_error(request: Request, exc: ApiError) -> JSONResponse:
    return _response(exc.status, exc.message, error=exc.error)


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path} - see /openapi.json for the API's paths"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = (
            f"method {request.method} not allowed on {request.url.path} - the server answers GET and HEAD"
        )
    return _response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = _validation_detail(exc)
    where = ", ".join(".".join(item["loc"][1:]) or item["loc"][0] for item in detail[:3])
    message = f"invalid parameter {where} - see /openapi.json for allowed values"
    return _response(422, message, detail=detail)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return _response(500, "internal error - the server log has the traceback")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise through `error_body`."""
    # Starlette types handlers as taking `Exception`; each is registered for its own class.
    app.add_exception_handler(ApiError, _on_api_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)
