"""The README's coder figures are the ones docs/coder.md reports: one set of numbers, not two."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d+\.\d+")


def _eval_rows() -> list[tuple[str, str]]:
    """(what, figure) of each README measured row produced by `tacitus eval`."""
    rows = []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if len(cells) == 3 and cells[2].startswith("`tacitus eval"):
            rows.append((cells[0], cells[1]))
    return rows


def test_docs_figures_readme_has_eval_rows():
    assert len(_eval_rows()) >= 4, "the README's Measured table lost its tacitus eval rows"


@pytest.mark.parametrize(("what", "figure"), _eval_rows(), ids=[row[0][:40] for row in _eval_rows()])
def test_docs_figures_readme_agrees_with_coder_doc(what, figure):
    coder_doc = (ROOT / "docs" / "coder.md").read_text(encoding="utf-8")
    missing = [n for n in NUMBER.findall(figure) if n not in coder_doc]
    assert not missing, f"README says {missing} for {what!r}; docs/coder.md does not"
