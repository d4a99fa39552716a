"""A practice drill made (Ctrl+P) for a trainee preparing an exam: their last 30 sessions are
5,000-character copy texts typed with errors (tests/store/test_practice_history.py makes them).
The drill is made on the GUI thread, so this is how long the window waits. In the normal test
run (untimed) three such sessions check the same."""

from __future__ import annotations

from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.store.test_practice_history import MISSED, trainee_with_sessions
from trainer.core.clips import load_shipped_library
from trainer.paths import audio_dir
from trainer.store.practice_history import make_drill


def test_bench_a_practice_drill_after_thirty_exams(
    benchmark: BenchmarkFixture, figures: Figures, tmp_path: Path
) -> None:
    sessions = 3 if benchmark.disabled else 30
    store, trainee, catalog = trainee_with_sessions(tmp_path, 5_000, sessions, library=True)
    transcripts = load_shipped_library(audio_dir()).transcripts
    made = tmp_path / "data"
    made.mkdir()
    try:
        entry = benchmark.pedantic(
            make_drill, args=(store, catalog, trainee, made, transcripts), rounds=5, iterations=1
        )
    finally:
        store.close()
    if (median := median_ms(benchmark)) is not None:
        figures.record("practice_drill_30_exams_ms", median)
    # the drill trains the letter the newest session missed, in library sentences
    newest = MISSED[(sessions - 1) % len(MISSED)]
    assert entry.exercise.title.startswith(f"Oefenen: {newest}")
