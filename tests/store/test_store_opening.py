"""Opening the store at every start: checked, never written, so the first frame does not wait
for a transaction and its fsync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from trainer.store import Store
from trainer.store.db import SCHEMA_VERSION


def _changes(path: Path) -> int:
    """How many changes SQLite counts in the file (its change counter, bytes 24-27)."""
    return int.from_bytes(path.read_bytes()[24:28], "big")


def test_an_existing_store_is_opened_without_a_write(tmp_path: Path) -> None:
    path = tmp_path / "simultaan.sqlite3"
    store = Store(path)
    store.add_trainee("Sofie Maes")
    store.close()
    before = _changes(path)
    for _ in range(3):
        Store(path).close()
    assert _changes(path) == before
    assert [t.name for t in Store(path).trainees()] == ["Sofie Maes"]


def test_a_new_or_empty_store_gets_its_tables(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.sqlite3"
    sqlite3.connect(empty).close()  # a file SQLite knows, without Simultaan's tables
    for path in (tmp_path / "nieuw.sqlite3", empty):
        store = Store(path)
        assert store.add_trainee("Jonas Peeters").name == "Jonas Peeters"
        store.close()
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
