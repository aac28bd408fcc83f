"""White House readouts: is the consultation with the partner the title names coded both ways?

The judging lives in `tacitus.evaluate.readouts` (shared with tests/test_coder_gold.py); this
script reads the corpus, prints the figures and, with --show, the readouts that fail.

Usage (from the repo root):
    PYTHONPATH=src python benchmarks/readouts.py [--limit N] [--show K] [--min-confidence X]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from tacitus.evaluate.readouts import readout_verdicts, summary
from tacitus.events.confidence import default_min_confidence

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "corpus" / "pd_whitehouse_readouts.jsonl"


def evaluate(limit: int | None, show: int, threshold: float | None) -> dict[str, Any]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        records = records[:limit]
    verdicts = readout_verdicts(records, threshold)
    for verdict in [v for v in verdicts if v.verdict != "both"][:show]:
        found = sorted({(e.source, e.target, e.code) for e in verdict.events})[:6]
        print(f"{verdict.verdict:8} {verdict.partner} {verdict.title[:90]}\n         {found}")
    dump = os.environ.get("TACITUS_READOUT_VERDICTS")  # each readout's verdict, to compare two runs
    if dump:
        by_id = {v.id: v.verdict for v in verdicts}
        Path(dump).write_text(json.dumps(by_id, indent=0, sort_keys=True))
    return summary(verdicts, len(records))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", type=int, default=0, help="print this many readouts that fail")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="keep events at or above this confidence (default: the coder's default)",
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS} - this benchmark needs ../shared (set TACITUS_SHARED)")
        return 2
    threshold = args.min_confidence if args.min_confidence is not None else default_min_confidence()
    print(json.dumps(evaluate(args.limit, args.show, threshold), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
