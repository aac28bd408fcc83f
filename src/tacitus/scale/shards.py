"""Parquet shards: the on-disk hand-off between the Ray engine's workers and `tacitus load`.

A shard is what one coding batch produced, as one Parquet file per table under
``DIR/<table>/part-<name>.parquet``. Tables are the store's (articles, events, actors,
quotes, places, skips) with a `shard` column added, and `input_file`/`input_record` on
articles (the input order, which decides which copy of a text is the original).

The name of a shard is a hash of the batch's articles, so a retried task writes the
same files again instead of new ones. Each file is written under a hidden name and then
renamed, and the `articles` file is written last: it is the shard's commit marker, and
`tacitus load` reads the other tables only through the articles of complete shards.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from tacitus.errors import UserInputError
from tacitus.store.rows import (
    ACTOR_SCHEMA,
    ARTICLE_SCHEMA,
    EVENT_SCHEMA,
    PLACE_SCHEMA,
    QUOTE_SCHEMA,
    StoredArticle,
    actor_row,
    article_row,
    event_row,
    place_row,
    quote_row,
)

__all__ = [
    "SHARD_TABLES",
    "SKIP_SCHEMA",
    "ShardBatch",
    "ShardWriter",
    "resolve_filesystem",
    "shard_name",
    "shard_schema",
]

log = logging.getLogger(__name__)

SKIP_SCHEMA = pa.schema([("origin", pa.string()), ("reason", pa.string()), ("detail", pa.string())])

# Written in this order; `articles` last, as the shard's commit marker.
SHARD_TABLES = ("events", "actors", "quotes", "places", "skips", "articles")

_STORE_SCHEMAS = {
    "articles": ARTICLE_SCHEMA,
    "events": EVENT_SCHEMA,
    "actors": ACTOR_SCHEMA,
    "quotes": QUOTE_SCHEMA,
    "places": PLACE_SCHEMA,
    "skips": SKIP_SCHEMA,
}
_ORDER_FIELDS = [pa.field("input_file", pa.int64()), pa.field("input_record", pa.int64())]


def shard_schema(table: str) -> pa.Schema:
    """The Parquet schema of `table` in a shard: the store's columns plus `shard`."""
    schema = _STORE_SCHEMAS[table].append(pa.field("shard", pa.string()))
    if table == "articles":
        for field in _ORDER_FIELDS:
            schema = schema.append(field)
    return schema


def resolve_filesystem(uri: str) -> tuple[pafs.FileSystem, str]:
    """(filesystem, path) for a local path or a URI (s3://, gs://, hdfs://, or any fsspec one).

    Raises:
        UserInputError: the URI's scheme is unknown to both pyarrow and fsspec.
    """
    try:
        return pafs.FileSystem.from_uri(uri)
    except (pa.ArrowInvalid, ValueError):
        pass  # not a local path nor a scheme pyarrow knows: ask fsspec
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(uri)
    except (ImportError, ValueError) as exc:
        raise UserInputError(
            f"output {uri} is not a path or a URI that pyarrow or fsspec can write - use a "
            f"local directory or s3://, gs://, hdfs:// (install the fsspec driver): {exc}"
        ) from exc
    return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), path


def shard_name(keys: Sequence[tuple[int, int, str, str | None]]) -> str:
    """The name of the shard of a batch: a hash of its (input_file, input_record, id, hash)."""
    digest = hashlib.sha256()
    for input_file, input_record, article_id, content_hash in sorted(keys, key=str):
        digest.update(f"{input_file}\t{input_record}\t{article_id}\t{content_hash}\n".encode())
    return f"part-{digest.hexdigest()[:20]}"


@dataclass(slots=True)
class ShardBatch:
    """One batch's results: coded articles with their input order, and ingestion skips."""

    stored: list[StoredArticle]
    order: list[tuple[int, int]]
    skips: list[tuple[str, str, str | None]]
    # Articles the store held unchanged: nothing is written for them, but they name the batch,
    # so that two batches of only such articles are not taken for one batch retried.
    unchanged: list[tuple[int, int, str]] = field(default_factory=list)

    def name(self) -> str:
        kept: list[tuple[int, int, str, str | None]] = [
            (f, r, doc_id, "unchanged") for f, r, doc_id in self.unchanged
        ]
        if not self.stored and not kept:  # skips only: name them by their origins
            return shard_name(
                [(0, i, origin, reason) for i, (origin, reason, _) in enumerate(sorted(self.skips))]
            )
        return shard_name(
            [
                (f, r, s.article.id, s.article.content_hash)
                for (f, r), s in zip(self.order, self.stored, strict=True)
            ]
            + kept
        )

    def rows(self, shard: str) -> dict[str, list[dict[str, object]]]:
        """Rows per shard table, each with the `shard` column set."""
        rows: dict[str, list[dict[str, object]]] = {table: [] for table in SHARD_TABLES}
        for (input_file, input_record), stored in zip(self.order, self.stored, strict=True):
            doc_id = stored.article.id
            row = article_row(stored)
            row.update(input_file=input_file, input_record=input_record)
            rows["articles"].append(row)
            rows["events"] += [event_row(e, i) for i, e in enumerate(stored.events)]
            rows["actors"] += [actor_row(doc_id, a, i) for i, a in enumerate(stored.actors)]
            rows["quotes"] += [quote_row(q, i) for i, q in enumerate(stored.quotes)]
            rows["places"] += [place_row(p, i) for i, p in enumerate(stored.locations)]
        rows["skips"] = [{"origin": o, "reason": r, "detail": d} for o, r, d in self.skips]
        for table_rows in rows.values():
            for row in table_rows:
                row["shard"] = shard
        return rows


class ShardWriter:
    """Writes shards under one output directory (local path or URI)."""

    def __init__(self, out: str) -> None:
        self.out = out.rstrip("/")
        self.fs, self.root = resolve_filesystem(self.out)
        self.root = self.root.rstrip("/")
        # Every writer makes the folders: on a cluster each node may have its own disk.
        for table in SHARD_TABLES:
            self.fs.create_dir(f"{self.root}/{table}", recursive=True)

    def write(self, batch: ShardBatch) -> str:
        """Write every non-empty table of `batch` (articles last); returns the shard name."""
        shard = batch.name()
        rows = batch.rows(shard)
        for table in SHARD_TABLES:
            if rows[table]:
                self._write_table(table, shard, pa.Table.from_pylist(rows[table], schema=shard_schema(table)))
        log.info(
            "wrote shard %s: %d articles, %d events, %d skips",
            shard,
            len(rows["articles"]),
            len(rows["events"]),
            len(rows["skips"]),
        )
        return shard

    def _write_table(self, table: str, shard: str, data: pa.Table) -> None:
        final = f"{self.root}/{table}/{shard}.parquet"
        # A hidden temporary name: readers ignore files starting with "." (pyarrow's default).
        temporary = f"{self.root}/{table}/.{shard}.{uuid.uuid4().hex}.tmp"
        with self.fs.open_output_stream(temporary) as stream:
            pq.write_table(data, stream, compression="zstd")
        self.fs.move(temporary, final)
