"""Benchmark of the event coder against a bare spaCy parse of the same texts.

Codes N articles (default 2,000) of ../shared/data/corpus/news_allsides_us_politics.jsonl
and prints, from one run: dictionary load time, articles/s, sentences/s, events/s,
peak RSS and the ratio of coding time to a bare `nlp.pipe` parse (same model,
same components) of the same texts, in wall-clock and in CPU seconds (CPU time is
the steadier figure on a shared machine). Skips with a message when the corpus is absent.

    PYTHONPATH=src python benchmarks/coder.py [--limit 2000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = [
    ROOT.parent / "shared" / "data" / "corpus" / "news_allsides_us_politics.jsonl",
    ROOT.parent.parent / "shared" / "data" / "corpus" / "news_allsides_us_politics.jsonl",
]


def _articles(path: Path, limit: int) -> list:
    from tacitus.records import Article

    found = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record.get("text"):
                continue
            found.append(Article(id=str(record["id"]), text=record["text"], date=record.get("date")))
            if len(found) >= limit:
                break
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2000, help="articles to code (default 2000)")
    parser.add_argument(
        "--skip-unparsed", action="store_true", help="parse only sentences with an actor or agent"
    )
    args = parser.parse_args()
    corpus = next((p for p in CANDIDATES if p.exists()), None)
    if corpus is None:
        print("skipped: needs ../shared/data/corpus/news_allsides_us_politics.jsonl (not shipped)")
        return 0
    from tacitus.coder import Coder, CoderOptions
    from tacitus.dictionaries import load_dictionaries

    articles = _articles(corpus, args.limit)
    texts = [a.text for a in articles]
    started = time.perf_counter()
    dictionaries = load_dictionaries()
    load_seconds = time.perf_counter() - started
    coder = Coder(dictionaries, options=CoderOptions(skip_unparsed=args.skip_unparsed))
    nlp = coder.nlp  # loaded once, shared by the baseline and the coder
    coder.code_text("Warm-up sentence: China and Russia agreed.")

    started, cpu_started = time.perf_counter(), time.process_time()
    parsed_sentences = 0
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("tacitus_")]):
        for doc in nlp.pipe(texts, batch_size=coder.options.batch_size):
            parsed_sentences += sum(1 for _ in doc.sents)
    bare_seconds = time.perf_counter() - started
    bare_cpu = time.process_time() - cpu_started

    coder.stats.clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    events = sentences = 0
    for coded in coder.code_articles(articles):
        events += len(coded.events)
        sentences += len(coded.sentences)
    code_seconds = time.perf_counter() - started
    code_cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles            {len(articles)} ({sum(map(len, texts)):,} characters)")
    print(f"dictionary load     {load_seconds:.2f} s")
    print(f"bare nlp.pipe       {bare_seconds:.1f} s wall, {bare_cpu:.1f} s CPU ({parsed_sentences} sentences)")
    print(f"coder               {code_seconds:.1f} s wall, {code_cpu:.1f} s CPU")
    print(f"articles/s          {len(articles) / code_seconds:.1f}")
    print(f"sentences/s         {sentences / code_seconds:.1f}")
    print(f"events/s            {events / code_seconds:.1f} ({events} events)")
    print(f"peak RSS            {peak_mb:.0f} MB")
    print(f"ratio coder/bare    {code_seconds / bare_seconds:.2f} wall, {code_cpu / bare_cpu:.2f} CPU")
    print(f"coder stats         {dict(sorted(coder.stats.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
