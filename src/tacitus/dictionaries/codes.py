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


def rare_blocks(codes: list[str]) -> dict[str, list[str]]:
    """Codes holding a block that no CAMEO table knows and no other code of the
    set uses: the likely typos (IGOUNOAIE beside ten IGOUNOIAE). Maps each such
    code to its rare blocks. The set's own usage stands in for the full CAMEO
    manual: a block two codes share (IGOEUREEC, IGOWSTNAT) is taken as real."""
    known = known_actor_blocks()
    users: dict[str, set[str]] = {}
    for code in codes:
        if code in SPECIAL_ACTOR_CODES or len(code) % 3 or not _SHAPE.match(code):
            continue
        for i in range(0, len(code), 3):
            users.setdefault(code[i : i + 3], set()).add(code)
    flagged: dict[str, list[str]] = {}
    for block, holders in sorted(users.items()):
        if block not in known and len(holders) == 1:
            flagged.setdefault(next(iter(holders)), []).append(block)
    return flagged
