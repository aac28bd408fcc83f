"""Reader of TABARI/PETRARCH actor dictionaries: names, ``+synonyms`` and dated codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tacitus.dictionaries.codes import check_actor_code
from tacitus.dictionaries.lines import (
    ProblemLog,
    SourceLine,
    make_phrase,
    parse_dictionary_date,
    read_source_lines,
)
from tacitus.dictionaries.model import ActorDictionary, ActorEntry, DatedCode, Phrase

__all__ = ["index_actors", "read_actors"]

# [CODE], [CODE <date], [CODE >date], [CODE date-date]; CODE may be A/B/C.
_BRACKET = re.compile(
    r"^(?P<code>[^\s<>]+)\s*"
    r"(?:(?P<op>[<>])\s*(?P<day>\S+)|(?P<first>\d+)\s*-\s*(?P<last>\d+))?$"
)


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


class _CodeLineError(ValueError):
    """A code bracket that cannot be used; the message is the reason."""


class _DateRangeError(_CodeLineError):
    """A code bracket whose date range cannot be read: the set cannot be trusted
    (PETRARCH would apply the code on the wrong days), so loading stops."""


# A bracket that holds a code and something date-like but no readable range: [MNEGOV 20121204].
_DATE_LIKE = re.compile(r"^\S+\s+.*\d")


@dataclass
class _Draft:
    names: list[Phrase]
    line: int
    text: str
    codes: list[DatedCode] = field(default_factory=list)
    groups: int = 0


def read_actors(path: Path, problems: ProblemLog) -> list[ActorEntry]:
    """Read one actor file into ActorEntries (not yet indexed).

    An entry is a primary line ``NAME_ [CODE]``, its ``+SYNONYM`` lines and its
    indented ``[CODE dates]`` lines. ``<date`` means up to and including the
    date, ``>date`` from it on, ``a-b`` both inclusive (PETRARCH: "everything
    is interpreted as 'or equal'").
    """
    entries: list[ActorEntry] = []
    draft: _Draft | None = None
    for line in read_source_lines(path, problems):
        text = line.text.strip()
        if "---STOP---" in text:
            break
        if text.startswith("["):
            if draft is None:
                problems.error(line.number, "code line before any actor name", line.raw)
            else:
                _add_codes(draft, text, line, problems)
        elif text.startswith("+"):
            if draft is None:
                problems.error(line.number, "synonym before any actor name", line.raw)
            else:
                _add_synonym(draft, text, line, problems)
        else:
            _finish(draft, entries, problems)
            draft = _start(text, line, problems)
    _finish(draft, entries, problems)
    return entries


def _start(text: str, line: SourceLine, problems: ProblemLog) -> _Draft | None:
    name, _, rest = text.partition("[")
    phrase = make_phrase(name)
    if not phrase.words:
        problems.error(line.number, "actor line has no name", line.raw)
        return None
    draft = _Draft([phrase], line.number, line.raw)
    if rest:
        _add_codes(draft, "[" + rest, line, problems)
    return draft


def _add_synonym(draft: _Draft, text: str, line: SourceLine, problems: ProblemLog) -> None:
    name, bracket, _ = text[1:].partition("[")
    if bracket:
        problems.warning(
            line.number, "code on a synonym line is ignored: codes belong to the entry", line.raw
        )
    phrase = make_phrase(name)
    if not phrase.words:
        problems.error(line.number, "empty synonym", line.raw)
        return
    draft.names.append(phrase)


def _add_codes(draft: _Draft, text: str, line: SourceLine, problems: ProblemLog) -> None:
    """Every ``[...]`` of `text`: one line may carry several (``[IGOUNO 820101-911231] [ELI]``)."""
    if text.count("[") != text.count("]"):
        problems.error(line.number, "unbalanced [ ] in the code", line.raw)
        return
    if _BRACKETS.sub("", text).strip():
        problems.warning(line.number, "text beside the codes is ignored", line.raw)
    for inner in _BRACKETS.findall(text):
        try:
            codes, start, end = _parse_bracket(inner)
        except _DateRangeError as exc:
            problems.fatal(
                line.number,
                str(exc),
                "write the range as [CODE YYYYMMDD-YYYYMMDD], [CODE <YYYYMMDD] or [CODE >YYYYMMDD]",
            )
        except _CodeLineError as exc:
            problems.error(line.number, str(exc), line.raw)
            continue
        for code in codes:
            reason = check_actor_code(code)
            if reason:
                problems.warning(line.number, reason, line.raw)
            problems.note_code(code, line.number, line.raw)
        draft.groups += 1
        draft.codes.extend(DatedCode(code, start, end, draft.groups) for code in codes)


def _parse_bracket(inner: str) -> tuple[list[str], date | None, date | None]:
    match = _BRACKET.match(inner.strip())
    if not match:
        error = _DateRangeError if _DATE_LIKE.match(inner.strip()) else _CodeLineError
        raise error(f"code [{inner.strip()}] is not [CODE], [CODE <date], [CODE >date] or [CODE date-date]")
    codes = [c.strip().upper() for c in match["code"].split("/")]
    if not all(codes):
        raise _CodeLineError(f"empty code in [{inner.strip()}]")
    start = end = None
    try:
        if match["op"] == "<":
            end = parse_dictionary_date(match["day"])
        elif match["op"] == ">":
            start = parse_dictionary_date(match["day"])
        elif match["first"]:
            start = parse_dictionary_date(match["first"])
            end = parse_dictionary_date(match["last"])
    except ValueError as exc:
        raise _DateRangeError(str(exc)) from exc
    if start and end and end < start:
        raise _DateRangeError(f"date range of [{inner.strip()}] ends before it starts")
    return codes, start, end


def _finish(draft: _Draft | None, entries: list[ActorEntry], problems: ProblemLog) -> None:
    if draft is None:
        return
    if not draft.codes:
        problems.error(draft.line, "actor has no code: entry skipped", draft.text)
        return
    entries.append(ActorEntry(tuple(draft.names), tuple(draft.codes), problems.origin(draft.line)))


def index_actors(entries: list[ActorEntry]) -> ActorDictionary:
    """ActorDictionary with `by_first_word`: each list longest phrase first, then
    in file order, so a matcher can take the first phrase that fits."""
    actors = ActorDictionary(entries=entries)
    index = actors.by_first_word
    for entry in entries:
        for phrase in entry.names:
            index.setdefault(phrase.words[0], []).append((phrase, entry))
    for candidates in index.values():
        candidates.sort(key=lambda item: -len(item[0].words))
    return actors
