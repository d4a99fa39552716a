"""A coach's language per trainee: a column added to stores of earlier versions, kept as set."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from trainer.store import Store
from trainer.store.db import _SCHEMA, SCHEMA_VERSION


def _version_1_store(path: Path) -> None:
    """A store as Simultaan made it before trainees had a language, with one trainee."""
    with sqlite3.connect(path) as db:
        db.executescript(_SCHEMA)
        db.execute(
            "INSERT INTO trainees(name, created_at) VALUES ('Sofie Maes', '2026-11-02T09:00')"
        )
        db.execute("PRAGMA user_version = 1")


def test_an_earlier_store_gets_the_language_column_and_keeps_its_trainees(
    tmp_path: Path,
) -> None:
    path = tmp_path / "simultaan.sqlite3"
    _version_1_store(path)
    store = Store(path)
    [sofie] = store.trainees()
    assert (sofie.name, sofie.language) == ("Sofie Maes", None)
    store.set_trainee_language(sofie.id, "fr")
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    reopened = Store(path)
    assert reopened.trainee(sofie.id).language == "fr"
    assert reopened.trainee_named("sofie maes").language == "fr"
    reopened.set_trainee_language(sofie.id, None)  # back to the app's language
    assert reopened.trainees()[0].language is None


def test_only_a_language_of_simultaan_can_be_set(tmp_path: Path) -> None:
    store = Store(tmp_path / "simultaan.sqlite3")
    jonas = store.add_trainee("Jonas Peeters")
    with pytest.raises(ValueError):
        store.set_trainee_language(jonas.id, "de")
    assert store.trainee(jonas.id).language is None
