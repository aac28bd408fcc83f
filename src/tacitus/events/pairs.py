"""Building raw events: one verb's code and its source and target groups paired into events."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from tacitus.actors.compose import ActorGroup
from tacitus.events.verbs import CodedVerb

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["EventFlags", "RawEvent", "dedupe", "pair_events"]


@dataclass(slots=True, kw_only=True)
class RawEvent:
    """An event before it becomes a record: codes, the groups they came from, the verb."""

    source: str
    target: str
    code: str
    source_group: ActorGroup | None
    target_group: ActorGroup | None
    verb: Token
    coded: CodedVerb
    negated: bool
    modality: str
    reported_by: ActorGroup | None
    mode: str | None = None  # PLOVER mode the verb's phrase states (phone, video)
    mirror: RawEvent | None = None  # the forward event this reverse half mirrors (events.identity)


@dataclass(slots=True, kw_only=True)
class EventFlags:
    """What every event of one verb shares."""

    verb: Token
    coded: CodedVerb
    negated: bool
    modality: str
    reporter: ActorGroup | None
    mode: str | None = None
    # A stance toward a partnership "between the United States and Thailand": no one acts
    # on their own country.
    distinct_countries: bool = False


# One side of a pair: an actor code and the group it came from (None: ``---``, nobody named).
_Side = tuple[str, ActorGroup | None]
_NOBODY: _Side = ("---", None)


def pair_events(
    groups: list[ActorGroup],
    *,
    sources: list[int],
    targets: list[int],
    flags: EventFlags,
    require_dyad: bool,
    reciprocal: bool,
) -> list[RawEvent]:
    """The events of one verb: each source code acting on each target code (the reverse
    code back, its event mirroring the forward one); with no target, the members of a
    compound subject of a `reciprocal` verb on each other; without `require_dyad`, a
    missing side as ``---``."""
    coded = flags.coded
    source_codes = _codes(groups, sources)
    target_codes = _codes(groups, targets)
    pairs: list[tuple[_Side, _Side, str | None, str | None]] = []
    if not target_codes and len(source_codes) >= 2 and reciprocal:
        # A compound subject of a reciprocal verb, a paired code ([030:030]) or a %
        # pattern with nobody else: the members act on each other.
        for a, b in combinations(source_codes, 2):
            pairs.append((a, b, coded.code, coded.reverse_code or coded.code))
    elif source_codes and target_codes:
        for a in source_codes:
            for b in target_codes:
                if flags.distinct_countries and a[0][:3] == b[0][:3]:
                    continue
                if a[0] != b[0] and not _inferred_self(a, b):
                    pairs.append((a, b, coded.code, coded.reverse_code))
    elif not require_dyad and (source_codes or target_codes):
        for a in source_codes or [_NOBODY]:
            for b in target_codes or [_NOBODY]:
                pairs.append((a, b, coded.code, coded.reverse_code))
    events: list[RawEvent] = []
    for source, target, forward, backward in pairs:
        if forward:
            events.append(_raw(source=source, target=target, code=forward, flags=flags))
        if backward:
            events.append(_raw(source=target, target=source, code=backward, flags=flags))
            if forward:  # the reverse half mirrors the forward event appended just before it
                events[-1].mirror = events[-2]
    return events


def dedupe(events: list[RawEvent]) -> list[RawEvent]:
    """The first event of each (source, target, code), none acting on itself."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for event in events:
        key = (event.source, event.target, event.code)
        if key in seen or event.source == event.target:
            continue
        seen.add(key)
        kept.append(event)
    return kept


def _codes(groups: list[ActorGroup], indices: list[int]) -> list[_Side]:
    found: list[_Side] = []
    seen: set[str] = set()
    for index in indices:
        for code in groups[index].codes:
            if code not in seen:
                seen.add(code)
                found.append((code, groups[index]))
    return found


def _inferred_self(a: _Side, b: _Side) -> bool:
    """A named person whose country was taken from the article is not coded acting on that
    country as the text names it: the envoy who "visited Israel" in a story about Israel is
    not Israeli. (Roles of one country meeting each other stay: "the President convened
    state legislators".)"""
    if a[0][:3] != b[0][:3]:
        return False
    sides = [group for _, group in (a, b) if group is not None]
    guessed = [g for g in sides if g.country_from_document and g.person]
    stated = [g for g in sides if not g.country_from_document]
    return bool(guessed and stated)


def _raw(*, source: _Side, target: _Side, code: str, flags: EventFlags) -> RawEvent:
    return RawEvent(
        source=source[0],
        target=target[0],
        code=code,
        source_group=source[1],
        target_group=target[1],
        verb=flags.verb,
        coded=flags.coded,
        negated=flags.negated,
        modality=flags.modality,
        reported_by=flags.reporter,
        mode=flags.mode,
    )
