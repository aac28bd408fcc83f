"""Comments and docs cite what a reader of the repository can follow: no "STYLE 22" or "issue 12"
(the style guide's numbering and the tracker are not part of the repository)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRIVATE_REFERENCE = re.compile(r"\bSTYLE \d+\b|\b[Ii]ssues? \d+\b")
FOLDERS = ("src", "tests", "benchmarks", "docs")
SUFFIXES = {".py", ".md", ".toml", ".sql", ".json", ".tsv", ".txt", ".js", ".html", ".css"}


def _files() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "Makefile"]
    for folder in FOLDERS:
        found += [
            p for p in (ROOT / folder).rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts
        ]
    return sorted(p for p in found if p.name != Path(__file__).name)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_references_are_public(path):
    if path.stat().st_size > 2_000_000:  # dictionaries and gazetteer data: no comments of ours
        pytest.skip("data file")
    text = path.read_text(encoding="utf-8", errors="replace")
    hits = [m.group(0) for m in PRIVATE_REFERENCE.finditer(text)]
    assert not hits, f"{path.relative_to(ROOT)} cites {hits}: say the reason instead"
