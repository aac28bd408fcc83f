"""Direct quotations found by their quotation marks: straight, curly, single, across paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans"]

_OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_CLOSERS = {"”", "»", '"', "“"}
# Characters after which a straight quote opens rather than closes.
_OPEN_CONTEXT = set(" \t\n([{—–-/:;")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Offsets of a quoted stretch, marks included; `closed` is False when the paragraph ran out."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _is_opening_straight(text: str, i: int) -> bool:
    width = 2 if text.startswith("''", i) else 1
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _OPEN_CONTEXT and not after.isspace():
        return True
    return False


def _paragraph_quotes(text: str, start: int, end: int) -> list[QuotedSpan]:
    """Pairs of double quotation marks inside one paragraph, left to right, not nested."""
    spans: list[QuotedSpan] = []
    open_at = -1
    for i in range(start, end):
        ch = text[i]
        if text.startswith("''", i) and (i == start or text[i - 1] != "'"):
            ch = '"'  # the newswire convention of two apostrophes for a double quote
        elif ch == "'" and i > start and text[i - 1] == "'":
            continue
        if ch not in _OPENERS and ch not in _CLOSERS:
            continue
        if open_at < 0:
            # “ is an opener, ” never is; a straight quote opens after space or a bracket.
            if ch in ("“", "«", "„") or (ch == '"' and _is_opening_straight(text, i)):
                open_at = i
            elif ch == "”" and i > start and text[i - 1] != " ":
                continue  # stray closer: ignore
            continue
        if ch in ("”", "»", '"') or (ch == "“" and text[open_at] == "„"):
            width = 2 if text.startswith("''", i) else 1
            spans.append(QuotedSpan(open_at, i + width, True))
            open_at = -1
        elif ch == "“" and i > open_at + 1:
            # An opener while one is open: the earlier one was never closed in this stretch.
            spans.append(QuotedSpan(open_at, _trim_end(text, open_at, i), False))
            open_at = i
    if open_at >= 0:
        spans.append(QuotedSpan(open_at, _trim_end(text, open_at, end), False))
    return spans


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every double-quoted stretch of `text`, marks included, in text order.

    A quote left open at the end of a paragraph and reopened at the start of the next
    (the newspaper convention for multi-paragraph quotes) becomes one span.
    """
    merged: list[QuotedSpan] = []
    for para_start, para_end in _paragraphs(text):
        for span in _paragraph_quotes(text, para_start, para_end):
            previous = merged[-1] if merged else None
            continues = (
                previous is not None
                and not previous.closed
                and span.start == para_start
                and "\n" in text[previous.end : span.start]
            )
            if continues and previous is not None:
                merged[-1] = QuotedSpan(previous.start, span.end, span.closed)
            else:
                merged.append(span)
    return merged
