"""Reading back what runs skipped: inputs ingestion could not read and articles the coder dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["StoredSkip", "stored_skips"]

# Ingestion skips first (by origin), then the coder's (by origin, else article id).
_SQL = """
SELECT stage, origin, reason, detail, doc_id FROM (
    SELECT 'ingest' AS stage, origin, reason, detail, NULL AS doc_id, 0 AS rank FROM skips
    UNION ALL
    SELECT 'coder', coalesce(origin, id), coalesce(skip_reason, 'coder'), skip_detail, id, 1
    FROM articles WHERE status = 'skipped'
)
WHERE ? IS NULL OR starts_with(reason, ?) OR starts_with(coalesce(detail, ''), ?)
ORDER BY rank, origin, doc_id
"""


@dataclass(frozen=True, slots=True)
class StoredSkip:
    """One skipped input: `stage` ``ingest`` (never an article: `reason` is an ingestion skip
    reason such as ``no_text``) or ``coder`` (stored with `doc_id`, not coded: `reason`
    ``coder`` or ``coder_error``, `detail` e.g. ``story discard: AUSTRALIAN OPEN``)."""

    stage: str
    origin: str
    reason: str
    detail: str | None
    doc_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "origin": self.origin,
            "reason": self.reason,
            "detail": self.detail,
            "doc_id": self.doc_id,
        }


def stored_skips(con: Any, *, reason: str | None = None, limit: int | None = None) -> list[StoredSkip]:
    """Every skip the store holds, ingestion's first, each by origin.

    Args:
        con: a DuckDB connection to a Tacitus store.
        reason: only skips whose reason or detail starts with this (``language`` matches
            ``language:de``; ``story discard`` the coder's story discards).
        limit: at most this many.
    """
    sql = _SQL + (f" LIMIT {int(limit)}" if limit is not None else "")
    rows = con.execute(sql, [reason, reason, reason]).fetchall()
    return [StoredSkip(*row) for row in rows]
