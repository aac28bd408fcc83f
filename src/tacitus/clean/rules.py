"""Loads and validates the cleaning rules data file (`patterns.toml`) once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tacitus.errors import TacitusError

__all__ = ["CleaningRules", "LineRule", "ReplaceRule", "TitleRule", "load_rules"]

RULE_KINDS = ("drop_line", "strip_prefix", "strip_suffix", "replace")


class CleaningRulesError(TacitusError):
    """The cleaning rules file is missing a key or holds a bad regular expression."""

    code = "E050"


@dataclass(frozen=True, slots=True)
class LineRule:
    """A drop_line or strip_prefix rule: a name, why it exists and its compiled pattern."""

    name: str
    why: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ReplaceRule:
    """A character-level normalisation: every match of `regex` becomes `replacement`."""

    name: str
    why: str
    regex: re.Pattern[str]
    replacement: str
    fields: bool = False  # also applied to the metadata a source gives (title, source, …)


@dataclass(frozen=True, slots=True)
class TitleRule:
    """How a first line must look to be taken as the headline."""

    max_chars: int = 200
    max_words: int = 30
    min_words: int = 3


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """All cleaning rules, in the order they are applied."""

    drop_line: tuple[LineRule, ...]
    strip_prefix: tuple[LineRule, ...]
    strip_suffix: tuple[LineRule, ...]
    replace: tuple[ReplaceRule, ...]
    title: TitleRule
    source: str


def _compile(entry: dict[str, object], kind: str, source: str) -> re.Pattern[str]:
    name = entry.get("name", "?")
    pattern = entry.get("pattern")
    if not isinstance(pattern, str):
        raise CleaningRulesError(f"{source}: [[{kind}]] rule {name!r} has no 'pattern' string - add one")
    flags = 0 if entry.get("case") else re.IGNORECASE
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise CleaningRulesError(
            f"{source}: [[{kind}]] rule {name!r} has a bad regular expression ({exc}) - fix the pattern"
        ) from exc


def _line_rules(data: dict[str, list[dict[str, object]]], kind: str, source: str) -> tuple[LineRule, ...]:
    rules = []
    for entry in data.get(kind, []):
        if not isinstance(entry.get("name"), str):
            raise CleaningRulesError(f"{source}: a [[{kind}]] rule has no 'name' - add one")
        regex = _compile(entry, kind, source)
        rules.append(LineRule(str(entry["name"]), str(entry.get("why", "")), regex))
    return tuple(rules)


def _replace_rules(data: dict[str, list[dict[str, object]]], source: str) -> tuple[ReplaceRule, ...]:
    rules = []
    for entry in data.get("replace", []):
        regex = _compile(entry, "replace", source)
        if not isinstance(entry.get("with"), str):
            raise CleaningRulesError(
                f"{source}: [[replace]] rule {entry.get('name')!r} has no 'with' string - add one"
            )
        rules.append(
            ReplaceRule(
                str(entry["name"]),
                str(entry.get("why", "")),
                regex,
                str(entry["with"]),
                fields=entry.get("fields") is True,
            )
        )
    return tuple(rules)


def parse_rules(text: str, source: str = "patterns.toml") -> CleaningRules:
    """Parse and validate a rules file's text.

    Raises:
        CleaningRulesError: a rule lacks a key or its regular expression does not compile.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CleaningRulesError(f"{source}: not valid TOML ({exc}) - fix the syntax") from exc
    title = TitleRule(**data.get("title", {}))
    return CleaningRules(
        drop_line=_line_rules(data, "drop_line", source),
        strip_prefix=_line_rules(data, "strip_prefix", source),
        strip_suffix=_line_rules(data, "strip_suffix", source),
        replace=_replace_rules(data, source),
        title=title,
        source=source,
    )


@lru_cache(maxsize=8)
def load_rules(path: str | None = None) -> CleaningRules:
    """The cleaning rules: the packaged `patterns.toml`, or a user file at `path`."""
    if path is None:
        text = resources.files("tacitus.clean").joinpath("patterns.toml").read_text("utf-8")
        return parse_rules(text, "tacitus/clean/patterns.toml")
    file = Path(path)
    if not file.is_file():
        raise CleaningRulesError(
            f"cleaning rules file {path} does not exist - give the path of a patterns.toml"
        )
    return parse_rules(file.read_text("utf-8"), str(file))
