"""A generated corpus of >= 1,000 bad and odd files runs through without an exception, and every
path in it comes out once: as an article or as a skip saying why not."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import re
import socket
import threading
from collections import Counter
from pathlib import Path

import pytest

from tacitus.errors import UserInputError
from tacitus.ingest import IngestOptions, Skip, ingest, read_articles
from tacitus.ingest.decode import repair_surrogates

ENGLISH = (
    "The foreign ministers of the two countries met in Geneva on Tuesday and agreed to resume "
    "talks on the border dispute, officials said after the meeting ended late in the evening. "
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _small_kinds(rng: random.Random, directory: Path, index: int) -> dict[str, Path]:
    """One file of each small kind; the expected outcome is the dict key."""
    article = f"Story {index}. {ENGLISH * 3}"
    return {
        "binary": _write(
            directory / f"random_{index}.bin",
            bytes(rng.getrandbits(8) for _ in range(2048)) + b"\0",
        ),
        "empty": _write(directory / f"empty_{index}.txt", b""),
        "empty_gz": _write(directory / f"zero_{index}.txt.gz", b""),
        "bad_gzip": _write(directory / f"truncated_{index}.txt.gz", gzip.compress(article.encode())[:20]),
        "html_no_body": _write(
            directory / f"nobody_{index}.html", b"<html><head><title>t</title></head></html>"
        ),
        "latin1": _write(
            directory / f"latin1_{index}.txt",
            f"Caf\u00e9 r\u00e9sum\u00e9. {article}".encode("latin-1"),
        ),
        "utf16": _write(directory / f"utf16_{index}.txt", article.encode("utf-16")),
        "utf16_html": _write(
            directory / f"utf16_{index}.html",
            f"<html><body><article><p>{article}</p></article></body></html>".encode("utf-16"),
        ),
        "deep_html": _write(
            directory / f"deep_{index}.html",
            ("<div>" * 3000 + f"<p>{article}</p>" + "</div>" * 3000).encode(),
        ),
        "mixed": _write(
            directory / f"mixed_{index}.txt",
            "naïve ".encode() + "café ".encode("cp1252") + article.encode(),
        ),
        "broken_json": _write(directory / f"broken_{index}.jsonl", b'{"id": "x", "text": "unterminated\n'),
        "good_gz": _write(directory / f"good_{index}.txt.gz", gzip.compress(article.encode())),
    }


def _device(path: Path) -> Path:
    """A character device node where we may make one (root), else a link to /dev/null."""
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))
    except PermissionError:
        path.symlink_to("/dev/null")
    return path


def _socket(path: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


def _odd_kinds(directory: Path, index: int) -> dict[str, Path]:
    """Entries that are not regular files (or not to be read), and text no UTF-8 file can hold."""
    directory.mkdir()
    (directory / "real_folder").mkdir()
    os.mkfifo(directory / "fifo")
    (directory / "dangling").symlink_to(directory / "nowhere")
    (directory / "loop_a").symlink_to(directory / "loop_b")
    (directory / "loop_b").symlink_to(directory / "loop_a")
    (directory / "folder_link").symlink_to(directory / "real_folder")
    (directory / ".hidden_folder").mkdir()
    _write(directory / ".hidden_folder" / "inside.txt", ENGLISH.encode())
    surrogate = json.dumps(
        {"id": f"s{index}", "title": "Bad \ud800 title", "text": f"Story {index} \udfff. {ENGLISH}"}
    )
    return {
        "fifo": directory / "fifo",
        "dangling": directory / "dangling",
        "loop_a": directory / "loop_a",
        "loop_b": directory / "loop_b",
        "folder_link": directory / "folder_link",
        "device": _device(directory / "device"),
        "socket": _socket(directory / "sock"),
        "hidden": _write(directory / ".hidden.txt", ENGLISH.encode()),
        "hidden_folder": directory / ".hidden_folder",
        "surrogate_jsonl": _write(directory / "surrogate.jsonl", surrogate.encode("ascii") + b"\n"),
        "bytes_name": _write(directory / os.fsdecode(b"caf\xe9.txt"), f"Story {index}. {ENGLISH}".encode()),
    }


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, str]]:
    """~1,000 small files of every kind, odd entries (FIFOs, devices, sockets, broken and looping
    links, dot files, lone surrogates, names that are not UTF-8) and a few large files (20 MB
    text, 10 MB line)."""
    rng = random.Random(20261129)
    root = tmp_path_factory.mktemp("bad_corpus")
    expected: dict[Path, str] = {}
    for index in range(84):
        sub = root / f"d{index % 7}"
        sub.mkdir(exist_ok=True)
        expected.update({path: kind for kind, path in _small_kinds(rng, sub, index).items()})
    for index in range(3):
        odd = _odd_kinds(root / f"odd{index}", index)
        expected.update({path: kind for kind, path in odd.items()})
    expected[_write(root / "huge.txt", ENGLISH.encode() * (20 * 1024 * 1024 // len(ENGLISH) + 1))] = (
        "too_large"
    )
    expected[
        _write(
            root / "one_line.txt",
            ((ENGLISH.strip() + " ") * (10_000_000 // len(ENGLISH) + 1)).encode()[:10_000_000],
        )
    ] = "one_line"
    return root, expected


def test_ingest_bad_inputs_corpus_counts_add_up(bad_corpus: tuple[Path, dict[Path, str]]) -> None:
    root, expected = bad_corpus
    assert len(expected) >= 1000
    out, skips = io.StringIO(), io.StringIO()
    report = ingest([str(root)], out, options=IngestOptions(duplicates="off"), skips=skips)
    written = [json.loads(line) for line in (out.getvalue() + skips.getvalue()).splitlines()]
    outcomes = Counter(origin_file(record["origin"]) for record in written)
    # Every path gave exactly one outcome (single-document files), and the report agrees; a name
    # that is not UTF-8 is written with U+FFFD for its undecodable bytes.
    assert outcomes == Counter(repair_surrogates(str(path)) for path in expected)
    assert report.total == len(expected) == len(written)
    assert report.articles == len(out.getvalue().splitlines())
    assert sum(report.skipped.values()) == len(skips.getvalue().splitlines())
    assert set(report.skipped) == {
        "binary",
        "empty",
        "bad_gzip",
        "no_text",
        "bad_json",
        "too_large",
        "not_a_file",
        "hidden",
    }


def origin_file(origin: str) -> str:
    """The file part of an origin (``path``, ``path:line``, ``path@offset``, ``path#item``)."""
    return re.split(r"[:@#]\d+$", origin)[0]


@pytest.mark.parametrize(
    ("kind", "outcome"),
    [
        ("binary", "binary"),
        ("empty", "empty"),
        ("empty_gz", "empty"),
        ("bad_gzip", "bad_gzip"),
        ("html_no_body", "no_text"),
        ("broken_json", "bad_json"),
        ("too_large", "too_large"),
        ("latin1", "article"),
        ("utf16", "article"),
        ("utf16_html", "article"),
        ("deep_html", "no_text"),  # lxml refuses trees deeper than 256
        ("mixed", "article"),
        ("good_gz", "article"),
        ("one_line", "article"),
        ("fifo", "not_a_file"),
        ("dangling", "not_a_file"),
        ("loop_a", "not_a_file"),
        ("device", "not_a_file"),
        ("socket", "not_a_file"),
        ("surrogate_jsonl", "article"),
        ("bytes_name", "article"),
    ],
)
def test_ingest_bad_inputs_outcome_by_kind(
    bad_corpus: tuple[Path, dict[Path, str]], kind: str, outcome: str
) -> None:
    _, expected = bad_corpus
    paths = sorted(str(path) for path, found in expected.items() if found == kind)[:3]
    assert paths
    for path in paths:
        # A glob names the path without the up-front check a named input gets.
        pattern = path[:-1] + "[" + path[-1] + "]"
        with _unblocking(path):
            (item,) = read_articles([pattern], options=IngestOptions(duplicates="off"))
        got = item.reason if isinstance(item, Skip) else "article"
        assert got == outcome, (path, item if isinstance(item, Skip) else item.text[:80])


@contextlib.contextmanager
def _unblocking(path: str, after: float = 5.0):
    """While the block runs, open a FIFO at `path` for writing once a reader waits on it (after
    `after` seconds): a reader that blocks on a FIFO gets end of file instead of hanging the test."""
    stop = threading.Event()

    def writer() -> None:
        if stop.wait(after):
            return
        while not stop.wait(0.1):
            with contextlib.suppress(OSError):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
                return

    thread = threading.Thread(target=writer, daemon=True)
    if Path(path).is_fifo():
        thread.start()
    try:
        yield
    finally:
        stop.set()


@pytest.mark.parametrize("kind", ["fifo"])
def test_ingest_bad_inputs_named_fifo_is_skipped_not_waited_on(tmp_path, kind):
    """A FIFO named on the command line used to block the run forever (holding the store lock)."""
    fifo = tmp_path / kind
    os.mkfifo(fifo)
    good = _write(tmp_path / "good.txt", ENGLISH.encode())
    with _unblocking(str(fifo)):
        skip, article = read_articles([str(fifo), str(good)])
    assert isinstance(skip, Skip) and (skip.reason, skip.origin) == ("not_a_file", str(fifo))
    assert skip.detail == "a FIFO (named pipe): only regular files are read"
    assert not isinstance(article, Skip)


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("dangling", "is a broken symbolic link - fix or remove the link, or name its target"),
        ("loop_a", "is a symbolic link loop - fix or remove the link, or name its target"),
    ],
)
def test_ingest_bad_inputs_named_broken_link_says_what_it_is(tmp_path, link, message):
    _odd_kinds(tmp_path / "odd", 0)
    path = tmp_path / "odd" / link
    with pytest.raises(UserInputError) as caught:
        list(read_articles([str(path)]))
    assert str(caught.value) == f"[E001] input {path} {message}"


@pytest.mark.parametrize("removed", [2])
def test_ingest_bad_inputs_file_removed_mid_run_is_a_skip(tmp_path, removed):
    """A file listed with its folder but deleted before it is read comes out as ``vanished``."""
    paths = [_write(tmp_path / f"{n}.txt", f"Story {n}. {ENGLISH}".encode()) for n in range(4)]
    items = read_articles([str(tmp_path)], options=IngestOptions(duplicates="off"))
    first = next(items)
    paths[removed].unlink()
    rest = list(items)
    assert not isinstance(first, Skip) and len(rest) == 3
    assert [(s.origin, s.reason) for s in rest if isinstance(s, Skip)] == [(str(paths[removed]), "vanished")]


@pytest.mark.parametrize("output", ["articles.jsonl"])
def test_ingest_bad_inputs_own_output_is_an_excluded_skip(tmp_path, output):
    _write(tmp_path / "a.txt", ENGLISH.encode())
    out = _write(tmp_path / output, b"")
    items = list(read_articles([str(tmp_path)], options=IngestOptions(exclude=frozenset({str(out)}))))
    assert [(s.origin, s.reason) for s in items if isinstance(s, Skip)] == [(str(out), "excluded")]


@pytest.mark.parametrize("kind", ["latin1", "mixed"])
def test_ingest_bad_inputs_decodes_accents(bad_corpus: tuple[Path, dict[Path, str]], kind: str) -> None:
    _, expected = bad_corpus
    path = next(str(path) for path, found in expected.items() if found == kind)
    (article,) = read_articles([path])
    assert "café" in article.text.lower().replace("caf\u00e9", "café")
    assert "\ufffd" not in article.text


def test_ingest_bad_inputs_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = _write(tmp_path / "locked.txt", ENGLISH.encode())
    os.chmod(locked, 0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        (item,) = read_articles([str(locked)])
        assert isinstance(item, Skip) and item.reason == "unreadable"
    finally:
        os.chmod(locked, 0o644)
