"""Verb-pattern and code syntax of PETRARCH verb files: ``- $ * (TO +) [042:043]`` → Elements."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tacitus.dictionaries.model import Element, Phrase

__all__ = ["ParsedPattern", "PatternSyntaxError", "parse_event_code", "parse_pattern"]

_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")
_MARKERS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}
# Event codes: CAMEO digits, and the odd WEIS-era codes of the TABARI suite (174K, abc, +++, ###).
_CODE_CHARS = re.compile(r"^[0-9A-Za-z+#-]+$")


class PatternSyntaxError(ValueError):
    """A pattern or code the reader cannot use; the message is the reason."""


@dataclass(frozen=True, slots=True)
class ParsedPattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    verb_joined: bool
    synsets: tuple[str, ...]  # names referred to, for the defined-before-use check


def parse_event_code(text: str) -> tuple[str | None, str | None, bool]:
    """``042`` / ``042:043`` / ``:173`` / ``---`` → (code, reverse_code, is_null).

    ``---`` (and an empty side of ``:``) means no event in that direction.
    """
    body = text.strip()
    if not body:
        raise PatternSyntaxError("empty code []")
    parts = [p.strip() for p in body.split(":")]
    if len(parts) > 2:
        raise PatternSyntaxError(f"code [{body}] has more than one ':'")
    for part in parts:
        if part and not _CODE_CHARS.match(part):
            raise PatternSyntaxError(f"code [{body}] has characters a code cannot have")
    codes = [None if p in ("", "---") else p for p in parts]
    forward = codes[0]
    reverse = codes[1] if len(codes) == 2 else None
    return forward, reverse, forward is None and reverse is None


def split_code(line: str) -> tuple[str, str]:
    """(pattern body, code text) of a pattern line: the code is the last ``[...]``."""
    close = line.rfind("]")
    open_ = line.rfind("[", 0, close if close >= 0 else None)
    if open_ < 0 or close < open_:
        if "[" in line or "]" in line:
            raise PatternSyntaxError("unbalanced [ ] around the code")
        raise PatternSyntaxError("pattern has no code [...]")
    body = line[:open_]
    if "[" in body or "]" in body:
        raise PatternSyntaxError("more than one [ ] code on the line")
    return body, line[open_ + 1 : close]


def parse_pattern(body: str) -> ParsedPattern:
    """Elements before and after ``*`` of a pattern body (leading ``-`` removed).

    Both syntaxes share one grammar: words, markers ``$ + % ^``, ``&SYNSET``,
    ``(PREP …)``, ``{multi word}``, and ``_`` joining a word to the previous one
    (PETRARCH-1 ``IN_*``, ``*_OUT``, ``NEW_&TIETYPES_RELATIONS``).
    """
    tokens = _TOKEN.findall(body)
    _check_balance(tokens)
    elements: list[Element | str] = []
    synsets: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "(":
            close = tokens.index(")", index)
            elements.append(_prep(tokens[index + 1 : close], synsets))
            index = close + 1
            continue
        if token == "{":
            close = tokens.index("}", index)
            elements.extend(_group(tokens[index + 1 : close], synsets))
            index = close + 1
            continue
        elements.extend(_joined_parts(token, synsets, allow_verb=True))
        index += 1
    return _split_at_verb(elements, tuple(dict.fromkeys(synsets)))


def _check_balance(tokens: list[str]) -> None:
    depth = {"(": 0, "{": 0}
    closing = {")": "(", "}": "{"}
    for token in tokens:
        if token in depth:
            if depth[token] or (token == "(" and depth["{"]):
                raise PatternSyntaxError(f"nested '{token}' in a pattern")
            depth[token] += 1
        elif token in closing:
            if depth[closing[token]] == 0:
                raise PatternSyntaxError(f"unbalanced '{token}' in a pattern")
            depth[closing[token]] -= 1
    for opener, count in depth.items():
        if count:
            raise PatternSyntaxError(f"unbalanced '{opener}' in a pattern")


def _split_at_verb(items: list[Element | str], synsets: tuple[str, ...]) -> ParsedPattern:
    verbs = [i for i, item in enumerate(items) if isinstance(item, str)]
    if not verbs:
        raise PatternSyntaxError("pattern has no verb marker *")
    if len(verbs) > 1:
        raise PatternSyntaxError("pattern has more than one verb marker *")
    at = verbs[0]
    marker = items[at]
    before = tuple(e for e in items[:at] if isinstance(e, Element))
    after = tuple(e for e in items[at + 1 :] if isinstance(e, Element))
    return ParsedPattern(before, after, marker == "*joined", synsets)


def _joined_parts(token: str, synsets: list[str], *, allow_verb: bool) -> list[Element | str]:
    """``IN_AND_*_OUT`` → IN, AND(joined), verb marker (joined), OUT(joined).

    A trailing or doubled ``_`` joins nothing (PETRARCH reads ``OFF_`` as OFF).
    The verb marker is returned as the string ``"*"`` or ``"*joined"``.
    """
    items: list[Element | str] = []
    joined = False
    for part in token.split("_"):
        if not part:
            continue
        if part == "*":
            if not allow_verb:
                raise PatternSyntaxError("verb marker * inside ( ) or { }")
            items.append("*joined" if joined else "*")
        else:
            items.append(_atom(part, synsets, joined=joined))
        joined = True
    return items


def _atom(part: str, synsets: list[str], *, joined: bool) -> Element:
    if part in _MARKERS:
        return Element(_MARKERS[part], joined=joined)
    if part.startswith("&"):
        name = part[1:].rstrip("_").upper()
        if not name:
            raise PatternSyntaxError("'&' without a synset name")
        synsets.append(name)
        return Element("synset", name=name, joined=joined)
    if "*" in part:
        raise PatternSyntaxError(f"'*' glued to a word in {part!r}: join with '_' or a space")
    return Element("word", phrase=Phrase((part.upper(),)), joined=joined)


def _group(tokens: list[str], synsets: list[str]) -> list[Element]:
    """``{A B}`` → one multi-word ``word`` element; with synsets or markers inside,
    its elements, each after the first joined."""
    words = [w for token in tokens for w in token.split("_") if w]
    if not words:
        raise PatternSyntaxError("empty { } in a pattern")
    if all(w not in _MARKERS and not w.startswith("&") and "*" not in w for w in words):
        return [Element("word", phrase=Phrase(tuple(w.upper() for w in words)))]
    return [_atom(w, synsets, joined=i > 0) for i, w in enumerate(words)]


def _prep(tokens: list[str], synsets: list[str]) -> Element:
    """``(PREP object…)`` → a ``prep`` element whose children are the object's elements."""
    if not tokens or tokens[0] in "{}" or tokens[0] in _MARKERS or tokens[0].startswith("&"):
        raise PatternSyntaxError("( ) must start with a preposition")
    head, *rest = tokens
    if "*" in head or "_" in head.strip("_"):
        raise PatternSyntaxError(f"preposition {head!r} must be one word")
    children: list[Element] = []
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == "{":
            close = rest.index("}", index)
            children.extend(_group(rest[index + 1 : close], synsets))
            index = close + 1
            continue
        parts = _joined_parts(token, synsets, allow_verb=False)
        children.extend(item for item in parts if isinstance(item, Element))
        index += 1
    return Element("prep", phrase=Phrase((head.strip("_").upper(),)), children=tuple(children))
