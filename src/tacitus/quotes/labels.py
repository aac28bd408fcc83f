"""`Speaker: what they said` lines: headlines ("Lavrov: Russia is ready …") and transcripts."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from tacitus.quotes.reported import Candidate

__all__ = ["find_labelled_lines"]

MAX_LABEL_WORDS = 6
MIN_CONTENT_WORDS = 2
_LINE = re.compile(r"[^\n]+")
# A label is title-like: capitalised words, with a few lowercase joining words allowed.
_JOINERS = {"of", "at", "on", "to", "the", "and", "from", "in", "for", "with", "de", "van", "von"}
_LEAD_DASHES = re.compile(r"^.*\s[–—-]\s")


@lru_cache(maxsize=1)
def label_stopwords() -> frozenset[str]:
    """Labels that are not speakers (`Editor's note:`), from the package data file."""
    text = resources.files("tacitus.quotes").joinpath("data", "label_stopwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _speaker_label(label: str) -> str | None:
    """The speaker part of a label, or None when the label does not look like a name."""
    label = _LEAD_DASHES.sub("", label).strip()
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or label.lower() in label_stopwords():
        return None
    if not words[0][0].isupper() or any(ch in label for ch in ".!?\"“”"):
        return None
    if not all(w[0].isupper() or w.lower() in _JOINERS or not w[0].isalpha() for w in words):
        return None
    return label


def find_labelled_lines(doc: Doc) -> list[Candidate]:
    """One candidate for each line that reads `Name: text`, the name being the speaker."""
    found: list[Candidate] = []
    text = doc.text
    for line in _LINE.finditer(text):
        colon = line.group().find(": ")
        if colon <= 0:
            continue
        label = _speaker_label(line.group()[:colon])
        content_start = line.start() + colon + 2
        content = text[content_start : line.end()].rstrip()
        if label is None or len(content.split()) < MIN_CONTENT_WORDS:
            continue
        label_start = line.start() + colon - len(label)
        speaker = doc.char_span(label_start, line.start() + colon, alignment_mode="expand")
        if speaker is None:
            continue
        lead = len(content) - len(content.lstrip())
        found.append(Candidate(content_start + lead, content_start + len(content), None, speaker, "label"))
    return found
