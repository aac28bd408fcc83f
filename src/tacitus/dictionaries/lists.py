"""Readers of the phrase lists: discards, issues (with n:/v:/+ expansions) and prepositions."""

from __future__ import annotations

import re
from pathlib import Path

from tacitus.dictionaries.inflect import noun_plural, verb_forms
from tacitus.dictionaries.lines import ProblemLog, make_phrase, read_source_lines
from tacitus.dictionaries.model import DiscardEntry, IssueEntry

__all__ = ["expand_issue_phrase", "read_discards", "read_issues", "read_prepositions"]

_CATEGORY = re.compile(r'^<ISSUE\b[^>]*?CATEGORY\s*=\s*"(?P<name>[^"]*)"[^>]*>$', re.IGNORECASE)
_ISSUE_END = re.compile(r"^</ISSUE\s*>$", re.IGNORECASE)
_ISSUE_CODE = re.compile(r"^(?P<phrase>[^\[\]]+?)\s*\[(?P<code>[^\[\]]+)\]$")


def read_discards(path: Path, problems: ProblemLog) -> list[DiscardEntry]:
    """One phrase a line; ``+PHRASE`` discards the whole story. A phrase ending
    in ``_`` needs the exact last word, otherwise it is a stem (PETRARCH)."""
    entries: list[DiscardEntry] = []
    for line in read_source_lines(path, problems):
        text = line.text.strip()
        story = text.startswith("+")
        phrase = make_phrase(text[1:] if story else text)
        if not phrase.words:
            problems.error(line.number, "empty discard phrase", line.raw)
            continue
        if any(c in text for c in "[]{}"):
            problems.warning(line.number, "brackets in a discard phrase are matched literally", line.raw)
        entries.append(DiscardEntry(phrase, story, problems.origin(line.number)))
    return entries


def read_issues(path: Path, problems: ProblemLog) -> list[IssueEntry]:
    """``<ISSUE CATEGORY="…">`` sections of ``phrase [CODE]`` lines; ``~phrase``
    and ``~~phrase`` are sentence- and story-level exclusions of the section."""
    entries: list[IssueEntry] = []
    category = ""
    for line in read_source_lines(path, problems):
        text = line.text.strip()
        opening = _CATEGORY.match(text)
        if opening:
            category = opening["name"]
            continue
        if _ISSUE_END.match(text):
            category = ""
            continue
        origin = problems.origin(line.number)
        if text.startswith("~"):
            ignore = "story" if text.startswith("~~") else "sentence"
            for form in expand_issue_phrase(text.lstrip("~")):
                entries.append(IssueEntry(make_phrase(form, stems=False), "", origin, category, ignore))
            continue
        match = _ISSUE_CODE.match(text)
        if not match:
            problems.error(line.number, "issue line is not 'phrase [CODE]'", line.raw)
            continue
        code = match["code"].strip().upper()
        for form in expand_issue_phrase(match["phrase"]):
            entries.append(IssueEntry(make_phrase(form, stems=False), code, origin, category))
    return entries


def expand_issue_phrase(text: str) -> list[str]:
    """PETRARCH's issue expansions, applied until none is left: ``n:word`` adds
    the plural, ``v:word`` the -S/-ED/-ING forms, ``a+b`` gives ``a b`` and ``a-b``."""
    pending = [" ".join(text.upper().split())]
    done: list[str] = []
    while pending:
        form = pending.pop(0)
        if "+" in form:
            pending[:0] = [form.replace("+", " ", 1), form.replace("+", "-", 1)]
            continue
        marker = "N:" if "N:" in form else "V:" if "V:" in form else ""
        if not marker:
            done.append(form)
            continue
        head, _, tail = form.partition(marker)
        word, space, rest = tail.partition(" ")
        variants = [word]
        if marker == "N:":
            plural = noun_plural(word)
            variants += [plural] if plural else []
        else:
            variants += verb_forms(word)
        pending[:0] = [head + variant + space + rest for variant in variants]
    return list(dict.fromkeys(form for form in done if form.strip()))


def read_prepositions(path: Path, problems: ProblemLog) -> frozenset[str]:
    """One preposition a line, upper-cased (PETRARCH2 ships the list; the coder may
    use it to tell a prepositional object from a direct one)."""
    words: set[str] = set()
    for line in read_source_lines(path, problems):
        text = line.text.strip().upper()
        if " " in text:
            problems.warning(line.number, "preposition of several words ignored", line.raw)
            continue
        words.add(text)
    return frozenset(words)
