"""The one floors format and gate: figures below a floor fail, floors only rise, lowering needs a reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.evaluate.floors import FloorFile, floor_for

TESTS = Path(__file__).parent
ROOT = TESTS.parent


@pytest.fixture
def floors_file(tmp_path: Path) -> Path:
    path = tmp_path / "stage.json"
    data = {"epsilon": 0.005, "gates": {"dev": {"gold": "data/eval/x.jsonl", "floors": {"f1": 0.6}}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_evaluate_floors_failures_below_floor_or_missing(floors_file: Path) -> None:
    floors = FloorFile.read(floors_file)
    assert floors.failures("dev", {"f1": 0.6, "recall": 0.1}) == []
    assert floors.failures("dev", {"f1": 0.5999}) == ["dev f1 fell to 0.5999 (floor 0.6)"]
    assert floors.failures("dev", {"recall": 0.9}) == ["dev f1: not measured (floor 0.6)"]


def test_evaluate_floors_floor_is_measured_less_epsilon() -> None:
    assert floor_for(0.63, 0.005) == 0.625
    assert floor_for(0.81237, 0.005) == 0.8073  # rounded down, never up past measured - epsilon


def test_evaluate_floors_pin_raises_never_lowers_without_reason(floors_file: Path) -> None:
    floors = FloorFile.read(floors_file)
    assert floors.pin("dev", {"f1": 0.7}) == ["dev f1: floor 0.6 -> 0.695"]
    lines = floors.pin("dev", {"f1": 0.5})
    assert floors.floors("dev") == {"f1": 0.695}
    assert lines == ["dev f1: measured 0.5000 is below floor 0.695; kept (no reason)"]
    floors.write()
    assert FloorFile.read(floors_file).floors("dev") == {"f1": 0.695}


def test_evaluate_floors_lowering_takes_a_reason_kept_in_the_file(floors_file: Path) -> None:
    floors = FloorFile.read(floors_file)
    floors.pin("dev", {"f1": 0.5}, lower_reason="gold file re-annotated")
    floors.write()
    again = FloorFile.read(floors_file)
    assert again.floors("dev") == {"f1": 0.495}
    assert again.data["lowered"] == [
        {"gate": "dev", "figure": "f1", "from": 0.6, "to": 0.495, "reason": "gold file re-annotated"}
    ]


def test_evaluate_floors_command_refuses_to_lower_without_reason(floors_file: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, str(ROOT / "benchmarks" / "floors.py"), str(floors_file), "dev"]
    refused = subprocess.run([*command, "f1=0.3"], env=env, capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "kept (no reason)" in refused.stdout
    assert FloorFile.read(floors_file).floors("dev") == {"f1": 0.6}
    lowered = subprocess.run(
        [*command, "f1=0.3", "--lower-reason", "new gold"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lowered.returncode == 0, lowered.stderr
    assert FloorFile.read(floors_file).floors("dev") == {"f1": 0.295}


def test_evaluate_floors_every_floors_file_in_the_one_format() -> None:
    files = sorted((TESTS / "floors").glob("*.json"))
    assert [f.stem for f in files] == ["coder", "ingest", "places", "quotes"]
    stray = [p for p in TESTS.rglob("*floor*.json") if p.parent != TESTS / "floors"]
    assert stray == []
    for path in files:
        floors = FloorFile.read(path)
        for gate in floors.gates():
            entry = floors.gate(gate)
            assert entry["gold"] and entry["floors"], (path.name, gate)
            assert all(0 < value <= 1 for value in entry["floors"].values()), (path.name, gate)
            measured = entry.get("measured", {})
            assert all(measured[k] >= v for k, v in entry["floors"].items() if k in measured), (path, gate)


def test_evaluate_floors_no_test_writes_floors() -> None:
    """Gold tests read floors; only benchmarks/floors.py (and a stage's --write-floors) pins them."""
    writers = [
        path.name
        for path in TESTS.glob("test_*.py")
        if path.name != Path(__file__).name
        and any(word in path.read_text(encoding="utf-8") for word in (".pin(", "UPDATE_FLOORS"))
    ]
    assert writers == []
