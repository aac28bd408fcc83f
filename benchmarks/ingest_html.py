"""Word-level P/R/F1 and pages/s of Tacitus's HTML ingestion vs plain trafilatura, same run.

Usage (from the repo root, ../shared present or TACITUS_SHARED set):

    PYTHONPATH=src python benchmarks/ingest_html.py [--rounds 3] [--write-floors [--lower-reason TEXT]]

Speed is CPU time of this process (time.process_time: the machine is shared, wall
time depends on the neighbours), best of `--rounds` alternating runs of each system,
as pages per CPU-second. Scores are the same every round.

Tacitus = `read_articles` on the Zyte JSONL (each record's `html` extracted with
trafilatura, comments off, precision favoured, then the cleaning rules), with the
language filter and dedup off so that every one of the 181 pages is scored.
Baseline = `trafilatura.extract(html, url=url)` with its defaults. The 19 Mozilla
Readability news pages (reference = Readability.js output, a looser standard that keeps
captions and asides) are scored the same way as a second opinion, without floors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import trafilatura

from tacitus.evaluate.floors import FloorFile
from tacitus.ingest import IngestOptions, Skip, read_articles
from tacitus.ingest.evaluate import WordScore

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TACITUS_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "data" / "corpus" / "html_zyte_article_extraction_benchmark.jsonl"
SECOND = SHARED / "data" / "corpus" / "html_mozilla_readability_news.jsonl"
FLOORS = ROOT / "tests" / "floors" / "ingest.json"
SCORED = IngestOptions(languages=frozenset(), duplicates="off")


def gold_records(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def tacitus_score(path: Path, records: dict[str, dict[str, str]]) -> tuple[WordScore, int, float]:
    score, skipped, start = WordScore(), 0, time.process_time()
    seen = set()
    for item in read_articles([str(path)], options=SCORED):
        if isinstance(item, Skip):
            skipped += 1
            continue
        seen.add(item.id)
        score.add_text(item.text, records[item.id]["expected_text"])
    for missing in set(records) - seen:  # a skipped page scores zero recall
        score.add_text("", records[missing]["expected_text"])
    return score, skipped, time.process_time() - start


def trafilatura_score(records: dict[str, dict[str, str]]) -> tuple[WordScore, float]:
    score, start = WordScore(), time.process_time()
    for record in records.values():
        score.add_text(trafilatura.extract(record["html"], url=record["url"]), record["expected_text"])
    return score, time.process_time() - start


def write_floors(score: WordScore, baseline: WordScore, gold_sha256: str, lower_reason: str | None) -> None:
    """Pin Tacitus's scores as floors (`tacitus.evaluate.floors`: measured less the file's epsilon,
    raised only, lowered only with a reason), beside plain trafilatura's measured scores."""
    floors = FloorFile.read(FLOORS)
    for line in floors.pin("zyte_html", score.as_dict(), lower_reason=lower_reason):
        print(line)
    gate = floors.data["gates"]["zyte_html"]
    gate["gold_sha256"] = gold_sha256
    gate["baseline_trafilatura_default"] = baseline.as_dict()
    floors.write()


def compare(path: Path, rounds: int) -> tuple[WordScore, WordScore]:
    """Score and time both systems on one gold file; print the table; return the scores."""
    records = gold_records(path)
    plain_seconds = our_seconds = float("inf")
    for _ in range(max(rounds, 1)):
        plain, seconds = trafilatura_score(records)
        plain_seconds = min(plain_seconds, seconds)
        ours, skipped, seconds = tacitus_score(path, records)
        our_seconds = min(our_seconds, seconds)
    pages = len(records)
    print(f"{path.name}: {pages} pages (Tacitus skipped {skipped})")
    print(f"{'system':<28}{'precision':>10}{'recall':>10}{'F1':>10}{'pages/s':>10}")
    for name, score, seconds in [
        ("trafilatura.extract default", plain, plain_seconds),
        ("Tacitus read_articles", ours, our_seconds),
    ]:
        print(
            f"{name:<28}{score.precision:>10.4f}{score.recall:>10.4f}{score.f1:>10.4f}"
            f"{pages / seconds:>10.1f}"
        )
    print(
        f"ratio Tacitus/trafilatura: F1 {ours.f1 / plain.f1:.4f},"
        f" precision {ours.precision / plain.precision:.4f},"
        f" speed {plain_seconds / our_seconds:.2f}x\n"
    )
    return ours, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--write-floors",
        action="store_true",
        help="pin today's scores, less epsilon, as floors",
    )
    parser.add_argument(
        "--lower-reason",
        metavar="TEXT",
        help="let --write-floors lower a floor, for this reason",
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per system (best kept)")
    args = parser.parse_args()
    if not GOLD.exists():
        sys.exit(f"needs {GOLD} (development data, not shipped with Tacitus)")
    ours, plain = compare(GOLD, args.rounds)
    if SECOND.exists():
        compare(SECOND, 1)
    if args.write_floors:
        write_floors(ours, plain, hashlib.sha256(GOLD.read_bytes()).hexdigest(), args.lower_reason)
        print(f"floors written to {FLOORS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
