"""The per-key statistics' parts kept on disk: a start of the app reads a trainee's journals
again only when they changed, and a damaged cache file is as if there were none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.generated import generate
from trainer.core.clips import load_shipped_library
from trainer.core.key_stats import key_stats
from trainer.core.keyboard import load_layout
from trainer.core.loader import Catalog, load_catalog
from trainer.paths import assets_dir, audio_dir, exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.store.progress import KEYS_CACHE, KeyPartsCache, journaled, key_parts

LAYOUT = load_layout(assets_dir() / "keyboards" / "be.json")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("store"), 24, 1, jobs=1)


def test_a_new_run_takes_the_parts_from_disk_until_a_journal_changes(folder: Path) -> None:
    store = Store(folder / STORE_FILE)
    library = load_shipped_library(audio_dir())
    catalog = load_catalog([exercises_dir()], library.languages)
    trainee = store.trainees()[0].id
    sessions = journaled(store, trainee)
    first = KeyPartsCache(folder / KEYS_CACHE)
    parts, skipped = key_parts(sessions, catalog, library.transcripts, LAYOUT, first)
    assert skipped == 0 and len(parts) == len(sessions)
    first.save(trainee, sessions)
    assert os.stat(folder / KEYS_CACHE / f"keys-{trainee}.json").st_mode & 0o777 == 0o600

    # the next run: with no exercises at all, only the parts kept can count
    again = KeyPartsCache(folder / KEYS_CACHE)
    again.load(trainee)
    kept, skipped = key_parts(sessions, Catalog(), {}, LAYOUT, again)
    assert skipped == 0
    assert key_stats(LAYOUT, kept) == key_stats(LAYOUT, parts)

    # a journal written to since: read again (and, with no exercises, not counted)
    changed = sessions[0].journal
    os.utime(changed, ns=(0, changed.stat().st_mtime_ns + 1_000_000))
    third = KeyPartsCache(folder / KEYS_CACHE)
    third.load(trainee)
    _kept, skipped = key_parts(sessions, Catalog(), {}, LAYOUT, third)
    assert skipped == 1
    store.close()


def test_a_damaged_cache_file_is_as_if_there_were_none(folder: Path, tmp_path: Path) -> None:
    store = Store(folder / STORE_FILE)
    trainee = store.trainees()[0].id
    sessions = journaled(store, trainee)
    (tmp_path / f"keys-{trainee}.json").write_text('{"version": 1, "parts": [{"sess', "utf-8")
    cache = KeyPartsCache(tmp_path)
    cache.load(trainee)  # no exception: the journals are the truth
    _kept, skipped = key_parts(sessions, Catalog(), {}, LAYOUT, cache)
    assert skipped == len(sessions)
    store.close()
