"""Coder output is the same, byte for byte, in processes with different string-hash seeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SHARED

# Texts with what could follow hash order: compound subjects and lists, paired and reciprocal
# codes, remembered people and pairs, several events per verb, issues and reported speech.
TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Moscow on "
    "Tuesday. The two ministers agreed to strengthen cooperation, and Lavrov said Russia would "
    "support China's position on Taiwan.",
    "France, Germany and Italy condemned the missile strikes on Kyiv and called on Russia to "
    "withdraw its troops from Ukraine. Poland and Lithuania met Ukrainian officials in Warsaw.",
    "Washington imposed new sanctions on Tehran after Iranian forces seized a British tanker. "
    "Britain's foreign secretary said London would not negotiate with Iran unless the crew was "
    "released.",
    "Protesters demonstrated in Belgrade against the election result, and police arrested dozens "
    "of opposition supporters, Serbian media reported. Kosovo accused Serbia of provoking violence.",
]
SEEDS = ("0", "4242")


def _records() -> list[dict[str, str]]:
    records = [{"id": f"own-{k}", "text": text, "date": "2023-03-14"} for k, text in enumerate(TEXTS)]
    seed = SHARED / "data" / "seed" / "000_0d8367245fda46f3.txt"
    if seed.exists():  # the seed article when the development data is here
        records.append({"id": "seed", "text": seed.read_text(encoding="utf-8"), "date": "2021-02-04"})
    return records


def _start(records: Path, hash_seed: str) -> subprocess.Popen[bytes]:
    """`tacitus code` of `records` in a process with this string-hash seed (started, not awaited)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    command = [sys.executable, "-m", "tacitus", "code", str(records), "--min-confidence", "0"]
    command.append("--include-negated")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _output(process: subprocess.Popen[bytes]) -> bytes:
    stdout, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr.decode("utf-8", "replace")[-2000:]
    return stdout


def test_coder_determinism_across_hash_seeds(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    # Both processes at once: the test costs one model load of wall time, not two.
    first, second = (_output(process) for process in [_start(records, seed) for seed in SEEDS])
    events = [json.loads(line) for line in first.splitlines()]
    # Every own text codes something, so equal outputs are equal events, not two empty ones.
    assert {f"own-{k}" for k in range(len(TEXTS))} <= {e["doc_id"] for e in events}
    assert first == second
