"""Keyset pagination: an opaque cursor naming the last row of a page (the orders and the SQL that
resumes after a row are `tacitus.store.pages.Keyset`)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from tacitus.api.errors import ApiError
from tacitus.store.pages import QUOTE_ORDER, SORTS, Keyset

__all__ = ["QUOTE_ORDER", "SORTS", "Keyset", "decode_cursor", "encode_cursor"]

_BAD_CURSOR = "invalid cursor - pass the `next` value of the previous page unchanged"


def encode_cursor(sort: str, key: Any, doc_id: str, ordinal: int) -> str:
    """The `next` cursor after a row with these sort values."""
    if isinstance(key, dt.date):
        key = key.isoformat()
    raw = json.dumps([sort, key, doc_id, ordinal], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def _key(keyset: Keyset, value: Any) -> Any:
    if value is None:
        return None
    if keyset.key_type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if keyset.key_type is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if keyset.key_type is str and isinstance(value, str):
        return value
    raise ValueError(value)


def decode_cursor(cursor: str, keyset: Keyset) -> tuple[Any, str, int]:
    """(key, doc_id, ordinal) of a cursor made for `keyset`; anything else is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort, key, doc_id, ordinal = json.loads(raw.decode("utf-8"))
        valid = (
            sort == keyset.name
            and isinstance(doc_id, str)
            and isinstance(ordinal, int)
            and not isinstance(ordinal, bool)
            and abs(ordinal) < 2**31
        )
        if not valid:
            raise ValueError(cursor)
        return _key(keyset, key), doc_id, ordinal
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as exc:
        raise ApiError(400, _BAD_CURSOR) from exc
