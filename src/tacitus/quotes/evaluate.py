"""Scoring quotes against gold attributions: content-span P/R/F1 (`tacitus.evaluate.prf`) and
speaker accuracy, per kind."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.evaluate.gold import gold_lines
from tacitus.evaluate.prf import prf, share
from tacitus.records import Quote

__all__ = ["GoldAttribution", "QuoteScores", "matches", "read_gold", "score_article"]

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: content spans (possibly several pieces), source spans, kind."""

    content: Spans
    source: Spans
    kind: str


@dataclass(slots=True)
class _Counts:
    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0


@dataclass(slots=True)
class QuoteScores:
    """Running counts over articles; `report()` gives the figures overall and per kind."""

    overall: _Counts = field(default_factory=_Counts)
    by_kind: dict[str, _Counts] = field(default_factory=dict)

    def _kind(self, kind: str) -> _Counts:
        return self.by_kind.setdefault(kind, _Counts())

    def report(self) -> dict[str, Any]:
        result = {"overall": _figures(self.overall)}
        for kind in sorted(self.by_kind):
            result[kind] = _figures(self.by_kind[kind])
        return result


def _figures(counts: _Counts) -> dict[str, Any]:
    precision, recall, f1 = prf(
        predicted=counts.predicted,
        correct=counts.predicted_matched,
        expected=counts.gold,
        found=counts.gold_matched,
    )
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(share(counts.speaker_correct, counts.speaker_total), 4),
        "predicted": counts.predicted,
        "gold": counts.gold,
        "speaker_total": counts.speaker_total,
    }


def _spans(entry: dict[str, Any] | None) -> Spans:
    if not entry:
        return ()
    pieces = entry.get("spans") or [[entry["start"], entry["end"]]]
    return tuple((int(s), int(e)) for s, e in pieces)


def read_gold(path: str | Path) -> Iterable[tuple[dict[str, Any], list[GoldAttribution]]]:
    """Records of a PolNeAR-style JSONL file: the record and its gold attributions with content.

    Raises:
        GoldFileError: the file is missing or a line is not a JSON object with `text`.
    """
    for _, record in gold_lines(path):
        gold = [
            GoldAttribution(_spans(a["content"]), _spans(a.get("source")), a.get("kind") or "indirect")
            for a in record.get("attributions", [])
            if a.get("content")
        ]
        yield record, gold


def _overlap(start: int, end: int, spans: Spans) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)


def matches(quote: Quote, gold: GoldAttribution) -> int:
    """Overlap in characters when it reaches half of the shorter content, else 0."""
    overlap = _overlap(quote.content.start, quote.content.end, gold.content)
    gold_length = sum(e - s for s, e in gold.content)
    shorter = min(quote.content.end - quote.content.start, gold_length)
    return overlap if overlap > 0 and 2 * overlap >= shorter else 0


def score_article(scores: QuoteScores, quotes: Sequence[Quote], gold: Sequence[GoldAttribution]) -> None:
    """Add one article's predictions and gold attributions to `scores`."""
    for quote in quotes:
        hit = any(matches(quote, g) for g in gold)
        for counts in (scores.overall, scores._kind(quote.kind)):
            counts.predicted += 1
            counts.predicted_matched += hit
    for attribution in gold:
        best = max(quotes, key=lambda q: matches(q, attribution), default=None)
        found = best is not None and matches(best, attribution) > 0
        for counts in (scores.overall, scores._kind(attribution.kind)):
            counts.gold += 1
            counts.gold_matched += found
            if found and attribution.source and best is not None:
                counts.speaker_total += 1
                speaker = best.speaker
                counts.speaker_correct += bool(
                    speaker and _overlap(speaker.start, speaker.end, attribution.source) > 0
                )
