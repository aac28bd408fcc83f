"""The pickled gazetteer: the same places and names as a fresh build, and a broken file rebuilt."""

from __future__ import annotations

import pytest

from tacitus.places import gazetteer as gazetteer_module
from tacitus.places.gazetteer import _build, _cache_file, gazetteer_fingerprint, load_gazetteer


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty cache directory and no gazetteer loaded in this process (restored afterwards)."""
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer_module, "_cache", {})
    return tmp_path


@pytest.fixture(scope="module")
def built():
    return _build()


def _same(left, right) -> None:
    assert left.places == right.places
    assert left.by_name == right.by_name
    assert left.target_index == right.target_index
    assert (left.countries, left.neighbours, left.demonyms, left.not_places) == (
        right.countries,
        right.neighbours,
        right.demonyms,
        right.not_places,
    )


def test_gazetteer_cache_loads_what_was_built(private_cache, built):
    first = load_gazetteer()  # built and written
    cache_file = _cache_file(gazetteer_fingerprint())
    assert cache_file.parent == private_cache and cache_file.exists()
    gazetteer_module._cache.clear()
    second = load_gazetteer()  # read back from the pickle
    assert second is not first
    _same(second, built)
    assert second.lookup("Tbilisi")[0][0].iso2 == "GE"


def test_gazetteer_cache_broken_file_is_rebuilt(private_cache, built):
    cache_file = _cache_file(gazetteer_fingerprint())
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(b"not a pickle at all")
    _same(load_gazetteer(), built)
    gazetteer_module._cache.clear()
    _same(load_gazetteer(), built)  # the rewritten file is whole


def test_gazetteer_cache_unwritable_directory_still_loads(tmp_path, monkeypatch, built):
    blocker = tmp_path / "file-not-directory"
    blocker.write_text("x")
    monkeypatch.setenv("TACITUS_CACHE_DIR", str(blocker))
    monkeypatch.setattr(gazetteer_module, "_cache", {})
    _same(load_gazetteer(), built)
