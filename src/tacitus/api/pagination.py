"""Keyset pagination: an opaque cursor naming the last row of a page, and the SQL that resumes after it."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from tacitus.api.errors import ApiError

__all__ = ["QUOTE_ORDER", "SORTS", "Keyset", "decode_cursor", "encode_cursor"]

_BAD_CURSOR = "invalid cursor - pass the `next` value of the previous page unchanged"


@dataclass(slots=True, frozen=True)
class Keyset:
    """One sort order: the SQL key column (a constant of this module), its type and direction.

    NULL keys come first in ascending order and last in descending order, so that each
    order is the exact reverse of the other and every row has one place.
    """

    name: str
    key_sql: str
    key_type: type
    descending: bool
    alias: str = "e"

    def order_by(self) -> str:
        a, direction = self.alias, ("DESC" if self.descending else "ASC")
        nulls = "NULLS LAST" if self.descending else "NULLS FIRST"
        return f"{self.key_sql} {direction} {nulls}, {a}.doc_id {direction}, {a}.ordinal {direction}"

    def after(self, key: Any, doc_id: str, ordinal: int) -> tuple[str, list[Any]]:
        """The condition selecting rows strictly after (key, doc_id, ordinal) in this order."""
        op, a, k = ("<" if self.descending else ">"), self.alias, self.key_sql
        tie = f"({a}.doc_id {op} ? OR ({a}.doc_id = ? AND {a}.ordinal {op} ?))"
        if key is None:
            rest = "" if self.descending else f" OR {k} IS NOT NULL"
            return f"(({k} IS NULL AND {tie}){rest})", [doc_id, doc_id, ordinal]
        rest = f" OR {k} IS NULL" if self.descending else ""
        return f"({k} {op} ? OR ({k} = ? AND {tie}){rest})", [key, key, doc_id, doc_id, ordinal]


SORTS = {
    "date": Keyset("date", "e.date", dt.date, False),
    "-date": Keyset("-date", "e.date", dt.date, True),
    "goldstein": Keyset("goldstein", "e.goldstein", float, False),
    "-goldstein": Keyset("-goldstein", "e.goldstein", float, True),
}
# Quotes page in article order: the key is the article id itself.
QUOTE_ORDER = Keyset("article", "q.doc_id", str, False, alias="q")


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
