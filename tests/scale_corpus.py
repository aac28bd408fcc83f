"""Short synthetic wire reports for the scale tests (written for Tacitus, seeded, no corpus text).

Each article is three sentences picked at random from templates, so texts differ well
beyond the near-duplicate threshold; some sentences carry events, some do not.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ACTORS = [
    "Russian President Vladimir Putin",
    "Chinese Foreign Minister Wang Yi",
    "Israeli troops",
    "Iranian officials",
    "The United Nations",
    "French President Emmanuel Macron",
    "German Chancellor Olaf Scholz",
    "Turkish police",
    "Indian Prime Minister Narendra Modi",
    "Pakistani militants",
    "The European Union",
    "Egyptian President Abdel Fattah el-Sisi",
    "Japanese Prime Minister Fumio Kishida",
    "North Korean soldiers",
    "Ukrainian forces",
    "Brazilian President Luiz Inacio Lula da Silva",
    "Syrian rebels",
    "Saudi officials",
]
VERBS = [
    "met with",
    "accused",
    "criticized",
    "signed an agreement with",
    "attacked",
    "praised",
    "threatened",
    "called for talks with",
    "imposed sanctions on",
    "rejected a proposal from",
    "visited",
    "condemned",
    "promised aid to",
    "arrested supporters of",
]
FILLERS = [
    "Markets were calm in early trading.",
    "The weather in the capital was mild.",
    "Analysts expect more meetings later this year.",
    "No further details were released.",
    "Officials declined to comment on the talks.",
    "Shares of local banks rose slightly.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(FILLERS)
    source, target = rng.sample(ACTORS, 2)
    day = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
    return f"{source} {rng.choice(VERBS)} {target[0].lower() + target[1:]} on {day}."


def articles(count: int, *, seed: int = 8) -> list[dict[str, str]]:
    """`count` JSONL-style records with unique ids, dates and three-sentence texts."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        text = " ".join(_sentence(rng) for _ in range(3))
        records.append(
            {
                "id": f"scale-{number:04d}",
                "date": f"2021-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                "text": text,
                "source": "Tacitus wire",
            }
        )
    return records


def write_inputs(directory: Path, count: int, *, text_files: int = 100) -> list[str]:
    """`count` articles: `text_files` as .txt files, the rest in two JSONL files."""
    records = articles(count)
    directory.mkdir(parents=True, exist_ok=True)
    texts = directory / "texts"
    texts.mkdir(exist_ok=True)
    for record in records[:text_files]:
        (texts / f"{record['id']}.txt").write_text(record["text"] + "\n", encoding="utf-8")
    rest = records[text_files:]
    half = len(rest) // 2
    for name, part in (("wire-a.jsonl", rest[:half]), ("wire-b.jsonl", rest[half:])):
        (directory / name).write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    return [str(texts), str(directory / "wire-a.jsonl"), str(directory / "wire-b.jsonl")]
