"""Ingestion: news as text, HTML, WARC, RSS/Atom or JSONL in; cleaned, deduplicated Articles out."""

import logging

from tacitus.ingest.core import article_id, iter_articles, read_articles, read_documents
from tacitus.ingest.document import RawDocument
from tacitus.ingest.export import ingest
from tacitus.ingest.options import IngestOptions, JsonlFields
from tacitus.ingest.skips import Skip, SkipReport

__all__ = [
    "IngestOptions",
    "JsonlFields",
    "RawDocument",
    "Skip",
    "SkipReport",
    "article_id",
    "ingest",
    "iter_articles",
    "read_articles",
    "read_documents",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
