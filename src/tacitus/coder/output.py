"""Writing coded events as JSONL, TSV or a readable table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from tacitus.records import Event

__all__ = ["FORMATS", "TSV_COLUMNS", "write_events"]

FORMATS = ("jsonl", "tsv", "table")
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
_TABLE_COLUMNS = ("doc_id", "sent", "source", "target", "code", "plover", "conf", "verb", "evidence")


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
    if fmt == "tsv":
        out.write("\t".join(TSV_COLUMNS) + "\n")
        for event in events:
            out.write("\t".join(_tsv_row(event)) + "\n")
            count += 1
        return count
    rows = [
        (
            e.doc_id,
            str(e.sentence),
            e.source,
            e.target,
            e.code,
            e.plover.get("event_type") or "-",
            "-" if e.confidence is None else f"{e.confidence:.2f}",
            e.verb,
            _clip(e.evidence.text, 60),
        )
        for e in events
    ]
    widths = [max([len(h)] + [len(r[k]) for r in rows]) for k, h in enumerate(_TABLE_COLUMNS)]
    out.write("  ".join(h.ljust(w) for h, w in zip(_TABLE_COLUMNS, widths, strict=True)).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(rows)


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
