"""What an appeal, intent, demand or refusal is about refines its code (call to hold elections → 0241)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from tacitus.cameo import code_info

__all__ = ["as_threat", "refine_by_content"]


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = resources.files("tacitus.events").joinpath("data", "content.json").read_text(encoding="utf-8")
    rules: dict[str, Any] = json.loads(text)
    return rules


def _known(code: str) -> bool:
    return code_info(code).goldstein is not None


def refine_by_content(announcing: str, content: str) -> str | None:
    """The refined code of a plain announcing code (020, 030, 100, 120) whose
    complement codes `content`; None when the pair does not refine."""
    rules = _rules()
    if announcing not in rules["plain_codes"]:
        return None
    root = announcing[:2]
    table = rules["reject"] if root == "12" else rules["by_content"]
    for length in (4, 3, 2):
        key = content[:length]
        if len(key) == length and key in table:
            code = table[key] if root == "12" else root + table[key]
            while len(code) > 3 and not _known(code):
                code = code[:-1]
            return code if _known(code) else None
    return None


def as_threat(code: str) -> str | None:
    """The threat (13x) an announced conflict act is ("will impose sanctions" → 1312)."""
    table = _rules()["threat"]
    for length in (4, 3, 2):
        key = code[:length]
        if len(key) == length and key in table and _known(table[key]):
            return str(table[key])
    return None
