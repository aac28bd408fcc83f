"""Pin measured figures as accuracy floors (tests/floors/*.json; rules in `tacitus.evaluate.floors`).

Each stage's benchmark prints its figures; this records them for one gate and raises each floor to
the measured value less the file's epsilon. A floor never falls unless --lower-reason says why; the
reason is kept in the file's `lowered` list. Tests only read floors.

Usage:
    PYTHONPATH=src python benchmarks/floors.py tests/floors/coder.json real_news_dev exact_f1=0.63 \
        [relaxed_f1=0.734 ...] [--lower-reason TEXT] [--dry-run]
"""

from __future__ import annotations

import argparse
import sys

from tacitus.evaluate.floors import FloorFile


def _figure(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    if not name or not value:
        raise argparse.ArgumentTypeError(f"{text!r}: write FIGURE=VALUE, e.g. f1=0.81")
    return name, float(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="a floors file, e.g. tests/floors/places.json")
    parser.add_argument("gate", help="the gate within it, e.g. reuters_test_country_tagging")
    parser.add_argument("figures", nargs="+", type=_figure, help="FIGURE=MEASURED")
    parser.add_argument("--lower-reason", metavar="TEXT", help="allow floors to fall, for this reason")
    parser.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    args = parser.parse_args(argv)
    floors = FloorFile.read(args.file)
    if args.gate not in floors.gates():
        print(f"{args.file} has no gate {args.gate!r}: one of {', '.join(floors.gates())}", file=sys.stderr)
        return 2
    lines = floors.pin(args.gate, dict(args.figures), lower_reason=args.lower_reason)
    for line in lines:
        print(line)
    if not args.dry_run:
        floors.write()
    return 1 if any("kept (no reason)" in line for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
