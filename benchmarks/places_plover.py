"""Event locations against the PLOVER dev records' gold locations (`location`, `(LOC: …)` markup).

An event is built by hand on each record's first `(EVT: …)` word (the coder is not used: this
measures the places stage alone), located by `Geocoder.locate`, and scored: share of events with a
gold location placed in the right country and, where the gold place is a city, the right city.
Gold countries: tests/data/plover_location_countries.json (hand annotation of the gold names).

`--with-actors` gives each event the record's gold actor and recipient (and its PLOVER type's
quad class), as a coded event has them: the event-location rules then look in their countries.

Usage:
    python benchmarks/places_plover.py [--with-actors] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repo (a worktree under wt/ finds it one level further up), or TACITUS_SHARED.
SHARED = Path(
    os.environ.get("TACITUS_SHARED")
    or next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
)
GOLD = SHARED / "data" / "eval" / "plover_manual_dev.jsonl"
ANNOTATIONS = ROOT / "tests" / "data" / "plover_location_countries.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--with-actors",
        action="store_true",
        help="give each event the record's gold actor, recipient and quad class, as the coder would",
    )
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: needs {GOLD} (development data in ../shared)", file=sys.stderr)
        return 0
    from tacitus.nlp import load_model
    from tacitus.places import Geocoder
    from tacitus.places.evaluate import evaluate_event_locations

    score = evaluate_event_locations(
        GOLD, ANNOTATIONS, geocoder=Geocoder(), nlp=load_model(), with_actors=args.with_actors
    )
    text = json.dumps(score.as_dict(), indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
