"""Each reader (text, HTML, JSONL, WARC, RSS/Atom, gzip, stdin) yields Articles with metadata."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tacitus.ingest import IngestOptions, JsonlFields, Skip, read_articles

PARAGRAPHS = [
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss fisheries.",
    "Both sides agreed to set up a joint commission that will report before the end of the year, "
    "officials from the two governments said in a statement.",
    "The talks were the first at this level since the trade dispute began two years ago.",
]
TEXT = "\n\n".join(PARAGRAPHS)
OPTIONS = IngestOptions(duplicates="off")


def _page(title: str = "Norway and Chile agree fisheries commission") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2021-03-02T10:00:00Z">'
        '<meta name="author" content="Kari Nordmann"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )


def _only(inputs: list[str], options: IngestOptions = OPTIONS):
    items = list(read_articles(inputs, options=options))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("name", ["story.txt", "story", "story.txt.gz"])
def test_ingest_formats_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = TEXT.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    article = _only([str(path)])
    assert article.text == TEXT.replace("’", "'")
    assert article.origin == str(path) and article.language == "en"
    assert article.id == _only([str(path)]).id  # deterministic


@pytest.mark.parametrize("name", ["page.html", "page.htm.gz", "page_without_extension"])
def test_ingest_formats_html(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = _page().encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    article = _only([str(path)])
    assert article.text.split("\n")[0] == PARAGRAPHS[0]
    assert "Subscribe" not in article.text and "Home" not in article.text
    assert article.title == "Norway and Chile agree fisheries commission"
    assert article.date == "2021-03-02"
    assert article.author == "Kari Nordmann"


def test_ingest_formats_jsonl(tmp_path: Path) -> None:
    records = [
        {
            "id": "r1",
            "text": TEXT,
            "title": "T",
            "date": "Tue, 02 Mar 2021 10:00:00 GMT",
            "url": "https://x.org/1",
        },
        {"id": 2, "html": _page(), "source": "Example Times"},
        {"text": ""},
        [1, 2],
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n")
    items = list(read_articles([str(path)], options=OPTIONS))
    first, second, empty, array, broken = items
    assert (first.id, first.date, first.url, first.origin) == (
        "r1",
        "2021-03-02",
        "https://x.org/1",
        f"{path}:1",
    )
    assert (second.id, second.source, second.date) == ("2", "Example Times", "2021-03-02")
    assert second.text.startswith(PARAGRAPHS[0])
    assert [(s.reason, s.origin) for s in (empty, array, broken)] == [
        ("no_text", f"{path}:3"),
        ("bad_json", f"{path}:4"),
        ("bad_json", f"{path}:5"),
    ]


def test_ingest_formats_jsonl_field_names(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"doc": "d7", "body": TEXT, "published": "2020-01-05"}) + "\n")
    fields = JsonlFields(id="doc", text="body", date="published")
    article = _only([str(path)], IngestOptions(jsonl=fields))
    assert (article.id, article.date) == ("d7", "2020-01-05")


def test_ingest_formats_jsonl_line_over_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [
        json.dumps({"id": "big", "text": "word " * 5000}),
        json.dumps({"id": "ok", "text": TEXT}),
    ]
    path.write_text("\n".join(lines) + "\n")
    big, ok = read_articles([str(path)], options=IngestOptions(max_bytes=10_000))
    assert isinstance(big, Skip) and big.reason == "too_large" and big.origin == f"{path}:1"
    assert ok.id == "ok"


def _warc(path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, content_type, payload in [
            ("https://news.example/a", "text/html; charset=utf-8", _page().encode()),
            ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-03-05T08:00:00Z"},
            )
            writer.write_record(record)


def test_ingest_formats_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    page, image = read_articles([str(path)], options=OPTIONS)
    assert page.url == "https://news.example/a" and page.date == "2021-03-02"
    assert page.origin.startswith(f"{path}@") and page.text.startswith(PARAGRAPHS[0])
    assert isinstance(image, Skip) and image.reason == "not_html"
    html = tmp_path / "a.html"
    html.write_text(_page())
    assert page.text == _only([str(html)]).text


ESCAPED_HTML = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
FEEDS = {
    "rss": (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Talks</title><link>https://w.example/1</link>"
        "<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate>"
        f"<description>{ESCAPED_HTML}</description></item>"
        "<item><title>Empty</title></item></channel></rss>"
    ),
    "atom": (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        "<entry><title>Talks</title><link href='https://w.example/1'/>"
        "<published>2021-03-02T10:00:00Z</published>"
        f"<content type='html'>{ESCAPED_HTML}</content></entry>"
        "<entry><title>Empty</title></entry></feed>"
    ),
}


@pytest.mark.parametrize("kind", sorted(FEEDS))
def test_ingest_formats_feed(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"feed.{kind}"
    path.write_text(FEEDS[kind])
    item, empty = read_articles([str(path)], options=OPTIONS)
    assert (item.title, item.url, item.date, item.source) == (
        "Talks",
        "https://w.example/1",
        "2021-03-02",
        "Wire",
    )
    assert item.origin == f"{path}#1" and item.text.startswith(PARAGRAPHS[0])
    assert isinstance(empty, Skip) and empty.reason == "no_text" and empty.origin == f"{path}#2"


def test_ingest_formats_directory_and_glob_order(tmp_path: Path) -> None:
    for name in ["b/2.txt", "a/1.txt", "a/sub/3.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name} {TEXT}")
    from_dir = [a.origin for a in read_articles([str(tmp_path)], options=OPTIONS)]
    assert from_dir == [str(tmp_path / n) for n in ["a/1.txt", "a/sub/3.txt", "b/2.txt"]]
    from_glob = [a.origin for a in read_articles([str(tmp_path / "*" / "*.txt")], options=OPTIONS)]
    assert from_glob == [str(tmp_path / n) for n in ["a/1.txt", "b/2.txt"]]


@pytest.mark.parametrize(
    ("languages", "outcome"),
    [(frozenset({"en"}), "language:de"), (frozenset(), "article"), (frozenset({"de"}), "article")],
)
def test_ingest_formats_language_filter(tmp_path: Path, languages: frozenset[str], outcome: str) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Die Außenminister beider Länder trafen sich am Dienstag in Berlin und vereinbarten, "
        "die Gespräche über den Grenzstreit wieder aufzunehmen, teilten Beamte mit."
    )
    item = _only([str(path)], IngestOptions(languages=languages))
    assert (item.reason if isinstance(item, Skip) else "article") == outcome


def test_ingest_formats_warc_from_stdin_pipe(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    # Through `cat`, stdin is a real pipe: not seekable, no tell().
    with (
        path.open("rb") as handle,
        subprocess.Popen(["cat"], stdin=handle, stdout=subprocess.PIPE) as cat,
    ):
        done = subprocess.run(
            [sys.executable, "-m", "tacitus", "ingest", "-", "--report"],
            stdin=cat.stdout,
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert article["url"] == "https://news.example/a" and article["origin"].startswith("-@")
    assert "not_html: 1" in done.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n", "bad_warc"),
        (b"WARC/1.1\r\ngarbage without headers", "bad_warc"),
    ],
)
def test_ingest_formats_warc_without_responses(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "odd.warc"
    path.write_bytes(content)
    item = _only([str(path)])
    assert isinstance(item, Skip) and item.reason == reason


def test_ingest_formats_directory_skips_fifo(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "story.txt").write_text(TEXT)
    pipe, story = read_articles([str(tmp_path)])
    assert isinstance(pipe, Skip) and (pipe.origin, pipe.reason) == (str(tmp_path / "pipe"), "not_a_file")
    assert story.origin == str(tmp_path / "story.txt")


def test_ingest_formats_truncated_jsonl_gz_keeps_records_before_break(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{n}", "text": f"Story {n}. {TEXT}"}) for n in range(400)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_articles([str(path)], options=OPTIONS))
    articles = [item for item in items if not isinstance(item, Skip)]
    skips = [item.reason for item in items if isinstance(item, Skip)]
    assert skips in (["bad_gzip"], ["bad_json", "bad_gzip"])  # the cut line, if any, is bad_json
    assert 0 < len(articles) < 400
    assert [item.id for item in articles] == [f"r{n}" for n in range(len(articles))]


@pytest.mark.parametrize(
    ("text", "alone", "preferring_en"),
    [
        # English with a Pidgin turn: py3langid alone says pcm (0.74), English second (0.26).
        ("U.S. officials said the talks dey go well and dem go meet again next week.", "pcm", "en"),
        ("Die Regierung hat am Dienstag neue Gespräche mit der Opposition geführt.", "de", "de"),
    ],
)
def test_ingest_formats_language_prefers_wanted_close_second(
    text: str, alone: str, preferring_en: str
) -> None:
    from tacitus.ingest.language import detect_language

    assert detect_language(text)[0] == alone
    assert detect_language(text, frozenset({"en"}))[0] == preferring_en


def test_ingest_formats_jsonl_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b1", "text": TEXT}).encode() + b"\n")
    assert _only([str(path)]).id == "b1"


def test_ingest_formats_language_option_accepts_one_code() -> None:
    assert IngestOptions(languages="EN").languages == frozenset({"en"})  # type: ignore[arg-type]


def test_ingest_formats_html_declared_charset(tmp_path: Path) -> None:
    page = _page().replace("<head>", '<head><meta charset="windows-1252">')
    page = page.replace("in Oslo", "in Oslo’s café district")
    path = tmp_path / "cp1252.html"
    path.write_bytes(page.encode("cp1252"))
    article = _only([str(path)])
    assert "in Oslo's café district" in article.text
