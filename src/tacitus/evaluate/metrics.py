"""Scoring coded events against gold records: pass rate, P/R/F1 exact and relaxed, per category.

P/R/F1 come from `tacitus.evaluate.prf` (its edge-case rule: an empty ratio is 1.0 only when both
sides are empty)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tacitus.evaluate.gold import GoldRecord, Triple
from tacitus.evaluate.prf import Counts
from tacitus.records import Event

__all__ = ["Counts", "RecordResult", "Scores", "relax", "score"]


def _country(actor_code: str) -> str:
    # New actors are coded by their text in quotes; they have no country part.
    return actor_code if actor_code.startswith('"') else actor_code[:3]


def relax(triple: Triple) -> Triple:
    """Country part of both actor codes and the two-digit root of the event code."""
    source, target, code = triple
    return (_country(source), _country(target), code[:2])


@dataclass(slots=True)
class RecordResult:
    """How one gold record fared."""

    record: GoldRecord
    predicted: list[Event]
    passed: bool
    error: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def triples(self) -> set[Triple]:
        return {(e.source, e.target, e.code) for e in self.predicted}

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.record.id,
            "kind": self.record.kind,
            "category": self.record.category,
            "passed": self.passed,
            "expected": sorted(self.record.expected) if self.record.kind == "events" else None,
            "gold_code": self.record.code,
            "gold_plover": self.record.plover_type,
            "predicted": sorted(self.triples()),
            "error": self.error,
            **self.detail,
        }


def _judge(record: GoldRecord, events: list[Event]) -> tuple[bool, dict[str, Any]]:
    if record.kind == "events":
        return {(e.source, e.target, e.code) for e in events} == set(record.expected), {}
    if record.kind == "code":
        gold_code = record.code or ""
        codes = {e.code for e in events}
        root_hit = any(c[:2] == gold_code[:2] for c in codes)
        return gold_code in codes, {"root_hit": root_hit}
    typed = [e for e in events if e.plover.get("event_type") == record.plover_type]
    source_ok = any(not record.actor_countries or _country(e.source) in record.actor_countries for e in typed)
    target_ok = any(
        not record.recipient_countries or _country(e.target) in record.recipient_countries for e in typed
    )
    found = bool(typed)
    return found, {"source_country_ok": found and source_ok, "target_country_ok": found and target_ok}


def judge(record: GoldRecord, events: list[Event], error: str | None = None) -> RecordResult:
    """Pass/fail of one record given the events coded from its text."""
    if error is not None:
        return RecordResult(record, events, passed=False, error=error)
    passed, detail = _judge(record, events)
    return RecordResult(record, events, passed=passed, detail=detail)


@dataclass(slots=True)
class Scores:
    """Figures over a whole gold file, overall and per category."""

    results: list[RecordResult]

    def _by_category(self) -> dict[str, list[RecordResult]]:
        groups: dict[str, list[RecordResult]] = defaultdict(list)
        for result in self.results:
            groups[result.record.category].append(result)
        return dict(sorted(groups.items()))

    @staticmethod
    def _summary(results: Iterable[RecordResult]) -> dict[str, Any]:
        results = list(results)
        n = len(results)
        summary: dict[str, Any] = {
            "records": n,
            "passed": sum(r.passed for r in results),
            "pass_rate": round(sum(r.passed for r in results) / n, 4) if n else 0.0,
            "exceptions": sum(r.error is not None for r in results),
        }
        event_results = [r for r in results if r.record.kind == "events"]
        if event_results:
            exact, relaxed = Counts(), Counts()
            for r in event_results:
                exact.add(r.triples(), set(r.record.expected))
                relaxed.add({relax(t) for t in r.triples()}, {relax(t) for t in r.record.expected})
            summary["exact"] = exact.as_dict()
            summary["relaxed"] = relaxed.as_dict()
        code_results = [r for r in results if r.record.kind == "code"]
        if code_results:
            summary["code_share"] = summary["pass_rate"]
            summary["root_share"] = round(
                sum(bool(r.detail.get("root_hit")) for r in code_results) / len(code_results), 4
            )
        plover_results = [r for r in results if r.record.kind == "plover"]
        if plover_results:
            m = len(plover_results)
            summary["event_type_recall"] = summary["pass_rate"]
            summary["source_country_agreement"] = round(
                sum(bool(r.detail.get("source_country_ok")) for r in plover_results) / m, 4
            )
            summary["target_country_agreement"] = round(
                sum(bool(r.detail.get("target_country_ok")) for r in plover_results) / m, 4
            )
        return summary

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self._summary(self.results),
            "categories": {c: self._summary(rs) for c, rs in self._by_category().items()},
            "records": [r.as_dict() for r in self.results],
        }


def score(results: list[RecordResult]) -> Scores:
    return Scores(results)
