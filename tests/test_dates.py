"""tacitus.dates: every date form Tacitus reads gives one ISO day; what it cannot read says why."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tacitus.dates import iso_date, parse_day, read_date, required_day
from tacitus.errors import UserInputError

DAY = dt.date(2008, 8, 4)


@pytest.mark.parametrize(
    "value",
    [
        # YYYYMMDD: GDELT's SQLDATE and PETRARCH's own form, as text and as a JSON number.
        "20080804",
        20080804,
        # ISO dates and datetimes: T or space, Z, offsets with and without a colon, fractions.
        "2008-08-04",
        "2008-8-4",
        "2008-08-04T10:00:00",
        "2008-08-04T10:00:00Z",
        "2008-08-04T10:00:00.123456+02:00",
        "2008-08-04T23:30:00-05:00",  # the day as written: not moved to UTC
        "2008-08-04T00:30:00+0900",
        "2008-08-04 10:00:00",
        "20080804T101500Z",
        " 2008-08-04\n",
        # RFC 2822 (feeds, e-mail, HTTP).
        "Tue, 04 Aug 2008 10:00:00 +0000",
        "Mon, 4 Aug 2008 23:59:59 -0700",
        "04 Aug 2008 10:00:00 GMT",
        # YYYY/MM/DD and YYYY.MM.DD.
        "2008/08/04",
        "2008/8/4 10:00",
        "2008.08.04",
        # DD Month YYYY.
        "4 August 2008",
        "04 Aug 2008",
        "4 Aug. 2008",
        "4th of August 2008",
        "Monday, 4 August 2008",
        # Month DD, YYYY.
        "August 4, 2008",
        "Aug. 4, 2008",
        "Aug 4 2008",
        "august 4th, 2008",
        "Monday, August 4, 2008 10:00 AM",
        # Unix timestamps: seconds and milliseconds, numbers and strings; GDELT's YYYYMMDDhhmmss.
        1217844000,
        "1217844000",
        1217844000.75,
        1217844000000,
        "1217844000000",
        "20080804103000",
        20080804103000,
        # Values already parsed by a library (feedparser's struct_time, htmldate, datetime).
        DAY,
        dt.datetime(2008, 8, 4, 23, 59),
        time.struct_time((2008, 8, 4, 10, 0, 0, 0, 217, 0)),
    ],
)
def test_dates_read_every_form(value):
    reading = read_date(value)
    assert (reading.day, reading.problem) == (DAY, None)
    assert iso_date(value) == "2008-08-04"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("yesterday", "no date format Tacitus reads"),
        ("2021-13-01", "month must be in 1..12"),
        ("20081345", "month must be in 1..12"),
        ("2008-02-30", "day is out of range for month"),
        ("04/08/2008", "day and month order is ambiguous (DD/MM or MM/DD)"),
        ("13.08.2008", "day and month order is ambiguous (DD/MM or MM/DD)"),
        ("2021-05", "a month, not a day"),
        ("04 Aug 08", "a two-digit year"),
        (12345, "5 digits, not YYYYMMDD (8)"),
        ("12345678901", "11 digits"),
        (-1217844000, "not a positive finite number"),
        (float("nan"), "not a positive finite number"),
        (True, "a boolean"),
        ([2008, 8, 4], "a list"),
        ({"$date": "2008-08-04"}, "a dict"),
    ],
)
def test_dates_say_why_not(value, reason):
    reading = read_date(value)
    assert reading.day is None and not reading.missing
    assert reading.problem is not None
    assert reading.problem.startswith(f"{value!r} is not a date: ")
    assert reason in reading.problem


@pytest.mark.parametrize("value", [None, "", "   "])
def test_dates_missing_is_not_a_problem(value):
    reading = read_date(value)
    assert reading.missing and reading.problem is None and parse_day(value) is None


@pytest.mark.parametrize("value", ["x" * 200])
def test_dates_problem_shortens_long_values(value):
    problem = read_date(value).problem
    assert problem is not None and len(problem) < 100


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2021-13-01",
            "[E001] --since '2021-13-01' is not a date: month must be in 1..12 - use YYYY-MM-DD or "
            "YYYYMMDD, e.g. --since 2021-02-04",
        )
    ],
)
def test_dates_required_day_names_the_option(value, message):
    with pytest.raises(UserInputError) as raised:
        required_day(value, "--since")
    assert str(raised.value) == message


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("20210204", dt.date(2021, 2, 4))])
def test_dates_required_day_reads_given_values(value, expected):
    assert required_day(value, "--date") == expected
