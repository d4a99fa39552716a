"""The exercise library kept between runs: used while nothing changed, read again otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from trainer.core import content_cache
from trainer.core.content_cache import cached
from trainer.core.loader import Catalog, load_catalog
from trainer.paths import exercises_dir


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A copy of the shipped Dutch copy-typing exercises."""
    folder = tmp_path / "oefeningen"
    shutil.copytree(exercises_dir() / "nl" / "copy", folder)
    return folder


class Reader:
    """Reads the folder as the app does, and counts how often it had to."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.reads = 0

    def __call__(self) -> Catalog:
        self.reads += 1
        return load_catalog([self.folder])


def titles(catalog: Catalog) -> dict[str, str]:
    return {e.exercise.id: e.exercise.title for e in catalog.entries}


def test_an_unchanged_library_comes_from_the_cache(library: Path, tmp_path: Path) -> None:
    read = Reader(library)
    first = cached([library], read, tmp_path / "cache")
    again = cached([library], read, tmp_path / "cache")
    assert read.reads == 1
    assert titles(again) == titles(first) and titles(first)
    assert [e.path for e in again.entries] == [e.path for e in first.entries]


def test_an_edited_added_or_removed_file_is_read_again(library: Path, tmp_path: Path) -> None:
    read = Reader(library)
    cached([library], read, tmp_path / "cache")
    edited = next(library.glob("*.yaml"))
    text = edited.read_text(encoding="utf-8")
    old = titles(load_catalog([edited]))
    exercise_id, title = next(iter(old.items()))
    edited.write_text(text.replace(title, title + " (herzien)", 1), encoding="utf-8")
    assert titles(cached([library], read, tmp_path / "cache"))[exercise_id] == title + " (herzien)"
    extra = library / "extra.yaml"
    extra.write_text(text.replace(exercise_id, "nl-copy-extra-test", 1), encoding="utf-8")
    assert "nl-copy-extra-test" in titles(cached([library], read, tmp_path / "cache"))
    extra.unlink()
    assert "nl-copy-extra-test" not in titles(cached([library], read, tmp_path / "cache"))
    assert read.reads == 4


def test_a_damaged_or_foreign_cache_is_not_used(library: Path, tmp_path: Path) -> None:
    read = Reader(library)
    cache = tmp_path / "cache"
    expected = titles(cached([library], read, cache))
    (stored,) = cache.iterdir()
    stored.write_bytes(b"\x80\x05 not a pickle")
    assert titles(cached([library], read, cache)) == expected
    os.chmod(stored, 0o666)  # writable by others: whatever is in it is not loaded
    assert titles(cached([library], read, cache)) == expected
    assert read.reads == 3
    assert stored.stat().st_mode & 0o777 == 0o600  # written again, the user's own


def test_a_cache_that_cannot_be_written_only_costs_a_read(library: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("")
    read = Reader(library)
    assert titles(cached([library], read, blocker)) == titles(cached([library], read, blocker))
    assert read.reads == 2


def test_simultaan_code_is_part_of_the_key(library: Path, monkeypatch) -> None:
    before = content_cache.content_key([library])
    monkeypatch.setattr("trainer.__version__", "99.0")
    assert content_cache.content_key([library]) != before
