"""The exercise list's marks: what a trainee did and passed, with the best result, from one
grouped query of the store."""

from __future__ import annotations

from pathlib import Path

from tests.generated import cached
from trainer.store.db import STORE_FILE, Store
from trainer.store.exercise_marks import exercise_marks


def session(
    store: Store, trainee: int, exercise: str, status: str, passed: bool, rate: float, wpm: float
) -> None:
    sid = store.start_session(trainee, exercise, "h", exercise, "practice", Path("j.jsonl"))
    typing = {"error_rate": rate, "unit": "word", "margin": "0.03", "wpm": wpm}
    store.finish_session(sid, status, {"passed": passed, "typing": typing})


def test_the_best_result_is_a_pass_with_the_fewest_errors_then_the_fastest(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / STORE_FILE)
    an = store.add_trainee("An").id
    bert = store.add_trainee("Bert").id
    session(store, an, "nl-copy-01", "finished", False, 0.01, 50.0)  # fewer errors, too slow
    session(store, an, "nl-copy-01", "finished", True, 0.021, 38.0)
    session(store, an, "nl-copy-01", "time_up", True, 0.021, 41.0)  # as few, faster: the best
    session(store, an, "nl-copy-01", "finished", True, 0.029, 60.0)
    session(store, an, "nl-copy-02", "finished", False, 0.08, 30.0)
    session(store, an, "nl-copy-02", "finished", False, 0.05, 25.0)
    session(store, an, "nl-copy-03", "abandoned", False, 0.0, 50.0)  # stopped: not done
    session(store, bert, "nl-copy-03", "finished", True, 0.0, 20.0)
    marks = exercise_marks(store, an)
    assert set(marks) == {"nl-copy-01", "nl-copy-02"}
    first, second = marks["nl-copy-01"], marks["nl-copy-02"]
    assert (first.attempts, first.passes, first.passed) == (4, 3, True)
    assert (first.error_rate, first.wpm) == (0.021, 41.0)
    assert (second.attempts, second.passes, second.passed) == (2, 0, False)
    assert (second.error_rate, second.wpm) == (0.05, 25.0)  # the best of the fails
    assert set(exercise_marks(store, bert)) == {"nl-copy-03"}
    store.close()


def test_a_generated_store_is_marked_per_exercise_for_each_trainee() -> None:
    store = Store(cached(300, 50) / STORE_FILE)
    try:
        for trainee in store.trainees()[:5]:
            marks = exercise_marks(store, trainee.id)
            rows = [
                r
                for r in store.recent_sessions(trainee.id, 10_000)
                if r.status in ("finished", "time_up")
            ]
            assert {r.exercise_id for r in rows} == set(marks)
            for exercise_id, mark in marks.items():
                mine = [r for r in rows if r.exercise_id == exercise_id]
                assert mark.attempts == len(mine)
                assert mark.passes == sum(bool(r.passed) for r in mine)
                rates = [r.error_rate for r in mine if r.passed and r.error_rate is not None]
                if mark.passed and rates:
                    assert mark.error_rate == min(rates)
    finally:
        store.close()
