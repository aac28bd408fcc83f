"""The built wheel works outside the repository: every package file is in it, and `tacitus demo`
runs from a fresh virtual environment in a folder far from the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from store_records import ROOT

SOURCE_FILES = ("pyproject.toml", "README.md", "NOTICE")


def _clean_env(**extra: str) -> dict[str, str]:
    """This environment without what points at the checkout (PYTHONPATH=src would show pip and
    Python the checkout's tacitus)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TACITUS_DB")}
    return {**env, **extra}


def _package_files(root: Path) -> set[str]:
    """Files a wheel must carry: everything under src/tacitus but caches and dotfiles."""
    found = set()
    for path in (root / "src" / "tacitus").rglob("*"):
        relative = path.relative_to(root / "src")
        if path.is_file() and "__pycache__" not in relative.parts and not path.name.startswith("."):
            found.add(relative.as_posix())
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip install .` would build, from a copy of the sources (a stale build/ folder
    in the checkout cannot leak into it), with pip's isolated build (setuptools from the index)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in SOURCE_FILES:
        shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(work / "dist"),
            ".",
        ],
        cwd=source,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, f"pip wheel failed (it needs setuptools from the index):\n{built.stderr}"
    (found,) = (work / "dist").glob("tacitus-*.whl")
    return found


@pytest.mark.slow
def test_package_wheel_carries_every_package_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_package_files(ROOT) - names)
    assert not missing, f"add their patterns to [tool.setuptools.package-data]: {missing}"
    for needed in (
        "tacitus/store/migrations/0001_initial.sql",
        "tacitus/data/examples/articles.jsonl",
        "tacitus/data/dictionaries/petrarch2/CAMEO.2.0.txt",
        "tacitus/dashboard/static/index.html",
        "tacitus/dashboard/static/vendor/uPlot.iife.min.js",
    ):
        assert needed in names


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed from the file alone (--no-index); its
    dependencies come from this interpreter's site-packages through a .pth file, so nothing is
    downloaded and the checkout's editable install (a .pth there) is not on its path."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", str(wheel)],
        cwd=env_dir,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    # After the install: pip would take the checkout's tacitus there for this one, and skip it.
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


@pytest.mark.slow
def test_package_wheel_demo_runs_outside_the_repo(venv, tmp_path):
    env = _clean_env(TACITUS_CACHE_DIR=str(tmp_path / "cache"))
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import tacitus; print(tacitus.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv)), f"tacitus imported from {where}, not from the installed wheel"
    demo = subprocess.run(
        [venv / "bin" / "tacitus", "demo", "--db", "demo.duckdb", "--workers", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    assert "articles: 8 (8 coded)" in demo.stdout
    page = subprocess.run(
        [
            venv / "bin" / "tacitus",
            "serve",
            "--db",
            "demo.duckdb",
            "--get",
            "/static/vendor/uPlot.iife.min.js",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert page.returncode == 0 and "uPlot" in page.stdout
