"""`tacitus ingest` and `tacitus clean` on the command line: output, report, error lines, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tacitus.cli import command_group

cli = command_group()
STORY = (
    "Ministers agree to resume border talks\n\n$ 89.7\n\n"
    "maxresdefault 1The foreign ministers of the "
    "two countries met in Geneva on Tuesday and agreed to resume talks on the border dispute, "
    "officials said after the meeting.\n"
)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 4)
    return path


def test_ingest_cli_writes_jsonl_and_report(story: Path) -> None:
    out = story.parent / "articles.jsonl"  # inside the input directory: must not be read
    result = CliRunner().invoke(cli, ["ingest", str(story.parent), "--out", str(out), "--report"])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert article["title"] == "Ministers agree to resume border talks"
    assert article["text"].startswith("The foreign ministers")
    assert (
        "articles: 1 (duplicates marked: 0)\nundated: 1 (no date: 1, unreadable: 0)\n"
        "skipped: 2\n  binary: 1\n  excluded: 1\ntotal: 3"
    ) in result.output


def test_ingest_cli_reads_stdin() -> None:
    result = CliRunner().invoke(cli, ["ingest", "-"], input=STORY)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["origin"] == "-"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ingest", "/no/such/file.txt"],
            "[E001] input /no/such/file.txt does not exist - check the path or quote the glob",
        ),
        (
            ["ingest", "/no/such/*.html"],
            "[E001] glob /no/such/*.html matches no file - check the pattern",
        ),
    ],
)
def test_ingest_cli_user_error_is_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert str(result.exception) == message


def test_ingest_cli_bad_out_path(story: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(story), "--out", "/no/such/dir/a.jsonl"])
    assert result.exit_code == 2
    assert (
        "cannot write /no/such/dir/a.jsonl (No such file or directory) - check the directory exists"
        in result.output
    )


def test_clean_cli_explain_lists_removals(story: Path) -> None:
    result = CliRunner().invoke(cli, ["clean", "--explain", str(story)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"{story}:1\ttitle\tfirst_line_title\t'Ministers agree to resume border talks'" in lines
    assert f"{story}:3\tdrop\tticker\t'$ 89.7'" in lines
    assert f"{story}:5\tstrip\tglued_image_file\t'maxresdefault 1'" in lines


def test_clean_cli_prints_clean_text(story: Path) -> None:
    result = CliRunner().invoke(cli, ["clean", str(story)])
    assert result.output.startswith("The foreign ministers of the two countries met in Geneva")


@pytest.mark.parametrize("command", ["ingest", "clean"])
def test_ingest_cli_help_has_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_ingest_cli_missing_rules_file(story: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(story), "--rules", "/no/rules.toml"])
    assert str(result.exception) == (
        "[E001] cleaning rules file /no/rules.toml does not exist - give the path of a patterns.toml"
    )


def test_ingest_cli_output_is_byte_identical_across_runs(story: Path) -> None:
    (story.parent / "copy.txt").write_text(STORY)
    runs = [CliRunner().invoke(cli, ["ingest", str(story.parent)]).output for _ in range(2)]
    assert runs[0] == runs[1] and runs[0].count("\n") == 2
    assert '"duplicate_of": "' in runs[0]  # the copy points at the first article


def test_ingest_cli_jsonl_field_names(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "body": STORY}) + "\n")
    result = CliRunner().invoke(cli, ["ingest", str(path), "--field", "text=body", "--field", "id=doc_id"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["id"] == "d1"


def test_ingest_cli_bad_field_option(story: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", str(story), "--field", "body"])
    assert result.exit_code == 2
    assert "'body' is not NAME=KEY - use one of id, text, html, title, date, url" in result.output


@pytest.mark.parametrize("override", ["\u202e"])
def test_clean_cli_explain_counts_bidi_controls(tmp_path: Path, override: str) -> None:
    """U+202E in the text, title, source and id: dropped everywhere and counted once per character."""
    record = {
        "id": f"bidi-{override}1",
        "title": f"The {override}evil plan",
        "source": f"wire{override}",
        "text": f"France {override}evil criticized Germany over trade in Paris on Monday.",
    }
    path = tmp_path / "bidi.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = CliRunner().invoke(cli, ["clean", "--explain", str(path)])
    assert f"{path}:1\treplace\tbidi_controls\t4 time(s)" in result.output.splitlines()
    ingested = CliRunner().invoke(cli, ["ingest", str(path)])
    article = json.loads(ingested.output)
    assert (article["id"], article["title"], article["source"]) == ("bidi-1", "The evil plan", "wire")
    assert override not in ingested.output


@pytest.mark.parametrize("limit", [2000])
def test_ingest_cli_full_disk_is_one_line(tmp_path: Path, limit: int) -> None:
    """A file size limit (RLIMIT_FSIZE) fills the disk for real: once a traceback, now one line."""
    import os
    import subprocess
    import sys

    inputs = tmp_path / "news.jsonl"
    record = {"text": "The foreign ministers of France and Germany met in Paris on Tuesday. " * 5}
    inputs.write_text("".join(json.dumps({**record, "id": f"a{n}"}) + "\n" for n in range(50)))
    out = tmp_path / "articles.jsonl"
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2);"
        " sys.argv = ['tacitus', *sys.argv[2:]]; from tacitus.cli import main; main()"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script, str(limit), "ingest", str(inputs), "--out", str(out)],
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: [E045] writing {out} failed: File too large - free space or choose "
        "another --out; the lines written before are whole, the last one may be cut\n"
    )
