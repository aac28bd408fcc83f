"""HTML pages to text and metadata with trafilatura; shared by the HTML, JSONL and WARC readers."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import Document

from tacitus.dates import read_date
from tacitus.ingest.document import RawDocument
from tacitus.ingest.skips import Skip

__all__ = ["extract_html", "fragment_text"]

log = logging.getLogger(__name__)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a `<meta>` tag near its start, if any."""
    match = META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def extract_html(
    html: str, *, origin: str, url: str | None = None, favor_precision: bool = True
) -> RawDocument | Skip:
    """Extract an article's main text and metadata from a page.

    Comments are left out (they are not the article) and precision is favoured by
    default: boilerplate reaching the coder is a chance for a false event.
    """
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_precision=favor_precision,
        )
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the batch
        log.info("trafilatura failed on %s: %s", origin, exc)
        return Skip(origin, "bad_html", f"{type(exc).__name__}: {exc}"[:200])
    # The default output format gives a Document; anything else means no usable page.
    if not isinstance(document, Document) or not (document.text or "").strip():
        return Skip(origin, "no_text", "trafilatura found no main text")
    page_url = url or document.url
    date = read_date(document.date)  # htmldate's pick from the page's metadata and text
    return RawDocument(
        origin=origin,
        text=document.text or "",
        title=document.title or None,
        date=date.iso,
        date_problem=date.problem,
        url=page_url,
        source=document.sitename or document.hostname or _host(page_url),
        author=document.author or None,
        from_html=True,
    )


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content), keeping every paragraph."""
    if "<" not in fragment:
        return fragment
    return trafilatura.html2txt(f"<html><body>{fragment}</body></html>") or ""
