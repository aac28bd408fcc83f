"""Reader of PETRARCH agent dictionaries: role words (``MINISTER [~GOV]``), plurals, macros."""

from __future__ import annotations

import re
from pathlib import Path

from tacitus.dictionaries.codes import check_actor_code
from tacitus.dictionaries.inflect import noun_plural
from tacitus.dictionaries.lines import ProblemLog, SourceLine, make_phrase, read_source_lines
from tacitus.dictionaries.model import AgentEntry, Phrase

__all__ = ["read_agents"]

_MACRO_DEFINITION = re.compile(r"^!(?P<name>[^!\s]+)!\s*=\s*(?P<items>.*)$")
_MACRO_USE = re.compile(r"!([^!\s]*)!")


def read_agents(path: Path, problems: ProblemLog) -> list[AgentEntry]:
    """Read an agents file.

    ``PHRASE {PLURAL} [~CODE]``: ``~CODE`` follows the country (``[~GOV]``),
    ``CODE~`` precedes it (``[NGO~]``). Without ``{…}`` the regular plural is
    added; ``{}`` adds none. ``!NAME! = A, B`` defines a macro; a phrase using
    ``!NAME!`` yields one entry per item and no further plural (PETRARCH rules).
    """
    macros: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for line in read_source_lines(path, problems):
        text = line.text.strip()
        definition = _MACRO_DEFINITION.match(text)
        if definition:
            items = [i.strip() for i in definition["items"].split(",") if i.strip()]
            if not items:
                problems.error(line.number, "macro definition has no items", line.raw)
            macros[definition["name"].upper()] = [i.upper() for i in items]
            continue
        entries.extend(_read_agent_line(text, line, macros, problems))
    return entries


def _read_agent_line(
    text: str, line: SourceLine, macros: dict[str, list[str]], problems: ProblemLog
) -> list[AgentEntry]:
    name, bracket, rest = text.partition("[")
    if not bracket:
        problems.error(line.number, "agent has no [~CODE]", line.raw)
        return []
    if "]" not in rest:
        problems.error(line.number, "unbalanced [ without ]", line.raw)
        return []
    code_text = rest.partition("]")[0].strip().upper()
    if code_text.startswith("~") and not code_text.endswith("~"):
        code, prefix = code_text[1:].strip(), False
    elif code_text.endswith("~") and not code_text.startswith("~"):
        code, prefix = code_text[:-1].strip(), True
    else:
        problems.error(line.number, f"agent code [{code_text}] is not [~CODE] or [CODE~]", line.raw)
        return []
    reason = check_actor_code(code) if code else "empty agent code"
    if reason:
        problems.warning(line.number, reason, line.raw)
    problems.note_code(code, line.number, line.raw)
    origin = problems.origin(line.number)
    try:
        forms = _agent_forms(name, macros)
    except ValueError as exc:
        problems.error(line.number, str(exc), line.raw)
        return []
    return [AgentEntry(phrase, code, prefix, origin, plural) for phrase, plural in forms]


def _agent_forms(name: str, macros: dict[str, list[str]]) -> list[tuple[Phrase, bool]]:
    """(phrase, is_plural) pairs of one agent line's name part."""
    if "!" in name:
        if name.count("!") % 2:
            raise ValueError("unpaired '!' in a macro use such as !PERSON!")
        return [(make_phrase(text), False) for text in _expand_macros(name.strip(), macros)]
    if "{" in name or "}" in name:
        if name.count("{") != 1 or name.count("}") != 1 or name.index("{") > name.index("}"):
            raise ValueError("unbalanced { } around the plural")
        singular, _, plural_part = name.partition("{")
        phrase = make_phrase(singular)
        if not phrase.words:
            raise ValueError("agent has no phrase before { }")
        plural_text = plural_part.partition("}")[0].strip()
        forms = [(phrase, False)]
        if plural_text:
            forms.append((make_phrase(plural_text), True))
        return forms
    phrase = make_phrase(name)
    if not phrase.words:
        raise ValueError("agent has no phrase")
    forms = [(phrase, False)]
    plural = noun_plural(phrase.words[-1])
    if plural:
        forms.append((Phrase((*phrase.words[:-1], plural), phrase.stem), True))
    return forms


def _expand_macros(text: str, macros: dict[str, list[str]]) -> list[str]:
    match = _MACRO_USE.search(text)
    if not match:
        return [text]
    name = match.group(1).upper()
    if name not in macros:
        raise ValueError(f"macro !{name}! is used but never defined (define: !{name}! = A, B)")
    expanded: list[str] = []
    for item in macros[name]:
        expanded.extend(_expand_macros(text[: match.start()] + item + text[match.end() :], macros))
    return expanded
