"""A coach reviewing a 30-minute exam: the replay of a 12,000-character copy drill typed with
~3% errors (400 keystrokes a minute, Backspace corrections among them) opened from its journal
as the "Terugkijken" button opens it, then the clock moved 5 s on with the Right key, again and
again from the middle of the exam: each step aligns the text typed by then with the reference
and draws it. Timed from the key event to the window's repaint.

In the normal test run each benchmark runs once, untimed: after the steps, the clock must
stand where they took it and the typed line of the text shown must be what the journal's keys
had made by then.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.ui.test_replay_view import typed_by, typed_lines
from trainer.core.exercise import CopyExercise
from trainer.core.journal import KeyEvent, read_journal
from trainer.core.replay import replay_of
from trainer.core.scoring import SessionResult
from trainer.ui.replay_view import STEP_SECONDS, ReplayView

STEPS = 40  # Right presses, from the middle of the exam


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """A drill's replay plays no sound; no device is looked for."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def _open(exercise: CopyExercise, path: Path, result: SessionResult) -> ReplayView:
    """What the Terugkijken button does once the session is chosen: its journal read, the
    replay made, the window shown."""
    replay = replay_of(exercise, read_journal(path), result, exercise.text)  # type: ignore[arg-type]
    view = ReplayView(replay, exercise, exercise.text)
    view.show()
    view.repaint()
    return view


def test_bench_a_long_exams_replay_opens(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures, long_exam: Any
) -> None:
    views: list[ReplayView] = []

    def open_replay() -> ReplayView:
        view = _open(*long_exam)
        views.append(view)
        return view

    try:
        view = benchmark.pedantic(open_replay, rounds=5, iterations=1, warmup_rounds=1)
        if (median := median_ms(benchmark)) is not None:
            figures.record("replay_12000_open_ms", median)
        assert view.t == 0.0
        assert view.replay.duration > 1800
    finally:
        for v in views:
            v.close()


def test_bench_a_long_exams_replay_steps_on_with_the_right_key(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures, long_exam: Any
) -> None:
    path = long_exam[1]
    view = _open(*long_exam)
    qtbot.addWidget(view)
    qtbot.waitExposed(view)
    steps: list[float] = []

    def step_on() -> None:
        view.seek(view.replay.duration / 2)
        QApplication.processEvents()
        for _ in range(STEPS):
            pressed = time.perf_counter()
            qtbot.keyClick(view.mark_list, Qt.Key.Key_Right)
            view.repaint()
            steps.append(time.perf_counter() - pressed)

    benchmark.pedantic(step_on, rounds=3, iterations=1, warmup_rounds=0)
    if median_ms(benchmark) is not None:
        figures.record("replay_12000_step_ms", statistics.median(steps) * 1000)
        figures.record("replay_12000_step_max_ms", max(steps) * 1000)

    # where the steps took the clock, the text the keys had made, under the reference
    assert view.t == pytest.approx(view.replay.duration / 2 + STEPS * STEP_SECONDS)
    keys = [e for e in read_journal(path).events if isinstance(e, KeyEvent)]
    typed = typed_by(keys, view.t)
    assert len(typed) > 6_000
    shown = "".join(typed_lines(view)).replace("·", "")
    assert shown.replace(" ", "") == typed.rstrip().replace(" ", "")
