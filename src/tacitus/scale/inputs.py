"""Ingestion for the Ray engine: one input file → Arrow rows of its Articles and Skips.

Each file is read by the same `tacitus.ingest.read_articles` as the local engine, so
cleaning, language filtering and duplicate marking within the file are identical. A
file whose reader raises becomes one ``unreadable`` skip: it fails only its own records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from tacitus.records import Article
from tacitus.scale.stored import StoredArticles
from tacitus.store.rows import ARTICLE_FIELDS

__all__ = [
    "INPUT_SCHEMA",
    "ARTICLE_FIELDS",
    "rows_to_items",
    "read_file_rows",
    "read_files_table",
    "unchanged_rows",
]

log = logging.getLogger(__name__)


# One row per ingested item: kind "article" (Article fields set) or "skip" (origin,
# reason, detail set). `input_file`/`input_record` keep the input order across the cluster.
INPUT_SCHEMA = pa.schema(
    [("kind", pa.string()), ("input_file", pa.int64()), ("input_record", pa.int64())]
    + [(name, pa.string()) for name in ARTICLE_FIELDS]
    + [("reason", pa.string()), ("detail", pa.string())]
)


def _item_row(item: Any, input_file: int, input_record: int) -> dict[str, Any]:
    row: dict[str, Any] = {"input_file": input_file, "input_record": input_record}
    if isinstance(item, Article):
        row["kind"] = "article"
        row.update({name: getattr(item, name) for name in ARTICLE_FIELDS})
    else:
        row.update(kind="skip", origin=item.origin, reason=item.reason, detail=item.detail or None)
    return row


def read_file_rows(
    input_file: int, path: str, options: Any = None, stored: StoredArticles | None = None
) -> list[dict[str, Any]]:
    """The ingested items of one file as rows of `INPUT_SCHEMA`, in file order; an article
    `stored` holds with the same content becomes an ``unchanged`` row (id only: not coded)."""
    from tacitus.ingest import read_articles

    rows: list[dict[str, Any]] = []
    try:
        for record, item in enumerate(read_articles([path], options=options)):
            if stored is not None and isinstance(item, Article) and item in stored:
                rows.append(
                    {"kind": "unchanged", "input_file": input_file, "input_record": record, "id": item.id}
                )
                continue
            rows.append(_item_row(item, input_file, record))
    except Exception as exc:  # noqa: BLE001 - a malformed file fails only its own records
        log.warning("input %s failed after %d records: %s: %s", path, len(rows), type(exc).__name__, exc)
        rows.append(
            {
                "kind": "skip",
                "input_file": input_file,
                "input_record": len(rows),
                "origin": path,
                "reason": "unreadable",
                "detail": f"{type(exc).__name__}: {exc}",
            }
        )
    return rows


def read_files_table(
    batch: dict[str, Any], options: Any = None, stored: StoredArticles | None = None
) -> pa.Table:
    """Ray `map_batches` function: a batch of (input_file, path, reason, detail) rows → ingested
    rows; a row with a reason is a directory entry that is not read, recorded as its skip."""
    rows: list[dict[str, Any]] = []
    reasons = batch.get("reason", [""] * len(batch["path"]))
    details = batch.get("detail", [""] * len(batch["path"]))
    for input_file, path, reason, detail in zip(
        batch["input_file"], batch["path"], reasons, details, strict=True
    ):
        if reason:
            rows.append(
                {
                    "kind": "skip",
                    "input_file": int(input_file),
                    "input_record": 0,
                    "origin": str(path),
                    "reason": str(reason),
                    "detail": str(detail) or None,
                }
            )
            continue
        rows += read_file_rows(int(input_file), str(path), options, stored)
    return pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


def rows_to_items(
    rows: Iterable[dict[str, Any]],
) -> tuple[list[Article], list[tuple[int, int]], list[tuple[str, str, str | None]]]:
    """(articles, their (input_file, input_record), skips as (origin, reason, detail));
    ``unchanged`` rows are left out (see `unchanged_rows`)."""
    articles: list[Article] = []
    order: list[tuple[int, int]] = []
    skips: list[tuple[str, str, str | None]] = []
    for row in rows:
        if row["kind"] == "unchanged":
            continue
        if row["kind"] == "skip":
            skips.append((row["origin"], row["reason"], row["detail"]))
            continue
        articles.append(Article(**{name: row[name] for name in ARTICLE_FIELDS}))
        order.append((int(row["input_file"]), int(row["input_record"])))
    return articles, order, skips


def unchanged_rows(rows: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(input_file, input_record, id) of the rows of articles the store holds unchanged."""
    return [
        (int(row["input_file"]), int(row["input_record"]), row["id"])
        for row in rows
        if row["kind"] == "unchanged"
    ]
