"""The coach's filter as SQL: a trainee's sessions are found through the store's index, and an
empty choice selects nothing rather than everything."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from trainer.store.db import Store
from trainer.store.session_filter import SessionFilter


def plan(store: Store, chosen: SessionFilter) -> str:
    where, args = chosen.where()
    rows = store._db.execute(
        "EXPLAIN QUERY PLAN SELECT s.id FROM sessions s JOIN trainees t ON t.id = s.trainee_id"
        f" WHERE {where} ORDER BY s.started_at, s.id",
        args,
    )
    return " | ".join(r[3] for r in rows)


def test_a_trainees_sessions_between_two_days_are_read_through_the_index(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    chosen = SessionFilter(
        trainee_ids=frozenset({3, 4}), since=date(2026, 1, 1), until=date(2026, 1, 31)
    )
    # (a condition on date(started_at) would read every row of the trainee instead)
    found = "sessions_by_trainee (trainee_id=? AND started_at>? AND started_at<?)"
    assert found in plan(store, chosen)


def test_an_empty_choice_of_exercises_selects_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    trainee = store.add_trainee("Lotte Peeters")
    store.start_session(trainee.id, "nl-copy-01", "h", "T", "practice", tmp_path / "j.jsonl")
    assert len(list(store.sessions(SessionFilter()))) == 1
    assert list(store.sessions(SessionFilter(exercise_ids=frozenset()))) == []
    assert len(list(store.sessions(SessionFilter(exercise_ids=frozenset({"nl-copy-01"}))))) == 1
    running = SessionFilter(ended_only=True)
    assert list(store.sessions(running)) == []
