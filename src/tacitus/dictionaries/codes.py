"""Checks of CAMEO actor codes read from dictionaries: shape and known 3-letter blocks."""

from __future__ import annotations

import re
from functools import lru_cache

from tacitus.cameo import actor_types, countries

__all__ = ["SPECIAL_ACTOR_CODES", "check_actor_code", "known_actor_blocks", "rare_blocks"]

# TABARI's null/placeholder codes: --- unknown, ### null (old discard), +++ unspecified.
SPECIAL_ACTOR_CODES = frozenset({"---", "###", "+++"})
_SHAPE = re.compile(r"^[A-Z0-9]+$")


@lru_cache(maxsize=1)
def known_actor_blocks() -> frozenset[str]:
    """The 3-letter blocks of the CAMEO tables: countries (and the blocks of
    6-letter codes such as USAASM), roles and types, regions, IGO, NGO, …"""
    blocks: set[str] = set(actor_types())
    for code in countries():
        blocks.update(code[i : i + 3] for i in range(0, len(code), 3))
    return frozenset(blocks)


def check_actor_code(code: str) -> str | None:
    """Why `code` looks wrong on its own, or None: characters other than letters
    and digits, or a length that is not a multiple of 3."""
    if code in SPECIAL_ACTOR_CODES:
        return None
    if not _SHAPE.match(code):
        return f"actor code {code} has characters other than letters and digits"
    if len(code) % 3:
        return f"actor code {code} is not made of 3-letter blocks"
    return None


def rare_blocks(uses: dict[str, int]) -> dict[str, tuple[list[str], list[str]]]:
    """Codes holding a block that no CAMEO table knows and that occurs in one
    code line only, across the whole set: where typos hide (IGOUNOAIE beside ten
    IGOUNOIAE lines). `uses` maps each code to the number of lines it is on.

    Returns code → (its rare blocks, known blocks each rare block is a swap of
    two adjacent letters from). The set's own usage stands in for the CAMEO
    manual's long IGO/NGO lists: a block on two lines (IGOEUREEC) is taken as real.
    """
    known = known_actor_blocks()
    occurrences: dict[str, int] = {}
    for code, count in uses.items():
        for block in _blocks(code):
            occurrences[block] = occurrences.get(block, 0) + count
    common = known | {block for block, count in occurrences.items() if count > 1}
    flagged: dict[str, tuple[list[str], list[str]]] = {}
    for code in sorted(uses):
        rare = [b for b in _blocks(code) if b not in known and occurrences[b] == 1]
        if rare:
            hints = sorted({swap for b in rare for swap in _swaps(b) if swap in common})
            flagged[code] = (rare, hints)
    return flagged


def _blocks(code: str) -> list[str]:
    if code in SPECIAL_ACTOR_CODES or len(code) % 3 or not _SHAPE.match(code):
        return []
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _swaps(block: str) -> set[str]:
    """The block with two adjacent letters swapped (AIE → IAE, AEI)."""
    return {block[:i] + block[i + 1] + block[i] + block[i + 2 :] for i in range(len(block) - 1)}
