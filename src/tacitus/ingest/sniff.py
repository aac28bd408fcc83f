"""Content sniffing: which reader a document needs, with its file extension as a hint."""

from __future__ import annotations

import json
import re

from tacitus.ingest.decode import utf16_without_bom

__all__ = ["GZIP_MAGIC", "KINDS", "sniff"]

GZIP_MAGIC = b"\x1f\x8b"
KINDS = ("empty", "binary", "warc", "petrarch", "feed", "html", "jsonl", "text")
HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|meta|title|span|table|br)\b")
FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b")
# PETRARCH-2 input and validation files: a <Sentences> list of <Sentence> records.
PETRARCH_LIST = re.compile(r"<sentences[\s>]")
PETRARCH_RECORD = re.compile(r"<sentence[\s>]")
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
JSONL_EXTENSIONS = (".jsonl", ".ndjson", ".jsonlines")
FEED_EXTENSIONS = (".rss", ".atom", ".xml")


def _head_text(head: bytes) -> str | None:
    """The head as text for marker checks; None when it is binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[2:].decode("utf-16-le" if head[0] == 0xFF else "utf-16-be", errors="ignore")
    utf16 = utf16_without_bom(head)
    if utf16:
        return head.decode(utf16, errors="ignore")
    if b"\x00" in head:
        return None
    # Latin-1 maps every byte, so ASCII markers are found whatever the real charset.
    return head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")


def _is_json_line(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    if not first.startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except RecursionError:
        return True  # an object nested too deeply: the JSONL reader says so, line by line
    except ValueError:
        # The first line may be cut by the head size; a '{"' start is evidence enough.
        return first.startswith('{"') and "\n" not in text[: len(first)]


def _is_petrarch(head: str) -> bool:
    """A <Sentences> list with a <Sentence> record after it (its header comments and a
    validation file's <Environment> may come first: the whole head is searched)."""
    found = PETRARCH_LIST.search(head)
    return found is not None and PETRARCH_RECORD.search(head, found.end()) is not None


def sniff(head: bytes, name: str = "") -> str:
    """The kind of a (decompressed) document from its first bytes: one of `KINDS`."""
    if not head.strip():
        return "empty"
    if head.lstrip().startswith(b"WARC/"):
        return "warc"  # before the binary check: payloads (images) may hold NUL bytes
    text = _head_text(head)
    if text is None:
        return "binary"
    lower = text[:4096].lower()
    name = name.lower().removesuffix(".gz")
    if lower.startswith("<") and _is_petrarch(text.lower()):
        return "petrarch"
    if lower.startswith("<?xml") or name.endswith(FEED_EXTENSIONS):
        if FEED_ROOT.search(lower):
            return "feed"
    elif FEED_ROOT.match(lower):
        return "feed"
    if lower.startswith("<") and (HTML_TAG.search(lower) or name.endswith(HTML_EXTENSIONS)):
        return "html"
    if name.endswith(JSONL_EXTENSIONS) and lower.startswith("{") or _is_json_line(text):
        return "jsonl"
    if name.endswith(HTML_EXTENSIONS) and HTML_TAG.search(lower):
        return "html"
    return "text"
