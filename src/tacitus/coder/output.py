"""Writing coded events as JSONL or TSV (the CLI prints tables: `tacitus.cli.table`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from tacitus.errors import UserInputError
from tacitus.records import Event

__all__ = ["FORMATS", "TSV_COLUMNS", "write_events"]

FORMATS = ("jsonl", "tsv")
TSV_COLUMNS = (
    "doc_id",
    "sentence",
    "date",
    "source",
    "target",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "plover_event",
    "plover_mode",
    "negated",
    "modality",
    "verb",
    "evidence",
    "event_id",
    "mirror_of",
    "confidence",
)


def _tsv_row(event: Event) -> list[str]:
    values = [
        event.doc_id,
        event.sentence,
        event.date or "",
        event.source,
        event.target,
        event.code,
        event.root_code,
        "" if event.quad_class is None else event.quad_class,
        "" if event.goldstein is None else event.goldstein,
        event.plover.get("event_type") or "",
        event.plover.get("mode") or "",
        str(event.negated).lower(),
        event.modality,
        event.verb,
        event.evidence.text,
        event.event_id or "",
        event.mirror_of or "",
        "" if event.confidence is None else event.confidence,
    ]
    return [" ".join(str(v).split()) for v in values]


def write_events(events: Iterable[Event], out: TextIO, fmt: str = "jsonl") -> int:
    """Write events to `out` in `fmt`; returns how many were written."""
    count = 0
    if fmt == "jsonl":
        for event in events:
            out.write(json.dumps(event.as_dict(), ensure_ascii=False, sort_keys=False) + "\n")
            count += 1
        return count
    if fmt != "tsv":
        raise UserInputError(f"unknown event format {fmt!r} - use one of {', '.join(FORMATS)}")
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for event in events:
        out.write("\t".join(_tsv_row(event)) + "\n")
        count += 1
    return count
