"""A coach's trainees in the store: renamed (the name stays unique, the journals keep the old
one), archived (hidden from the pick list and the default filters, never deleted), in groups;
and a store of an older Simultaan brought up to the groups' schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, Store
from trainer.store.session_filter import SessionFilter
from trainer.store.trainees import GroupNotEmpty, NameTaken


def _session(store: Store, trainee_id: int, folder: Path, name: str) -> int:
    journal = folder / f"{name}.jsonl"
    journal.write_text(json.dumps({"trainee": name}) + "\n", encoding="utf-8")
    sid = store.start_session(trainee_id, "nl-copy-01", "h", "Kopie", "practice", journal)
    store.finish_session(sid, "finished", {"passed": True, "typing": {"wpm": 30.0}})
    return sid


def test_a_renamed_trainee_keeps_their_sessions_and_journals(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    lotte = store.add_trainee("Lotte Peeters")
    store.add_trainee("Jonas Maes")
    sid = _session(store, lotte.id, tmp_path, "Lotte Peeters")
    assert store.rename_trainee(lotte.id, "  Lotte   Van Peeters ") == "Lotte Van Peeters"
    row = store.session(sid)
    assert row is not None and row.trainee == "Lotte Van Peeters"  # the store is the link
    assert json.loads(row.journal_path.read_text())["trainee"] == "Lotte Peeters"
    with pytest.raises(NameTaken):
        store.rename_trainee(lotte.id, "JONAS MAES")  # case does not count
    with pytest.raises(ValueError):
        store.rename_trainee(lotte.id, "   ")
    assert [t.name for t in store.trainees()] == ["Jonas Maes", "Lotte Van Peeters"]


def test_an_archived_trainee_is_hidden_by_default_and_comes_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    lotte, jonas = store.add_trainee("Lotte Peeters"), store.add_trainee("Jonas Maes")
    _session(store, lotte.id, tmp_path, "lotte")
    _session(store, jonas.id, tmp_path, "jonas")
    store.set_trainee_archived(jonas.id, True)
    assert [t.name for t in store.trainees(archived=False)] == ["Lotte Peeters"]
    assert [t.name for t in store.trainees()] == ["Jonas Maes", "Lotte Peeters"]
    active = [r.trainee for r in store.sessions(SessionFilter(archived=False))]
    assert active == ["Lotte Peeters"]
    assert len(list(store.sessions(SessionFilter()))) == 2  # nothing deleted
    assert [r.trainee for r in store.sessions(SessionFilter(archived=True))] == ["Jonas Maes"]
    store.set_trainee_archived(jonas.id, False)
    assert [t.name for t in store.trainees(archived=False)] == ["Jonas Maes", "Lotte Peeters"]


def test_groups_hold_trainees_one_group_each_and_only_an_empty_one_goes(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    lotte, jonas = store.add_trainee("Lotte Peeters"), store.add_trainee("Jonas Maes")
    _session(store, lotte.id, tmp_path, "lotte")
    _session(store, jonas.id, tmp_path, "jonas")
    morning, evening = store.add_group("Ochtendgroep"), store.add_group("Avondgroep")
    with pytest.raises(NameTaken):
        store.add_group("ochtendgroep")
    store.set_trainee_group(lotte.id, morning.id)
    store.set_trainee_group(lotte.id, evening.id)  # moved: in one group at most
    store.set_trainee_group(jonas.id, morning.id)
    assert {g.name: g.members for g in store.groups()} == {"Avondgroep": 1, "Ochtendgroep": 1}
    chosen = SessionFilter(group_ids=frozenset({evening.id}))
    assert [r.trainee for r in store.sessions(chosen)] == ["Lotte Peeters"]
    store.rename_group(evening.id, "Avondklas")
    with pytest.raises(NameTaken):
        store.rename_group(evening.id, "OCHTENDGROEP")
    with pytest.raises(GroupNotEmpty) as refused:
        store.delete_group(morning.id)
    assert refused.value.members == 1
    store.set_trainee_group(jonas.id, None)
    store.delete_group(morning.id)
    assert [g.name for g in store.groups()] == ["Avondklas"]
    assert store.trainee(jonas.id) is not None and store.trainee(jonas.id).group_id is None  # type: ignore[union-attr]


def test_a_store_of_an_older_simultaan_opens_and_gets_groups(tmp_path: Path) -> None:
    path = tmp_path / "simultaan.sqlite3"
    # a store as version 3 left it: its tables, a trainee with a language, a session
    with sqlite3.connect(path) as db:
        db.executescript("".join(_MIGRATIONS[n] for n in (1, 2, 3)) + "PRAGMA user_version = 3;")
        db.execute(
            "INSERT INTO trainees(name, created_at, language) VALUES ('Ine Claes', 'x', 'fr')"
        )
        db.execute(
            "INSERT INTO sessions(trainee_id, exercise_id, exercise_hash, mode, started_at,"
            " status, journal_path) VALUES (1, 'nl-copy-01', 'h', 'practice',"
            " '2026-03-02T09:41:07+01:00', 'finished', 'journals/a.jsonl')"
        )
    assert SCHEMA_VERSION >= 4  # (5: the assessments, tests/store/test_assessments.py)
    store = Store(path)
    [ine] = store.trainees(archived=False)
    assert (ine.name, ine.language, ine.group_id, ine.archived) == ("Ine Claes", "fr", None, False)
    group = store.add_group("Groep A")
    store.set_trainee_group(ine.id, group.id)
    assert len(list(store.sessions(SessionFilter(group_ids=frozenset({group.id}))))) == 1
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
