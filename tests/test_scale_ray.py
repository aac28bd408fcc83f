"""The Ray engine on a private 2-CPU Ray: same events as the local engine, and a killed worker.

Skipped where Ray is not installed (pip install -e '.[ray]' brings it).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip(
    "ray", reason="Ray is not installed: pip install -e '.[ray]' to test the Ray engine"
)

from scale_corpus import write_inputs  # noqa: E402
from store_records import invoke_tacitus  # noqa: E402
from tacitus.pipeline import RunOptions, run  # noqa: E402
from tacitus.scale import load_shards, run_ray  # noqa: E402
from tacitus.store import Store  # noqa: E402

INPUTS = 300
TEXT_FILES = 100  # the rest are records of two JSONL files


@pytest.fixture(scope="module")
def ray_cluster():
    if ray.is_initialized():
        ray.shutdown()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    return write_inputs(tmp_path_factory.mktemp("scale_inputs"), INPUTS, text_files=TEXT_FILES)


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("scale_local") / "local.duckdb"
    run(corpus, db=db, options=RunOptions(workers=1))
    return db


def _contents(db: Path) -> dict[str, list]:
    """Everything the store holds, sorted, for comparing two stores."""
    with Store.open(db, read_only=True) as store:
        tables = {
            "events": sorted(repr(event.as_dict()) for event in store.events()),
            "articles": store.con.execute(
                "SELECT id, status, duplicate_of, n_events, skip_reason, content_hash "
                "FROM articles ORDER BY id"
            ).fetchall(),
            "skips": store.con.execute("SELECT * FROM skips ORDER BY origin").fetchall(),
        }
        for table in ("actors", "quotes", "places"):
            tables[table] = store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
    return tables


def _descends_from_us(pid: int) -> bool:
    """True if this test process started `pid` (through the Ray it started): never kill
    another session's workers."""
    while pid > 1:
        if pid == os.getpid():
            return True
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return False
    return False


def _coding_worker_pids() -> list[int]:
    """Processes of our Ray coding workers (Ray names them after the class)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"CodingWorker" in cmdline and _descends_from_us(int(entry.name)):
                pids.append(int(entry.name))
    return pids


def _kill_one_worker_after_first_shard(out: Path, killed: list[int]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not killed:
        if (out / "articles").is_dir() and any((out / "articles").glob("part-*.parquet")):
            pids = _coding_worker_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)
                killed.append(pids[0])
        time.sleep(0.05)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds Ray workers in /proc")
@pytest.mark.parametrize("batch_size", [4])
def test_scale_ray_killed_worker_every_article_once(ray_cluster, corpus, local_store, tmp_path, batch_size):
    out = tmp_path / "shards"
    killed: list[int] = []
    killer = threading.Thread(target=_kill_one_worker_after_first_shard, args=(out, killed))
    killer.start()
    try:
        run_ray(corpus, out=str(out), options=RunOptions(workers=2, batch_size=batch_size))
    finally:
        killer.join()
    db = tmp_path / "ray.duckdb"
    load_shards(str(out), db=db)
    assert killed, "no coding worker was found to kill"
    with Store.open(db, read_only=True) as store:
        ids = [row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()]
    assert len(ids) == len(set(ids)) == len(_contents(local_store)["articles"])
    assert _contents(db) == _contents(local_store)


@pytest.mark.parametrize(
    "bad", [{"bad.jsonl.gz": b"\x1f\x8b\x08\x00broken gzip", "bad.jsonl": b'{"id": "x", "text": 1}\n{oops'}]
)
def test_scale_ray_malformed_file_fails_only_its_records(ray_cluster, corpus, tmp_path, bad):
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    out = tmp_path / "shards"
    inputs = [corpus[1], *(str(tmp_path / name) for name in bad)]
    report = run_ray(inputs, out=str(out), options=RunOptions(workers=2))
    db = tmp_path / "ray.duckdb"
    load_shards(str(out), db=db)
    with Store.open(db, read_only=True) as store:
        stored = store.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        skips = store.con.execute("SELECT origin FROM skips").fetchall()
    assert stored == report.articles > 50
    for name in bad:
        assert any(origin.startswith(str(tmp_path / name)) for (origin,) in skips), name


@pytest.mark.parametrize("workers", ["2"])
def test_scale_ray_same_store_as_local(ray_cluster, corpus, local_store, tmp_path, capsys, workers):
    # Through the CLI: tacitus run --engine ray --out DIR --db PATH writes shards, then loads.
    out, db = tmp_path / "shards", tmp_path / "ray.duckdb"
    code, _, err = invoke_tacitus(
        capsys,
        "run",
        *corpus,
        "--engine",
        "ray",
        "--out",
        str(out),
        "--db",
        str(db),
        "--workers",
        workers,
        "--batch-size",
        "16",
        "--no-progress",
    )
    lines = err.splitlines()
    stored = len(_contents(local_store)["articles"])
    assert code == 0, err
    assert lines[-2].startswith(f"{TEXT_FILES + 2} files on {workers} Ray workers: {stored} articles")
    assert re.match(rf"\d+ shards, {stored} article rows: {stored} loaded ", lines[-1])
    assert len(_contents(local_store)["events"]) > 300
    assert _contents(db) == _contents(local_store)
    code, _, err = invoke_tacitus(capsys, "load", str(out), "--db", str(db))
    assert re.match(rf"\d+ shards, {stored} article rows: 0 loaded .*, {stored} already stored;", err)


@pytest.mark.parametrize(
    "new_texts",
    [
        [
            "Sudan's army shelled rebel positions near Khartoum on Monday.",
            "Japan's prime minister met the Indian prime minister in Tokyo.",
        ]
    ],
)
def test_scale_ray_rerun_codes_only_new_articles(
    ray_cluster, corpus, local_store, tmp_path, capsys, new_texts
):
    # As the local engine: with --db, articles stored with the same content are not coded again.
    db = tmp_path / "store.duckdb"
    db.write_bytes(local_store.read_bytes())
    before = _contents(db)
    stored = len(before["articles"])
    code, _, err = invoke_tacitus(
        capsys,
        "run",
        *corpus,
        "--engine",
        "ray",
        "--out",
        str(tmp_path / "again"),
        "--db",
        str(db),
        "--no-progress",
    )
    assert code == 0, err
    assert f": 0 articles (0 coded, 0 copies, {stored} unchanged in {db})" in err.splitlines()[-2]
    assert _contents(db) == before
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        "".join(
            f'{{"id": "extra-{i}", "date": "2024-03-04", "text": "{text}"}}\n'
            for i, text in enumerate(new_texts)
        ),
        encoding="utf-8",
    )
    code, _, err = invoke_tacitus(
        capsys,
        "run",
        *corpus,
        str(extra),
        "--engine",
        "ray",
        "--out",
        str(tmp_path / "more"),
        "--db",
        str(db),
        "--no-progress",
    )
    assert code == 0, err
    assert f": {len(new_texts)} articles ({len(new_texts)} coded" in err.splitlines()[-2]
    after = _contents(db)
    assert len(after["articles"]) == stored + len(new_texts)
    assert set(before["events"]) < set(after["events"])
