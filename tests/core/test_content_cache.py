"""The exercise library kept between runs: used while nothing changed, read again otherwise."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.probes import run_probe
from trainer.core import content_cache
from trainer.core.content_cache import CachedContent, cached
from trainer.core.exercise_list import LANGUAGE_ORDER, listing_of
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


def rows_kept(library: Path, cache: Path) -> Catalog:
    """The library read through the cache, with the exercise list's rows kept beside it."""
    return cached([library], Reader(library), cache, index=listing_of)


def test_the_list_rows_are_read_without_the_models(library: Path, tmp_path: Path) -> None:
    catalog = rows_kept(library, tmp_path / "cache")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from trainer.core.content_cache import CachedContent\n"
        "rows = CachedContent([Path(sys.argv[1])], Path(sys.argv[2])).index\n"
        "loaded = [m for m in ('pydantic', 'trainer.core.exercise') if m in sys.modules]\n"
        "print(loaded, [(r.id, r.title, r.level, r.margin) for r in rows])\n"
    )
    said = run_probe(probe, str(library), str(tmp_path / "cache"))
    expected = [
        (e.exercise.id, e.exercise.title, e.exercise.level, float(e.exercise.margin))
        for e in catalog.entries
    ]
    assert said == f"[] {sorted(expected, key=lambda r: (r[2], r[0]))}"


def test_rows_of_a_changed_library_are_not_shown(library: Path, tmp_path: Path) -> None:
    rows_kept(library, tmp_path / "cache")
    assert CachedContent([library], tmp_path / "cache").index
    next(library.glob("*.yaml")).write_text("id: nl-kapot\n", encoding="utf-8")
    assert CachedContent([library], tmp_path / "cache").index is None  # read again, then
    rows_kept(library, tmp_path / "cache")  # a broken file: the list waits for the catalog
    assert CachedContent([library], tmp_path / "cache").index is None


def test_another_pydantic_is_another_key(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = tmp_path / "site" / "pydantic"
    installed.mkdir(parents=True)
    (installed / "version.py").write_text("VERSION = '2.11.0'\n")
    spec = SimpleNamespace(origin=str(installed / "__init__.py"))
    monkeypatch.setattr("importlib.util.find_spec", lambda name: spec)
    before = content_cache.content_key([library])
    (installed / "version.py").write_text("VERSION = '2.12.10'\n")  # upgraded
    assert content_cache.content_key([library]) != before


def test_the_list_orders_the_languages_the_exercises_have() -> None:
    from trainer.core.exercise import LANGUAGES

    assert LANGUAGE_ORDER == LANGUAGES
