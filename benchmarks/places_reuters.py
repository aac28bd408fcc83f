"""Country-level document tagging against the Reuters-21578 editors' `places` tags.

For each article Tacitus locates places and takes the set of their countries
(`tacitus.places.document_countries`); the gold is the article's `places` tags mapped to ISO3 by
../shared/data/corpus/reuters_places_iso3.json. Prints micro precision, recall and F1 over
(article, country) pairs, with and without demonyms (optionally also without the dateline).

The dateline ("WASHINGTON, Feb 26 -") is a separate field of the corpus; it opens the article as
printed, so it is put back in front of the body (`--compare-no-dateline` also measures without).

Usage:
    python benchmarks/places_reuters.py [--split TEST] [--limit N] [--compare-no-dateline]
        [--parse-without-ner] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
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
CORPUS = SHARED / "data" / "corpus" / "news_reuters21578.jsonl"
MAPPING = SHARED / "data" / "corpus" / "reuters_places_iso3.json"


def load_gold(split: str, limit: int | None) -> list[tuple[str, str, str, set[str]]]:
    """(id, dateline, body, gold ISO3 set) for articles of `split` with at least one mapped tag."""
    mapping = json.loads(MAPPING.read_text(encoding="utf-8"))
    records = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if split != "ALL" and row.get("lewissplit") != split:
                continue
            gold = {mapping[tag] for tag in row.get("places") or () if tag in mapping}
            if not gold or not row.get("text"):
                continue
            records.append((row["id"], (row.get("dateline") or "").strip(), row["text"], gold))
            if limit and len(records) >= limit:
                break
    return records


def run(split: str, limit: int | None, compare_no_dateline: bool, without_ner: bool) -> dict[str, object]:
    from tacitus.nlp import load_model
    from tacitus.places import Geocoder, document_countries
    from tacitus.places.evaluate import score_countries
    from tacitus.records import Article

    records = load_gold(split, limit)
    # --parse-without-ner: Docs as the coder makes them; places then reads gazetteer names itself.
    nlp = load_model(exclude=["ner"]) if without_ner else load_model()
    geocoder = Geocoder()
    variants: dict[str, list[tuple[set[str], set[str]]]] = {
        "with_dateline": [],
        "with_dateline_no_demonyms": [],
    }
    if compare_no_dateline:
        variants["no_dateline"] = []
    started = time.perf_counter()
    for with_dateline in (True, False) if compare_no_dateline else (True,):
        texts = [f"{d} {body}" if with_dateline and d else body for _, d, body, _ in records]
        for (doc_id, _, _, gold), doc in zip(records, nlp.pipe(texts, batch_size=64), strict=True):
            locations = geocoder.locate(Article(id=doc_id, text=doc.text), doc)
            if with_dateline:
                variants["with_dateline"].append((set(document_countries(locations)), gold))
                variants["with_dateline_no_demonyms"].append(
                    (set(document_countries(locations, demonyms=False)), gold)
                )
            else:
                variants["no_dateline"].append((set(document_countries(locations)), gold))
    return {
        "split": split,
        "articles": len(records),
        "parsed_with_ner": not without_ner,
        "seconds": round(time.perf_counter() - started, 1),
        **{name: score_countries(pairs) for name, pairs in variants.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="TEST", choices=["TEST", "TRAIN", "NOT-USED", "ALL"])
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the split")
    parser.add_argument(
        "--compare-no-dateline",
        action="store_true",
        help="also parse and score the bodies without their datelines",
    )
    parser.add_argument(
        "--parse-without-ner",
        action="store_true",
        help="parse as the coder does (no NER): the default pipeline mode",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if not CORPUS.exists() or not MAPPING.exists():
        print(f"skipped: needs {CORPUS} and {MAPPING} (development data in ../shared)", file=sys.stderr)
        return 0
    result = run(args.split, args.limit, args.compare_no_dateline, args.parse_without_ner)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
