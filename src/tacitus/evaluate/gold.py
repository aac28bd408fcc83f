"""Reading gold files for `tacitus eval`: TABARI-style, CAMEO-manual and PLOVER records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.dates import read_date
from tacitus.errors import GoldFileError

__all__ = ["GoldRecord", "Triple", "read_gold", "file_sha256"]

Triple = tuple[str, str, str]  # (source, target, code)


@dataclass(slots=True)
class GoldRecord:
    """One gold sentence or story and what it expects.

    kind:
      ``events``  expected (source, target, code) triples (TABARI validation);
      ``code``    only a CAMEO code the text should yield (CAMEO manual examples);
      ``plover``  a PLOVER event type with actor / recipient countries.
    """

    id: str
    text: str
    date: str | None
    kind: str
    category: str = ""
    expected: frozenset[Triple] = frozenset()
    code: str | None = None
    plover_type: str | None = None
    actor_countries: frozenset[str] = frozenset()
    recipient_countries: frozenset[str] = frozenset()
    config: dict[str, str] = field(default_factory=dict)
    line: int = 0


def _date(value: Any, line: int) -> str | None:
    """The record's ISO day; a date that cannot be read fails the file (a gold record with a
    wrong date would silently resolve its dated actor codes as undated)."""
    reading = read_date(value)
    if reading.problem:
        raise GoldFileError(f"line {line}: {reading.problem} - give the date as YYYY-MM-DD or YYYYMMDD")
    return reading.iso


def _countries(entities: list[dict[str, Any]] | None) -> frozenset[str]:
    return frozenset(str(e["code"])[:3].upper() for e in entities or [] if e.get("code"))


def _record(data: dict[str, Any], line: int) -> GoldRecord | None:
    """A GoldRecord, or None for records the original suite marks inactive."""
    if data.get("active_in_original_suite") is False:
        return None
    base: dict[str, Any] = {
        "id": str(data.get("id") or f"line-{line}"),
        "text": str(data["text"]),
        "date": _date(data.get("date"), line),
        "line": line,
    }
    if "expected" in data:
        triples = frozenset((e["source"], e["target"], e["code"]) for e in data["expected"] or [])
        config = {k: str(v) for k, v in (data.get("config_overrides") or {}).items()}
        category = str(data.get("category") or data["id"].split("-")[0])
        return GoldRecord(**base, kind="events", category=category, expected=triples, config=config)
    if data.get("event_type_plover_0_8"):
        return GoldRecord(
            **base,
            kind="plover",
            category=str(data["event_type_plover_0_8"]),
            plover_type=str(data["event_type_plover_0_8"]),
            actor_countries=_countries(data.get("actor")),
            recipient_countries=_countries(data.get("recipient")),
        )
    if data.get("code"):
        code = str(data["code"])
        return GoldRecord(**base, kind="code", category=code[:2], code=code)
    raise GoldFileError(
        f"line {line}: record has neither 'expected', 'code' nor 'event_type_plover_0_8' - "
        "a gold record must say what it expects"
    )


def gold_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of each non-blank line of a gold JSONL file: the one reader of the
    coder's, quotes' and places' gold files.

    Raises:
        GoldFileError: the file cannot be read, or a line is not a JSON object with `text`.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"cannot read gold file {path}: {exc.strerror} - check the path") from exc
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"{path}:{number}: not JSON ({exc.msg}) - gold files are JSONL") from exc
        if not isinstance(data, dict) or "text" not in data:
            raise GoldFileError(f"{path}:{number}: a gold record needs a 'text' field")
        yield number, data


def read_gold(path: str | Path) -> list[GoldRecord]:
    """All active records of a gold JSONL file.

    Raises:
        GoldFileError: the file is missing, or a line is not a gold record.
    """
    records = []
    for number, data in gold_lines(path):
        record = _record(data, number)
        if record is not None:
            records.append(record)
    return records


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
