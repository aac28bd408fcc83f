"""Accuracy floors: the one file format and the one gate every stage's gold test checks.

A floors file (``tests/floors/<stage>.json``) holds gates; a gate names its gold file (a path
inside the development data folder, which the tests resolve and skip without), optionally the gold
file's SHA-256, and per figure a floor (and the value it was measured at)::

    {"epsilon": 0.005,
     "gates": {"real_news_dev": {"gold": "data/eval/real_news_dev.jsonl",
                                 "measured": {"exact_f1": 0.63}, "floors": {"exact_f1": 0.62}}},
     "lowered": [{"gate": ..., "figure": ..., "from": ..., "to": ..., "reason": ...}]}

The rules, in the spirit of trafilatura's evaluation gate: a figure below its floor fails its test;
pinning a new measurement sets the floor to the measured value less the file's `epsilon`, but only
ever raises it; lowering a floor takes an explicit reason, which the file keeps in `lowered`. Tests
read floors and never write them: `benchmarks/floors.py` pins measured values.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_EPSILON", "FloorFile", "floor_for"]

DEFAULT_EPSILON = 0.005


def floor_for(measured: float, epsilon: float) -> float:
    """The floor a measured value pins: less `epsilon`, rounded down to four decimals."""
    return math.floor(round((measured - epsilon) * 10_000, 6)) / 10_000


@dataclass(slots=True)
class FloorFile:
    """One floors file, read; `failures` is the gate, `pin` the only way floors change."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def read(cls, path: str | Path) -> FloorFile:
        path = Path(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("gates"), dict):
            raise ValueError(f"{path}: a floors file needs a 'gates' object")
        return cls(path, data)

    @property
    def epsilon(self) -> float:
        return float(self.data.get("epsilon", DEFAULT_EPSILON))

    def gates(self) -> list[str]:
        return sorted(self.data["gates"])

    def gate(self, name: str) -> dict[str, Any]:
        """A gate's entry: `gold`, `floors`, and any facts it records (`records`, `gold_sha256` …)."""
        return dict(self.data["gates"][name])

    def floors(self, name: str) -> dict[str, float]:
        return dict(self.data["gates"][name]["floors"])

    def gold_matches(self, name: str, gold: Path) -> bool:
        """Whether `gold` is the file the gate was measured on (True where no hash is pinned)."""
        pinned = self.data["gates"][name].get("gold_sha256")
        return pinned is None or hashlib.sha256(gold.read_bytes()).hexdigest() == pinned

    def failures(self, name: str, measured: Mapping[str, float]) -> list[str]:
        """One line per figure of the gate that is missing from `measured` or below its floor."""
        problems = []
        for figure, floor in sorted(self.floors(name).items()):
            value = measured.get(figure)
            if value is None:
                problems.append(f"{name} {figure}: not measured (floor {floor})")
            elif value < floor:
                problems.append(f"{name} {figure} fell to {value:.4f} (floor {floor})")
        return problems

    def pin(self, name: str, measured: Mapping[str, float], *, lower_reason: str | None = None) -> list[str]:
        """Record `measured` for the gate and raise each floor to measured less epsilon.

        A floor that would fall stays unless `lower_reason` is given; then it falls and the reason
        is kept in the file's `lowered` list. Returns one line per floor changed or kept. The
        caller writes the file (`write`).
        """
        gate = self.data["gates"].setdefault(name, {"floors": {}})
        floors = gate.setdefault("floors", {})
        gate["measured"] = {**gate.get("measured", {}), **{k: round(v, 4) for k, v in measured.items()}}
        lines = []
        for figure, value in sorted(measured.items()):
            new, old = floor_for(value, self.epsilon), floors.get(figure)
            if old is None or new > old:
                floors[figure] = new
                lines.append(f"{name} {figure}: floor {old} -> {new}")
            elif new < old and lower_reason:
                floors[figure] = new
                self.data.setdefault("lowered", []).append(
                    {"gate": name, "figure": figure, "from": old, "to": new, "reason": lower_reason}
                )
                lines.append(f"{name} {figure}: floor LOWERED {old} -> {new} ({lower_reason})")
            elif new < old:
                lines.append(f"{name} {figure}: measured {value:.4f} is below floor {old}; kept (no reason)")
        return lines

    def write(self) -> None:
        self.path.write_text(json.dumps(self.data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
