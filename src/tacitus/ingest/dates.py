"""Dates from sources (ISO strings, RFC 2822, WARC stamps, time tuples) to ISO YYYY-MM-DD."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["iso_date"]

ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: object) -> str | None:
    """ISO ``YYYY-MM-DD`` for a date-like value, or None when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, int | float):
        return None
    text = str(value).strip()
    match = ISO_PREFIX.match(text)
    if match:
        return _valid(*(int(part) for part in match.groups()))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
