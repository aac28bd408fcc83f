"""`Speaker: what they said` lines: headlines ("Lavrov: Russia is ready …") and transcripts."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from tacitus.quotes.lexicon import CueLexicon
from tacitus.quotes.reported import Candidate

__all__ = ["find_headline_cues", "find_labelled_lines"]

MAX_LABEL_WORDS = 6
MIN_CONTENT_WORDS = 2
_LINE = re.compile(r"[^\n]+")
# A label is title-like: capitalised words, with a few lowercase joining words allowed.
_JOINERS = {"of", "at", "on", "to", "the", "and", "from", "in", "for", "with", "de", "van", "von"}
_LEAD_DASHES = re.compile(r"^.*\s[–—-]\s")
_HEADLINE_CLASSES = {"speech", "hearer", "verdict", "intent"}


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
    if not words[0][0].isupper() or any(ch in label for ch in '.!?"“”'):
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


def _cue_forms(word: str) -> list[str]:
    """Base forms a title-cased headline verb may have (`Endorses` → endorse)."""
    word = word.lower()
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return forms


def _is_headline(line: str) -> bool:
    words = line.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return 3 <= len(words) <= 20 and capitalised >= 0.6 * len(words) and not line.rstrip().endswith(".")


def find_headline_cues(doc: Doc, cues: CueLexicon) -> list[Candidate]:
    """`Blackwell Endorses Ted Cruz`: a title-cased headline whose cue the parser missed."""
    first = _LINE.search(doc.text)
    if first is None or not _is_headline(first.group()):
        return []
    span = doc.char_span(first.start(), first.end(), alignment_mode="contract")
    if span is None:
        return []
    for token in span[1:-1]:
        if not token.text[:1].isupper() or token.pos_ not in ("PROPN", "VERB", "NOUN"):
            continue
        if not any(cues.cue_class(form) in _HEADLINE_CLASSES for form in _cue_forms(token.text)):
            continue
        speaker = doc[span.start : token.i]
        content = doc[token.i + 1 : span.end]
        if ":" in speaker.text or not content.text.strip():
            return []
        return [
            Candidate(
                content.start_char,
                content.end_char,
                doc[token.i : token.i + 1],
                speaker,
                "headline",
            )
        ]
    return []
