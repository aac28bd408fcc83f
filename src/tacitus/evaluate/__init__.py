"""`tacitus eval`: code the texts of a gold file and score them against what it expects."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tacitus.errors import GoldFileError, UserInputError
from tacitus.evaluate.gold import GoldRecord, file_sha256, read_gold
from tacitus.evaluate.metrics import RecordResult, Scores, judge, relax, score
from tacitus.records import Article, Event

__all__ = [
    "CodedRecord",
    "GoldRecord",
    "RecordResult",
    "Scores",
    "code_gold",
    "evaluate",
    "read_gold",
    "relax",
]

log = logging.getLogger(__name__)


def _options(record: GoldRecord) -> Any:
    """CoderOptions for a record's `config_overrides`: `CoderOptions.from_overrides`, the one
    parser (the floor tests use it too), its complaint about a bad key raised as a gold-file error."""
    from tacitus.coder import CoderOptions

    try:
        return CoderOptions.from_overrides(record.config)
    except UserInputError as exc:
        raise GoldFileError(
            f"record {record.id}: config_overrides: {exc.args[0]} - fix the gold file"
        ) from exc


def _code_record(coder: Any, record: GoldRecord) -> tuple[list[Event], str | None]:
    article = Article(id=record.id, text=record.text, date=record.date)
    try:
        coded = list(coder.code_articles([article]))
    except Exception as exc:  # an exception here is a coder bug: count it, go on
        log.exception("coder raised on gold record %s", record.id)
        return [], f"{type(exc).__name__}: {exc}"
    return [e for c in coded for e in c.events if not e.negated], None


@dataclass(slots=True)
class CodedRecord:
    """A gold record with every (non-negated) event coded from its text, at any confidence."""

    record: GoldRecord
    events: list[Event]
    error: str | None = None


def code_gold(
    gold_path: str | Path,
    *,
    dictionaries: str | Path | None = None,
    model: str | None = None,
) -> list[CodedRecord]:
    """Code every active record of `gold_path` (one coder per `config_overrides`)."""
    from tacitus.coder import Coder
    from tacitus.dictionaries import load_dictionaries

    records = read_gold(gold_path)
    dictionary_set = load_dictionaries(dictionaries)
    coders: dict[tuple[tuple[str, str], ...], Any] = {}
    coded = []
    for record in records:
        key = tuple(sorted(record.config.items()))
        if key not in coders:
            coders[key] = Coder(dictionary_set, model=model, options=_options(record))
        events, error = _code_record(coders[key], record)
        coded.append(CodedRecord(record, events, error))
    return coded


def evaluate(
    gold_path: str | Path,
    *,
    dictionaries: str | Path | None = None,
    model: str | None = None,
    min_confidence: float | None = None,
) -> tuple[Scores, dict[str, Any]]:
    """Code every active record of `gold_path` and score the events at or above `min_confidence`
    (None: the default threshold, `tacitus.events.confidence.default_min_confidence`; 0: all).

    Returns:
        The scores and run facts (gold file hash, record count, dictionaries used, threshold).
    """
    from tacitus.events.confidence import confident, default_min_confidence

    threshold = default_min_confidence() if min_confidence is None else min_confidence
    coded = code_gold(gold_path, dictionaries=dictionaries, model=model)
    results = [
        judge(c.record, [e for e in c.events if confident(e, threshold)], error=c.error) for c in coded
    ]
    facts = {
        "gold": str(gold_path),
        "gold_sha256": file_sha256(gold_path),
        "dictionaries": str(dictionaries) if dictionaries else "builtin",
        "records": len(coded),
        "min_confidence": threshold,
    }
    return score(results), facts
