"""Benchmark: how many people the first-name list gives a gender, and how often it is wrong.

Usage:
    PYTHONPATH=src python benchmarks/first_names.py [--list]

Two sets of people with a known gender (m/f; groups, x, are skipped):
  table  every person of the modern office-holder table (its gender column);
  tests  the people named in ``tests/data/modern_actors/*.tsv`` (a row's text is matched
         to the table person whose name or variant it contains, longest first).
For each set: the share of people `first_name_gender` answers for (coverage) and the
number it answers wrongly (disagreements with the gender column). `--list` prints
every disagreement and, for the table, the given names it does not know.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from tacitus.actors.offices import first_name_gender
from tacitus.dictionaries.modern import ascii_fold, read_modern_sources

ROOT = Path(__file__).resolve().parent.parent


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", ascii_fold(text).lower()).split())


def table_people() -> dict[str, str]:
    """Canonical person name → gender (m/f) over the whole table."""
    return {t.person: t.gender for t in read_modern_sources() if t.gender in ("m", "f")}


def test_people(people: dict[str, str]) -> dict[str, str]:
    """The table people the modern_actors test rows name (longest name form first)."""
    forms: list[tuple[str, str]] = []
    for term in read_modern_sources():
        if term.gender in ("m", "f"):
            forms.extend((_fold(name), term.person) for name in (term.person, *term.variants))
    forms.sort(key=lambda form: -len(form[0]))
    named: dict[str, str] = {}
    for path in sorted((ROOT / "tests" / "data" / "modern_actors").glob("*.tsv")):
        rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()[1:] if line.strip()]
        for text, *_ in rows:
            padded = f" {_fold(text)} "
            person = next((p for form, p in forms if form and f" {form} " in padded), None)
            if person is not None:
                named[person] = people[person]
    return named


def score(people: dict[str, str]) -> tuple[int, list[str], Counter[str]]:
    """Answered count, the disagreements and the unknown given names."""
    answered, wrong, unknown = 0, [], Counter[str]()
    for person, gender in sorted(people.items()):
        said = first_name_gender(person)
        if said is None:
            unknown[person.split()[0]] += 1
            continue
        answered += 1
        if said != gender:
            wrong.append(f"{person}: list {said}, table {gender}")
    return answered, wrong, unknown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print disagreements and unknown names")
    args = parser.parse_args()
    people = table_people()
    for label, subset in (("table", people), ("tests", test_people(people))):
        answered, wrong, unknown = score(subset)
        share = answered / len(subset) if subset else 0.0
        print(f"{label}: {len(subset)} people, gender given for {answered} ({share:.1%}), {len(wrong)} wrong")
        if args.list:
            for line in wrong:
                print(f"  wrong  {line}")
            if label == "table":
                print("  unknown", ", ".join(f"{n} {c}" for n, c in unknown.most_common()))


if __name__ == "__main__":
    main()
