"""Shared fixtures: the shared/ development data (skipped where absent) and the loaded model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# TACITUS_SHARED points elsewhere when the repo is not beside shared/; a git
# worktree under wt/ finds it one level further up.
SHARED = Path(
    os.environ.get("TACITUS_SHARED")
    or next(
        (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
        ROOT.parent / "shared",
    )
)


def shared_path(relative: str) -> Path:
    """Path of a file under ../shared, or skip the test with the reason."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative} (development data, not shipped with Tacitus)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from tacitus.nlp import load_model

    return load_model()
