"""`tacitus run`: incremental and idempotent runs over the shipped example articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store_records import ROOT, invoke_tacitus
from tacitus.events.confidence import default_min_confidence
from tacitus.pipeline import RunOptions, run
from tacitus.store import Store

EXAMPLES = ROOT / "src" / "tacitus" / "data" / "examples" / "articles.jsonl"
TABLES = ("articles", "events", "actors", "quotes", "places", "skips")
ONE_WORKER = RunOptions(workers=1, batch_size=3)


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what "the same store" means. `origin` (the
    input file and line an article was read from) is left out: inputs may differ."""
    with Store.open(path, read_only=True) as store:
        return {
            t: sorted(
                store.con.execute(
                    f"SELECT * {'EXCLUDE (origin)' if t == 'articles' else ''} FROM {t}"
                ).fetchall(),
                key=repr,
            )
            for t in TABLES
        }


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def examples() -> list[dict]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "news.duckdb"
    report = run([str(EXAMPLES)], db=path, options=ONE_WORKER)
    assert report.coded == 8 and report.events > 0
    return path


@pytest.mark.parametrize("options", [ONE_WORKER])
def test_pipeline_rerun_adds_nothing(clean_store, options):
    before = table_rows(clean_store)
    report = run([str(EXAMPLES)], db=clean_store, options=options)
    assert (report.articles, report.unchanged, report.coded, report.events) == (8, 8, 0, 0)
    assert table_rows(clean_store) == before


@pytest.mark.parametrize("split", [5])
def test_pipeline_new_file_adds_only_its_articles(tmp_path, examples, clean_store, split):
    first = write_jsonl(tmp_path / "first.jsonl", examples[:split])
    second = write_jsonl(tmp_path / "second.jsonl", examples[split:])
    path = tmp_path / "news.duckdb"
    assert run([str(first)], db=path, options=ONE_WORKER).coded == split
    report = run([str(first), str(second)], db=path, options=ONE_WORKER)
    assert (report.unchanged, report.coded) == (split, len(examples) - split)
    assert table_rows(path) == table_rows(clean_store)


@pytest.mark.parametrize("copy_id", ["example-001-syndicated"])
def test_pipeline_copy_is_stored_once(tmp_path, examples, copy_id):
    original = examples[0]
    inputs = write_jsonl(tmp_path / "in.jsonl", [original, {**original, "id": copy_id}])
    path = tmp_path / "news.duckdb"
    report = run([str(inputs)], db=path, options=ONE_WORKER)
    assert (report.coded, report.duplicates) == (1, 1)
    with Store.open(path, read_only=True) as store:
        rows = store.con.execute(
            "SELECT id, status, duplicate_of, n_events FROM articles ORDER BY id"
        ).fetchall()
    assert rows[1] == (copy_id, "duplicate", original["id"], 0)


@pytest.mark.parametrize("new_text", ["Japan and India signed a trade agreement on Monday."])
def test_pipeline_changed_article_is_recoded(tmp_path, examples, new_text):
    path = tmp_path / "news.duckdb"
    run([str(write_jsonl(tmp_path / "a.jsonl", examples[:1]))], db=path, options=ONE_WORKER)
    changed = write_jsonl(tmp_path / "b.jsonl", [{**examples[0], "text": new_text}])
    report = run([str(changed)], db=path, options=ONE_WORKER)
    assert report.coded == 1
    with Store.open(path, read_only=True) as store:
        texts = store.con.execute("SELECT text FROM articles").fetchall()
        sources = store.con.execute("SELECT DISTINCT source FROM events").fetchall()
    assert texts == [(new_text,)]
    assert sources, "the changed text codes no event"  # all() of nothing would pass
    assert all(s[0].startswith(("JPN", "IND")) for s in sources)


@pytest.mark.parametrize("missing", ["no/such/news.jsonl"])
def test_pipeline_error_missing_input(capsys, tmp_path, missing):
    code, _, err = invoke_tacitus(capsys, "run", missing, "--db", str(tmp_path / "x.duckdb"))
    assert code == 1
    assert err == f"Error: [E001] input {missing} does not exist - check the path or quote the glob\n"
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.parametrize("workers", ["0"])
def test_pipeline_error_bad_workers(capsys, tmp_path, workers):
    code, _, err = invoke_tacitus(
        capsys, "run", str(EXAMPLES), "--workers", workers, "--db", str(tmp_path / "x.duckdb")
    )
    assert (code, err) == (1, "Error: [E001] --workers 0 must be 1 or more - e.g. --workers 2\n")


@pytest.mark.parametrize(
    "holder_code",
    ["import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()"],
)
def test_pipeline_error_store_locked(capsys, clean_store, holder_code):
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code, str(clean_store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "ready\n"
        code, _, err = invoke_tacitus(capsys, "run", str(EXAMPLES), "--db", str(clean_store))
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    assert err == (
        f"Error: [E041] {clean_store} is in use by another process (PID "
        f"{holder.pid}) - wait for it to finish or pass another --db PATH\n"
    )


@pytest.mark.parametrize(
    ("enabled", "expected"),
    [
        (True, "articles 2 (coded 2, unchanged 0, copies 0) | events "),
        (None, ""),  # default: only on a terminal, and pytest's stderr is not one
    ],
)
def test_pipeline_progress_line(capsys, tmp_path, examples, enabled, expected):
    from tacitus.cli.progress import ProgressLine

    inputs = write_jsonl(tmp_path / "in.jsonl", examples[:2])
    line = ProgressLine(enabled=enabled)
    run([str(inputs)], db=tmp_path / "news.duckdb", options=ONE_WORKER, progress=line)
    line.close()
    err = capsys.readouterr().err
    assert expected in err and (err != "") == bool(expected)


@pytest.mark.parametrize(
    "needles",
    [["articles: 8 (8 coded)", "events by root code:", "top events (mentions / articles / sources):"]],
)
def test_pipeline_demo_command(capsys, tmp_path, needles):
    db = tmp_path / "demo.duckdb"
    code, out, err = invoke_tacitus(capsys, "demo", "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert all(needle in out for needle in needles)
    assert err.startswith("8 articles read = 8 coded + 0 already stored + 0 copies + 0 dropped by the coder;")


@pytest.mark.parametrize("bad_line", ["{not json"])
def test_pipeline_bad_inputs_are_counted_not_fatal(tmp_path, examples, bad_line):
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps(examples[0]) + "\n" + bad_line + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    path = tmp_path / "news.duckdb"
    report = run(
        [str(mixed), str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt")], db=path, options=ONE_WORKER
    )
    assert report.coded == 1 and report.skipped_total == 3
    with Store.open(path, read_only=True) as store:
        stored = store.con.execute("SELECT reason FROM skips ORDER BY origin").fetchall()
        reasons = {reason for reason, _ in store.stats().skip_reasons}
    assert len(stored) == 3 and reasons == set(report.skipped)


@pytest.mark.parametrize("surrogate", ["\ud800"])
def test_pipeline_odd_inputs_each_get_a_skip_row(tmp_path, examples, surrogate):
    """FIFOs, devices, broken and looping links, dot files and a lone surrogate in a JSONL
    record: the run finishes, the record is stored repaired, and every path that is not an
    article has its row in `skips`."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    record = {**examples[0], "id": "bad" + surrogate, "title": "Title " + surrogate}
    write_jsonl(folder / "news.jsonl", [record, examples[1]])
    os.mkfifo(folder / "fifo")
    (folder / "device").symlink_to("/dev/null")
    (folder / "dangling").symlink_to(folder / "nowhere")
    (folder / "loop").symlink_to(folder / "loop")
    (folder / ".hidden").write_text("not read")
    path = tmp_path / "news.duckdb"
    report = run([str(folder)], db=path, options=ONE_WORKER)
    with Store.open(path, read_only=True) as store:
        skips = dict(store.con.execute("SELECT origin, reason FROM skips").fetchall())
        ids = {row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()}
    assert skips == {
        str(folder / name): reason
        for name, reason in [
            ("fifo", "not_a_file"),
            ("device", "not_a_file"),
            ("dangling", "not_a_file"),
            ("loop", "not_a_file"),
            (".hidden", "hidden"),
        ]
    }
    assert ids == {"bad\ufffd", examples[1]["id"]}
    assert report.skipped_total == len(skips) and report.articles == 2


def _dated_mix(tmp_path: Path, examples: list[dict]) -> Path:
    """One dated article, one without a date, one with a date that cannot be read."""
    records = [
        {**examples[0], "id": "dated"},
        {**examples[1], "id": "undated", "date": None},
        {**examples[2], "id": "unreadable", "date": "04/02/2021"},
    ]
    return write_jsonl(tmp_path / "mix.jsonl", records)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("20210204", "; 2 undated (no date: 1, unreadable: 1; dated 2021-02-04 by --date);"),
        (None, "; 2 undated (no date: 1, unreadable: 1);"),
    ],
)
def test_pipeline_run_date_option_and_summary(capsys, tmp_path, examples, date, expected):
    db = tmp_path / "news.duckdb"
    given = ["--date", date] if date else []
    code, _, err = invoke_tacitus(
        capsys, "run", str(_dated_mix(tmp_path, examples)), "--db", str(db), "--workers", "1", *given
    )
    assert code == 0, err
    assert expected in err
    default = "2021-02-04" if date else None
    with Store.open(db, read_only=True) as store:
        articles = dict(store.con.execute("SELECT id, date::VARCHAR FROM articles").fetchall())
        events = set(store.con.execute("SELECT doc_id, date::VARCHAR FROM events").fetchall())
    assert articles == {"dated": examples[0]["date"], "undated": default, "unreadable": default}
    assert {doc for doc, _ in events} == {"dated", "undated", "unreadable"}
    assert events == {(doc, articles[doc]) for doc in articles}


@pytest.mark.parametrize("needle", ["undated: 2 articles, "])
def test_pipeline_stats_count_undated(capsys, tmp_path, examples, needle):
    db = tmp_path / "news.duckdb"
    report = run([str(_dated_mix(tmp_path, examples))], db=db, options=ONE_WORKER)
    assert (report.undated, report.unreadable_dates) == (2, 1)
    code, out, _ = invoke_tacitus(capsys, "stats", "--db", str(db))
    with Store.open(db, read_only=True) as store:
        figures = store.stats()  # the library: every event mention
        undated_events = store.con.execute("SELECT count(*) FROM events WHERE date IS NULL").fetchone()[0]
        # the command: the event mentions at the default confidence threshold
        confident = store.con.execute(
            "SELECT count(*) FROM events WHERE date IS NULL AND confidence >= ?", [default_min_confidence()]
        ).fetchone()[0]
    assert code == 0 and undated_events > 0
    assert (figures.undated_articles, figures.undated_events) == (2, undated_events)
    assert f"{needle}{confident} event mentions" in out


@pytest.mark.parametrize("threshold", [0.0, 0.7, 1.0])
def test_pipeline_run_counts_events_at_threshold_and_stores_all(tmp_path, threshold):
    path = tmp_path / "news.duckdb"
    report = run([str(EXAMPLES)], db=path, options=RunOptions(workers=1, min_confidence=threshold))
    with Store.open(path, read_only=True) as store:
        scores = [row[0] for row in store.con.execute("SELECT confidence FROM events").fetchall()]
    assert len(scores) == report.events and all(s is not None for s in scores)
    assert report.confident_events == sum(s >= threshold for s in scores)
    assert report.as_dict()["min_confidence"] == threshold


@pytest.mark.parametrize("threshold", ["0.7"])
def test_pipeline_run_summary_names_the_threshold(capsys, tmp_path, threshold):
    db = tmp_path / "news.duckdb"
    code, _, err = invoke_tacitus(
        capsys, "run", str(EXAMPLES), "--db", str(db), "--workers", "1", "--min-confidence", threshold
    )
    with Store.open(db, read_only=True) as store:
        kept = store.con.execute("SELECT count(*) FROM events WHERE confidence >= ?", [float(threshold)])
        count = kept.fetchall()[0][0]
    assert code == 0 and f"({count} at confidence {threshold} or more;" in err


def test_pipeline_same_store_across_hash_seeds(tmp_path):
    """Byte-for-byte determinism does not hang on set or dict order: two processes with different
    PYTHONHASHSEED (string hashes, so set iteration, differ) store the same rows, every stage's."""
    stores = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.duckdb"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        done = subprocess.run(
            [sys.executable, "-m", "tacitus", "run", str(EXAMPLES), "--db", str(db), "--workers", "1"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        stores.append(table_rows(db))
    assert stores[0]["events"] and stores[0]["quotes"] and stores[0]["places"]
    assert stores[0] == stores[1]
