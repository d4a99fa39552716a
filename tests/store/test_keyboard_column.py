"""The keyboard a trainee types on, kept with the trainee (store schema 6): a store of the
version before opens with everything in it and every trainee on their language's keyboard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, STORE_FILE, Store


def test_a_schema_5_store_opens_and_keeps_a_keyboard_per_trainee(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:  # a store as version 5 left it: a trainee, a session
        db.executescript("".join(_MIGRATIONS[n] for n in range(1, 6)) + "PRAGMA user_version = 5;")
        db.execute("INSERT INTO trainee_groups(name, created_at) VALUES ('Avondklas', 'x')")
        db.execute(
            "INSERT INTO trainees(name, created_at, language, group_id)"
            " VALUES ('Ine Claes', 'x', 'fr', 1)"
        )
        db.execute("INSERT INTO trainees(name, created_at) VALUES ('Jonas Peeters', 'x')")
        db.execute(
            "INSERT INTO sessions(trainee_id, exercise_id, exercise_hash, mode, started_at,"
            " status, journal_path) VALUES (1, 'nl-copy-01', 'h', 'practice',"
            " '2026-03-02T09:41:07+01:00', 'finished', 'journals/a.jsonl')"
        )
    assert SCHEMA_VERSION >= 6  # (and brought up to the newest)
    store = Store(path)
    ine, jonas = store.trainees()
    assert (ine.name, ine.language, ine.group_id, ine.keyboard) == ("Ine Claes", "fr", 1, None)
    assert jonas.keyboard is None  # nobody chose one yet: the language's, as before
    store.set_trainee_keyboard(ine.id, "fr")
    with pytest.raises(ValueError, match="dvorak"):
        store.set_trainee_keyboard(jonas.id, "dvorak")
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    again = Store(path)  # kept: read back in another opening
    assert [t.keyboard for t in again.trainees()] == ["fr", None]
    again.set_trainee_keyboard(ine.id, None)  # back to the language's
    assert again.trainee(ine.id).keyboard is None  # type: ignore[union-attr]
    again.close()


def test_a_new_store_has_the_column_too(tmp_path: Path) -> None:
    store = Store(tmp_path / STORE_FILE)
    sofie = store.add_trainee("Sofie Maes")
    store.set_trainee_keyboard(sofie.id, "us")
    assert store.trainee_named("sofie maes").keyboard == "us"
    store.close()
