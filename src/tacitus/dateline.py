"""The wire dateline at the head of a story ("MOSCOW, Feb 4 (Reuters) -"): one pattern for every stage.

The coder skips the dateline's tokens (the place of filing is not an actor) and the places stage
takes its place as the story's location; both read it here, so they agree on what a dateline is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["DATELINE", "NOT_DATELINES", "Dateline", "find_dateline"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_WORD = r"[A-Z][A-Z'.\-]*"
# "MOSCOW, Feb 4 (Reuters) -", "BEIJING —", "SAN FRANCISCO, Calif. (AP) —", "KYIV, Ukraine -".
DATELINE = re.compile(
    rf"\A[\s*]*(?P<place>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,3}})"
    rf"(?:\s*,\s*(?!{_MONTH}\s+\d)(?P<region>[A-Z][A-Za-z'.\-]*(?:[ ][A-Z][A-Za-z'.\-]*){{0,2}}))?"
    rf"(?:\s*,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&\-]{0,30})\))?"
    r"\s*(?:--|-|—|–)\s"
)
# All-caps words that open wire copy but are not places: a header ("UPDATE -", "AP -") with no place.
NOT_DATELINES = frozenset(
    {
        "UPDATE",
        "BREAKING",
        "EXCLUSIVE",
        "ANALYSIS",
        "FACTBOX",
        "REFILE",
        "CORRECTED",
        "WRAPUP",
        "INTERVIEW",
        "COLUMN",
        "PRESS",
        "NEWS",
        "AP",
        "TEXT",
        "ADVISORY",
        "URGENT",
        "FLASH",
        "BULLETIN",
        "NOTE",
    }
)
_HEAD = 160  # a dateline stands in the first characters of the text


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: its place (character offsets in the text), the region after a comma
    ("Calif."), the agency in brackets ("Reuters") and where the whole header ends. A wire
    label ("UPDATE -", "AP -") is a header without a place: `place` None, `start` = `end`."""

    place: str | None
    start: int
    end: int
    region: str | None
    agency: str | None
    header_end: int


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening `text`, or None: a place of three letters or more in capitals (or a
    wire label: UPDATE, EXCLUSIVE, AP …), then an optional region, day and agency, then a dash."""
    match = DATELINE.match(text[:_HEAD])
    if match is None:
        return None
    place = match.group("place").rstrip(".-'")
    start = match.start("place")
    found = Dateline(
        place=text[start : start + len(place)],
        start=start,
        end=start + len(place),
        region=match.group("region"),
        agency=match.group("agency"),
        header_end=match.end(),
    )
    if place in NOT_DATELINES:
        return replace(found, place=None, end=start)
    return found if sum(ch.isalpha() for ch in place) >= 3 else None
