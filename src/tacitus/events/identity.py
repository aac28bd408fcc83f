"""Event identity: the stable `event_id` of each coded event and the `mirror_of` link of reverse halves."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tacitus.records import Event

if TYPE_CHECKING:
    from tacitus.events.pairs import RawEvent

__all__ = ["event_id", "identify", "mirror_indices"]

# 16 hex digits (64 bits): a collision between two events of one store of 10^8 events has a
# chance of about 3 in 10^4; ids are compared within an article or a dyad far more often.
_ID_HEX = 16


def event_id(doc_id: str, sentence: int, verb_start: int, source: str, target: str, code: str) -> str:
    """The id of an event: a SHA-1 of its article id, sentence index, the verb token's character
    offset in the article, its source and target codes and its event code.

    The same text coded with the same dictionaries gets the same ids in every run and every
    process (no Python `hash`, which changes with PYTHONHASHSEED). Two events of one article never
    share an id: one verb yields at most one event per (source, target, code).
    """
    key = "\x1f".join((doc_id, str(sentence), str(verb_start), source, target, code))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:_ID_HEX]


def identify(events: Sequence[Event], forward: Sequence[int | None]) -> None:
    """Set `event_id` on every event and `mirror_of` on the reverse halves.

    Args:
        events: the events of one sentence, finished (codes and actors final).
        forward: for each event, the index in `events` of the forward event it mirrors, or None.
    """
    for event in events:
        event.event_id = event_id(
            event.doc_id, event.sentence, event.verb_start, event.source, event.target, event.code
        )
    for event, index in zip(events, forward, strict=True):
        event.mirror_of = events[index].event_id if index is not None else None


def mirror_indices(raw: Sequence[RawEvent]) -> list[int | None]:
    """For each raw event of a sentence, the index of the forward event it mirrors (its
    `mirror`), or None.

    A forward half dropped as a duplicate of an earlier event with the same (source, target,
    code) is stood for by that earlier event; a forward half not kept at all leaves None.
    """
    position = {id(event): k for k, event in enumerate(raw)}
    by_key: dict[tuple[str, str, str], int] = {}
    for k, event in enumerate(raw):
        by_key.setdefault((event.source, event.target, event.code), k)
    found: list[int | None] = []
    for event in raw:
        mirrored = event.mirror
        if mirrored is None:
            found.append(None)
            continue
        index = position.get(id(mirrored))
        if index is None:
            index = by_key.get((mirrored.source, mirrored.target, mirrored.code))
        found.append(index)
    return found
