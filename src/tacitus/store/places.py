"""Stored places read back as `Location` records, filtered by country or name (`tacitus places --db`)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from tacitus.records import Location

__all__ = ["stored_places"]

_FIELDS = {f.name for f in fields(Location)}


def _location(names: list[str], row: tuple[Any, ...]) -> Location:
    values = dict(zip(names, row, strict=True))
    values["evidence"] = {
        "text": values["evidence_text"],
        "start": values["evidence_start"],
        "end": values["evidence_end"],
    }
    return Location.from_dict({key: value for key, value in values.items() if key in _FIELDS})


def stored_places(
    con: Any, *, country: str | None = None, name: str | None = None, limit: int | None = None
) -> list[Location]:
    """Stored places in (doc_id, ordinal) order.

    Args:
        con: a DuckDB connection to a Tacitus store.
        country: ISO3 code of the place's country (``GEO``).
        name: words the place's name as written, or its gazetteer name, contains (case-insensitive).
        limit: at most this many places.
    """
    where, params = [], []
    if country:
        where.append("country = ?")
        params.append(country.upper())
    if name:
        where.append("(name ILIKE ? OR resolved_name ILIKE ?)")
        params += [f"%{name}%", f"%{name}%"]
    sql = "SELECT * FROM places"  # every column: Location fields the store gains later come along
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY doc_id, ordinal"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    result = con.execute(sql, params)
    names = [column[0] for column in result.description]
    return [_location(names, row) for row in result.fetchall()]
