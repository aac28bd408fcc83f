"""Both engines share one batch function; the local engine never imports Ray; option errors."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

from store_records import ROOT, article, invoke_tacitus
from tacitus.pipeline.batch import code_batch, load_stages
from tacitus.pipeline.coding import CodingPool, build_coder
from tacitus.scale import RayNotInstalledError, run_ray

EXAMPLES = str(resources.files("tacitus").joinpath("data", "examples", "articles.jsonl"))

NO_RAY_SCRIPT = """
import sys
from tacitus.cli import commands
from tacitus import scale
from tacitus.pipeline import RunOptions, run
report = run([sys.argv[1]], db=sys.argv[2], options=RunOptions(workers=1))
print(report.coded, "ray" in sys.modules)
"""


@pytest.fixture(scope="module")
def coder():
    return build_coder()


@pytest.mark.parametrize(
    "texts",
    [
        (
            "China and Russia signed a trade agreement on Monday.",
            "Israeli troops attacked Hamas positions in Gaza.",
        )
    ],
)
def test_scale_batch_copies_kept_in_order_not_coded(coder, texts):
    first, second = article("a1", texts[0]), article("a3", texts[1])
    copy = article("a2", texts[0])
    copy.duplicate_of = "a1"
    stored = code_batch([first, copy, second], coder, load_stages())
    assert [(s.article.id, s.status) for s in stored] == [
        ("a1", "coded"),
        ("a2", "duplicate"),
        ("a3", "coded"),
    ]
    assert stored[0].events and stored[2].events and not stored[1].events


@pytest.mark.parametrize("workers", [1])
def test_scale_batch_is_what_the_local_engine_runs(coder, workers):
    articles = [
        article(f"a{i}", text)
        for i, text in enumerate(
            ["Iran threatened Israel.", "France praised Germany.", "Egypt hosted talks."]
        )
    ]
    with CodingPool(coder, workers) as pool:
        ((_, local),) = list(pool.code([articles]))
    direct = code_batch(articles, coder, load_stages())
    assert [[e.as_dict() for e in s.events] for s in local] == [
        [e.as_dict() for e in s.events] for s in direct
    ]


@pytest.mark.parametrize("script", [NO_RAY_SCRIPT])
def test_scale_local_engine_never_imports_ray(tmp_path, script):
    result = subprocess.run(
        [sys.executable, "-c", script, EXAMPLES, str(tmp_path / "t.duckdb")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    coded, imported = result.stdout.split()
    assert int(coded) > 0
    assert imported == "False"


@pytest.mark.parametrize(
    "message",
    [
        "[E054] --engine ray needs Ray, which is not installed - from a checkout: pip install '.[ray]' "
        "(or use the local engine: leave out --engine)"
    ],
)
def test_scale_ray_missing_says_how_to_install(tmp_path, capsys, monkeypatch, message):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` does without Ray
    with pytest.raises(RayNotInstalledError) as raised:
        run_ray([EXAMPLES], out=str(tmp_path / "shards"))
    assert str(raised.value) == message
    code, _, err = invoke_tacitus(
        capsys, "run", EXAMPLES, "--engine", "ray", "--out", str(tmp_path / "shards")
    )
    assert (code, err) == (1, f"Error: {message}\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--engine", "ray"],
            "Error: --engine ray needs --out DIR - e.g. --out shards/ "
            "(then tacitus load shards/ --db news.duckdb)",
        ),
        (["--out", "shards"], "Error: --out is only for --engine ray - add --engine ray or leave it out"),
        (
            ["--address", "auto"],
            "Error: --address is only for --engine ray - add --engine ray or leave it out",
        ),
    ],
)
def test_scale_run_engine_options_checked_first(tmp_path, capsys, options, message):
    code, _, err = invoke_tacitus(capsys, "run", EXAMPLES, "--db", str(tmp_path / "t.duckdb"), *options)
    assert code == 2
    assert err.splitlines()[-1] == message
    assert not (tmp_path / "t.duckdb").exists()


@pytest.mark.parametrize(
    "message",
    ["Error: [E001] --engine ray cannot read stdin (-) - write the input to a file that every node can read"],
)
def test_scale_run_ray_rejects_stdin(tmp_path, capsys, message):
    code, _, err = invoke_tacitus(capsys, "run", "-", "--engine", "ray", "--out", str(tmp_path))
    assert (code, err) == (1, message + "\n")
