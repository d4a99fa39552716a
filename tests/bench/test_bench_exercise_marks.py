"""The exercise list's marks on a coach's whole store: 10,000 sessions of 50 trainees (made by
``scripts/generate_store.py``, kept under /tmp by ``tests.generated.cached``). In the normal
test run (untimed) a 300-session store checks the same without the minute it takes to make."""

from __future__ import annotations

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.generated import cached
from trainer.store.db import STORE_FILE, Store
from trainer.store.exercise_marks import exercise_marks


def test_bench_the_marks_of_one_trainee(benchmark: BenchmarkFixture, figures: Figures) -> None:
    sessions = 300 if benchmark.disabled else 10_000
    store = Store(cached(sessions, 50) / STORE_FILE)
    trainees = store.trainees()
    # the trainee with the most sessions: the longest list to group
    busiest = max(trainees, key=lambda t: len(store.recent_sessions(t.id, 100_000)))
    try:
        marks = benchmark.pedantic(
            exercise_marks, args=(store, busiest.id), rounds=20, iterations=1, warmup_rounds=2
        )
    finally:
        store.close()
    if (median := median_ms(benchmark)) is not None:
        figures.record("exercise_marks_10000_ms", median)
    assert marks and all(m.attempts >= m.passes for m in marks.values())
