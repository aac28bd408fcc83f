"""Cleans extracted article text: drops scraping residue, normalises characters, finds a title."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tacitus.clean.rules import CleaningRules, TitleRule, load_rules

__all__ = ["FIELDS", "CleanResult", "Removal", "clean_field", "clean_text"]

# The metadata a source may give that `[[replace]]` rules with `fields = true` also clean.
FIELDS = ("title", "source", "author", "url", "id")

# Residue lines are short; longer lines are never tested against drop rules, which
# keeps the cost linear on a 10 MB single-line input and protects real paragraphs.
MAX_RESIDUE_CHARS = 300
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\v\f]")
SENTENCE_END = tuple(".!?;,\"')]…")


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing cleaning took out: the rule, the 1-based input line and the text removed.

    `kind` is ``drop`` (whole line), ``strip`` (residue glued onto a line) or
    ``title`` (the first line moved from the text to the title); a ``strip`` removes
    residue glued onto the start (`strip_prefix` rules) or end (`strip_suffix`) of a line.
    """

    kind: str
    rule: str
    line: int
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "rule": self.rule, "line": self.line, "text": self.text}


@dataclass(slots=True)
class CleanResult:
    """Cleaned text, the title found (if any), each removal and per-rule replacement counts."""

    text: str
    title: str | None
    removals: list[Removal] = field(default_factory=list)
    replacements: dict[str, int] = field(default_factory=dict)


def _normalise(line: str, rules: CleaningRules, counts: dict[str, int]) -> str:
    for rule in rules.replace:
        line, n = rule.regex.subn(rule.replacement, line)
        if n:
            counts[rule.name] = counts.get(rule.name, 0) + n
    return line.strip()


def clean_field(
    value: str | None, rules: CleaningRules | None = None, counts: dict[str, int] | None = None
) -> str | None:
    """A metadata field (`FIELDS`) with the `fields = true` replace rules applied (bidi controls
    dropped), the replacements added to `counts`; None stays None."""
    if value is None:
        return None
    rules = rules or load_rules()
    for rule in rules.replace:
        if rule.fields:
            value, n = rule.regex.subn(rule.replacement, value)
            if n and counts is not None:
                counts[rule.name] = counts.get(rule.name, 0) + n
    return value


def _dropping_rule(line: str, rules: CleaningRules) -> str | None:
    if len(line) > MAX_RESIDUE_CHARS:
        return None
    for rule in rules.drop_line:
        if rule.regex.fullmatch(line):
            return rule.name
    return None


def _strip_prefixes(line: str, number: int, rules: CleaningRules, removals: list[Removal]) -> str:
    for rule in rules.strip_prefix:
        match = rule.regex.match(line)
        if match and 0 < match.end() < len(line):
            removals.append(Removal("strip", rule.name, number, match.group()))
            line = line[match.end() :].lstrip()
    return line


def _strip_suffixes(line: str, number: int, rules: CleaningRules, removals: list[Removal]) -> str:
    for rule in rules.strip_suffix:
        match = rule.regex.search(line, max(0, len(line) - MAX_RESIDUE_CHARS))
        if match and match.start() > 0 and match.end() == len(line):
            removals.append(Removal("strip", rule.name, number, match.group().strip()))
            line = line[: match.start()].rstrip()
    return line


def _looks_like_title(line: str, rule: TitleRule) -> bool:
    words = len(line.split())
    return (
        len(line) <= rule.max_chars
        and rule.min_words <= words <= rule.max_words
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith(SENTENCE_END)
    )


def _same_words(left: str, right: str) -> bool:
    return left.split() == right.split()


def _take_title(
    kept: list[tuple[int, str]], title: str | None, rules: CleaningRules, removals: list[Removal]
) -> str | None:
    body = [(n, line) for n, line in kept if line]
    if not body:
        return title
    number, first = body[0]
    if title is not None:
        # Sources that give a title often repeat it as the first line of the text.
        if _same_words(first, unicodedata.normalize("NFC", title)):
            removals.append(Removal("title", "repeated_title", number, first))
            kept.remove((number, first))
        return title
    if len(body) > 1 and _looks_like_title(first, rules.title):
        removals.append(Removal("title", "first_line_title", number, first))
        kept.remove((number, first))
        return first
    return None


def _join(kept: list[tuple[int, str]]) -> str:
    lines: list[str] = []
    for _, line in kept:
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def clean_text(
    text: str,
    *,
    title: str | None = None,
    detect_title: bool = True,
    rules: CleaningRules | None = None,
) -> CleanResult:
    """Clean one article's extracted text.

    Args:
        text: the text as extracted (plain text, or trafilatura output for HTML).
        title: the title the source gives, if any; a first line repeating it is removed, and
            the `fields = true` replace rules clean it (`clean_field`).
        detect_title: when no title is given, take a headline-like first line as the title.
        rules: the cleaning rules (default: the packaged `patterns.toml`).

    Returns:
        The cleaned text (blank lines between paragraphs kept, at most one), the title,
        every removal with its rule and line, and per-rule replacement counts.
    """
    rules = rules or load_rules()
    removals: list[Removal] = []
    counts: dict[str, int] = {}
    kept: list[tuple[int, str]] = []
    title = clean_field(title, rules, counts)
    text = unicodedata.normalize("NFC", NEWLINES.sub("\n", text))
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _normalise(raw, rules, counts)
        if not line:
            kept.append((number, ""))
            continue
        dropped_by = _dropping_rule(line, rules)
        if dropped_by:
            removals.append(Removal("drop", dropped_by, number, line))
            continue
        line = _strip_prefixes(line, number, rules, removals)
        kept.append((number, _strip_suffixes(line, number, rules, removals)))
    if detect_title or title is not None:
        title = _take_title(kept, title, rules, removals)
    return CleanResult(_join(kept), title, removals, counts)
