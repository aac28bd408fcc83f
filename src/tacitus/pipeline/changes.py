"""Which events a re-coding changed: stored and new events of an article paired by their verb."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tacitus.records import Event
from tacitus.store.recode import stored_event_values

__all__ = ["EventChange", "EventKey", "article_changes", "stored_event_keys"]

_EVIDENCE_MAX = 200


@dataclass(slots=True, frozen=True)
class EventKey:
    """What a re-coding compares of one event: where it is (sentence, verb offset; -1 when the
    store never recorded it) and what it says (source, target, code)."""

    sentence: int
    verb_start: int
    source: str
    target: str
    code: str
    evidence: str

    @property
    def coded(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.code)

    @classmethod
    def of_event(cls, event: Event) -> EventKey:
        evidence = event.evidence.text if event.evidence else ""
        return cls(event.sentence, event.verb_start, event.source, event.target, event.code, evidence)


@dataclass(slots=True, frozen=True)
class EventChange:
    """One event of `doc_id` whose source, target or code changed (`before` and `after`), that
    is new (`before` None) or that is gone (`after` None)."""

    doc_id: str
    sentence: int
    evidence: str
    before: tuple[str, str, str] | None
    after: tuple[str, str, str] | None

    @property
    def kind(self) -> str:
        """``changed``, ``added`` or ``removed``."""
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"

    @property
    def fields(self) -> list[str]:
        """The fields that differ (source, target, code); all three for an added or removed event."""
        if self.before is None or self.after is None:
            return ["source", "target", "code"]
        pairs = zip(("source", "target", "code"), self.before, self.after, strict=True)
        return [name for name, a, b in pairs if a != b]

    def as_dict(self) -> dict[str, Any]:
        def side(coded: tuple[str, str, str] | None) -> dict[str, str] | None:
            return None if coded is None else dict(zip(("source", "target", "code"), coded, strict=True))

        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "change": self.kind,
            "fields": self.fields,
            "before": side(self.before),
            "after": side(self.after),
            "evidence": self.evidence,
        }


def stored_event_keys(con: Any, ids: list[str]) -> dict[str, list[EventKey]]:
    """The stored events of articles `ids`, in their order, by article id."""
    stored = stored_event_values(con, ids, evidence_chars=_EVIDENCE_MAX)
    return {doc_id: [EventKey(*values) for values in events] for doc_id, events in stored.items()}


def _drop_same(
    old: list[EventKey], new: list[EventKey], anchor: Any
) -> tuple[list[EventKey], list[EventKey]]:
    """Both lists without the events found in both (same `anchor`, source, target, code)."""

    def same(key: EventKey) -> tuple[Any, ...]:
        return (anchor(key), *key.coded)

    common = Counter(map(same, old)) & Counter(map(same, new))
    left_old: list[EventKey] = []
    left_new: list[EventKey] = []
    for keys, out in ((old, left_old), (new, left_new)):
        budget = Counter(common)
        for key in keys:
            if budget[same(key)] > 0:
                budget[same(key)] -= 1
            else:
                out.append(key)
    return left_old, left_new


def _pair(
    old: list[EventKey], new: list[EventKey], anchor: Any
) -> tuple[list[tuple[EventKey, EventKey]], list[EventKey], list[EventKey]]:
    """Old and new events at the same `anchor` (a verb, or a sentence), paired in order."""
    waiting: dict[Any, list[EventKey]] = {}
    for key in new:
        waiting.setdefault(anchor(key), []).append(key)
    pairs, unpaired_old = [], []
    for key in old:
        candidates = waiting.get(anchor(key))
        if candidates:
            pairs.append((key, candidates.pop(0)))
        else:
            unpaired_old.append(key)
    unpaired_new = [key for keys in waiting.values() for key in keys]
    return pairs, unpaired_old, sorted(unpaired_new, key=new.index)


def article_changes(doc_id: str, old: Sequence[EventKey], new: Iterable[EventKey]) -> list[EventChange]:
    """The events of one article that re-coding changed: identical events (place, source,
    target, code) are left out; the rest are paired by verb (sentence and verb offset), then by
    sentence (stores from before schema 3 have no verb offsets), into changes; what stays unpaired
    was removed or added. Order: removed and changed as stored, then the added ones."""

    def verb(key: EventKey) -> tuple[int, int]:
        return (key.sentence, key.verb_start)

    def sentence(key: EventKey) -> int:
        return key.sentence

    left_old, left_new = _drop_same(list(old), list(new), verb)
    left_old, left_new = _drop_same(left_old, left_new, sentence)
    by_verb, left_old, left_new = _pair(left_old, left_new, verb)
    by_sentence, left_old, left_new = _pair(left_old, left_new, sentence)
    paired = {id(a): b for a, b in [*by_verb, *by_sentence]}
    removed = {id(key) for key in left_old}
    changes = []
    for key in old:
        if id(key) in paired:
            after = paired[id(key)]
            changes.append(EventChange(doc_id, key.sentence, after.evidence, key.coded, after.coded))
        elif id(key) in removed:
            changes.append(EventChange(doc_id, key.sentence, key.evidence, key.coded, None))
    changes.extend(EventChange(doc_id, key.sentence, key.evidence, None, key.coded) for key in left_new)
    return changes
