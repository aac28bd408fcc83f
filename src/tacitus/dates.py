"""Reading dates: every form a source or a user gives one in, to one ISO day (``YYYY-MM-DD``), or why not.

The one date parser of Tacitus: ingestion (JSONL, feeds, HTML metadata, WARC records), the
`--date`/`--since`/`--until` options, gold files, the coder's day for dated actor codes and the
store all read dates here. The day kept is the calendar day as written: a time and an offset
after it are not converted (``2008-08-04T23:30:00-05:00`` is 2008-08-04), since that is the day
the source dated its story; a Unix timestamp has no offset and gives its UTC day.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from dataclasses import dataclass

from tacitus.errors import UserInputError

__all__ = ["FORMATS", "MISSING", "DateReading", "iso_date", "parse_day", "read_date", "required_day"]

FORMATS = (
    "YYYY-MM-DD (or an ISO datetime), YYYYMMDD, YYYY/MM/DD, '4 August 2008', 'August 4, 2008', "
    "RFC 2822 ('Tue, 04 Aug 2008 10:00:00 +0000') or a Unix timestamp (seconds or milliseconds)"
)
MISSING = "missing"  # `Article.date_problem` of an article whose source gave no date at all

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
# What may follow a day: nothing, or a time (with an offset) after `T`, a space or a comma.
_REST = r"(?:[T\s,].*)?$"

# The all-digit forms read as a day, with named groups y, m, d.
_NUMERIC = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _REST),  # ISO date, datetime
    re.compile(r"^(?P<y>\d{4})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _REST),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})T\d{2}.*$"),  # ISO basic 20080804T1015Z
)
_DAY_MONTH_YEAR = re.compile(
    "^" + _WEEKDAY + r"(\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})" + _REST,
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    "^" + _WEEKDAY + _MONTH + r"\s+(\d{1,2})" + _ORDINAL + r",?\s+(\d{4})" + _REST, re.IGNORECASE
)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
# Forms recognised only to say why they are not read.
_AMBIGUOUS = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{2,4}" + _REST)
_MONTH_ONLY = re.compile(r"^\d{4}(?:-\d{1,2}|[/.]\d{1,2})$")
_SHORT_YEAR = re.compile("^" + _WEEKDAY + r"\d{1,2}\s+" + _MONTH + r",?\s+\d{2}" + _REST, re.IGNORECASE)

_SECONDS_DIGITS = (9, 10)  # Unix seconds: 1973-03-03 .. 2286-11-20
_MILLISECONDS_DIGITS = (12, 13)  # the same span in milliseconds


@dataclass(frozen=True, slots=True)
class DateReading:
    """What a date value said: the day, or why there is none.

    `problem` is set when a value was given but cannot be read (a short sentence naming the
    value and the reason); a missing value (None, empty) has neither a day nor a problem.
    """

    day: dt.date | None = None
    problem: str | None = None

    @property
    def iso(self) -> str | None:
        """The day as ``YYYY-MM-DD``, the form records and the store use."""
        return self.day.isoformat() if self.day else None

    @property
    def missing(self) -> bool:
        return self.day is None and self.problem is None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 42 else text[:39] + "..."


def _unreadable(value: object, reason: str) -> DateReading:
    return DateReading(problem=f"{_shown(value)} is not a date: {reason}")


def _day(value: object, year: int, month: int, day: int) -> DateReading:
    try:
        return DateReading(day=dt.date(year, month, day))
    except ValueError as exc:  # the date module says which part is out of range
        return _unreadable(value, str(exc))


def _timestamp(seconds: float) -> DateReading:
    return DateReading(day=dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date())


def _number(value: object, number: float) -> DateReading:
    """YYYYMMDD, YYYYMMDDhhmmss or a Unix timestamp, told apart by the digits before any point."""
    if not math.isfinite(number) or number < 0:
        return _unreadable(value, "not a positive finite number")
    whole = int(number)
    digits = len(str(whole))
    if digits in (8, 14):
        text = str(whole)
        return _day(value, int(text[:4]), int(text[4:6]), int(text[6:8]))
    if digits in _SECONDS_DIGITS:
        return _timestamp(number)
    if digits in _MILLISECONDS_DIGITS:
        return _timestamp(number / 1000)
    return _unreadable(
        value,
        f"{digits} digits, not YYYYMMDD (8), Unix seconds (9-10), Unix milliseconds (12-13) "
        "or YYYYMMDDhhmmss (14)",
    )


def _text(value: str) -> DateReading:
    text = value.strip()
    for pattern in _NUMERIC:
        match = pattern.match(text)
        if match:
            return _day(value, int(match["y"]), int(match["m"]), int(match["d"]))
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = match.groups()
        return _day(value, int(year), _MONTHS[month.lower()], int(day))
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        month, day, year = match.groups()
        return _day(value, int(year), _MONTHS[month.lower()], int(day))
    if _NUMBER.match(text):
        return _number(value, float(text))
    return _unreadable(value, _why_not(text))


def _why_not(text: str) -> str:
    if _AMBIGUOUS.match(text):
        return "day and month order is ambiguous (DD/MM or MM/DD)"
    if _MONTH_ONLY.match(text):
        return "a month, not a day"
    if _SHORT_YEAR.match(text):
        return "a two-digit year"
    return "no date format Tacitus reads"


def read_date(value: object) -> DateReading:
    """Read a date given as text, a number, a `date`/`datetime` or a `time.struct_time`.

    Text: ISO dates and datetimes (``2008-08-04``, ``2008-08-04T10:00:00Z``, ``+02:00``),
    ``20080804`` (GDELT's and PETRARCH's form), ``2008/08/04``, ``4 August 2008``,
    ``August 4, 2008``, RFC 2822 (``Tue, 04 Aug 2008 10:00:00 +0000``) and Unix timestamps
    in seconds or milliseconds; numbers as the digit strings they are. None, an empty or
    blank string are missing (no problem); anything else unread has a `problem`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return DateReading()
    if isinstance(value, dt.datetime | dt.date):
        return _day(value, value.year, value.month, value.day)
    if isinstance(value, time.struct_time):
        return _day(value, value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, bool):
        return _unreadable(value, "a boolean")
    if isinstance(value, int | float):
        return _number(value, value)
    if isinstance(value, str):
        return _text(value)
    return _unreadable(value, f"a {type(value).__name__}")


def parse_day(value: object) -> dt.date | None:
    """The day `value` names, or None when it is missing or unreadable (see `read_date`)."""
    return read_date(value).day


def iso_date(value: object) -> str | None:
    """The ``YYYY-MM-DD`` day `value` names, or None when it is missing or unreadable."""
    return read_date(value).iso


def required_day(value: object, option: str) -> dt.date | None:
    """The day of a user-given option value (``--date``, ``--since``); None when not given.

    Raises:
        UserInputError: the value is given but is not a date, naming the option and why.
    """
    reading = read_date(value)
    if reading.problem:
        raise UserInputError(
            f"{option} {reading.problem} - use YYYY-MM-DD or YYYYMMDD, e.g. {option} 2021-02-04"
        )
    return reading.day
