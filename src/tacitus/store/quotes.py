"""Stored quotes read back as `Quote` records, filtered by speaker or country (`tacitus quotes --db`)."""

from __future__ import annotations

from typing import Any

from tacitus.records import Quote, Span, Speaker

__all__ = ["stored_quotes"]

_COLUMNS = (
    "doc_id, kind, sentence, content_text, content_start, content_end, cue_text, cue_start, "
    "cue_end, speaker_text, speaker_start, speaker_end, speaker_name, speaker_code, "
    "speaker_country, speaker_sector"
)


def _quote(row: tuple[Any, ...]) -> Quote:
    (doc_id, kind, sentence, c_text, c_start, c_end, q_text, q_start, q_end,
     s_text, s_start, s_end, name, code, country, sector) = row  # fmt: skip
    speaker = (
        Speaker(s_text, int(s_start), int(s_end), name, code, country, sector) if s_text is not None else None
    )
    cue = Span(q_text, int(q_start), int(q_end)) if q_text is not None else None
    return Quote(doc_id, kind, Span(c_text, int(c_start), int(c_end)), cue, speaker, int(sentence))


def stored_quotes(
    con: Any, *, speaker: str | None = None, country: str | None = None, limit: int | None = None
) -> list[Quote]:
    """Stored quotes in (doc_id, ordinal) order.

    Args:
        con: a DuckDB connection to a Tacitus store.
        speaker: words the speaker's name or text contains, case-insensitive ("Lavrov").
        country: the speaker's country code (``RUS``), or a prefix of the actor code.
        limit: at most this many quotes.
    """
    where, params = [], []
    if speaker:
        where.append("(speaker_name ILIKE ? OR speaker_text ILIKE ?)")
        params += [f"%{speaker}%", f"%{speaker}%"]
    if country:
        where.append("(speaker_country = ? OR starts_with(speaker_code, ?))")
        params += [country.upper(), country.upper()]
    sql = f"SELECT {_COLUMNS} FROM quotes"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY doc_id, ordinal"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_quote(row) for row in con.execute(sql, params).fetchall()]
