"""Calls: scoring a whole call from its journal, and how close to their due time the desk
shows the timeline's events (budget 20 ms).

Timed with ``./run-tests --bench``; in the normal run each benchmark runs once, untimed.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.core.test_shipped_calls import CALLS, LIBRARY, simulate
from tests.journals import write_journal
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ScenarioEvent, read_journal
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score
from trainer.store import Store


def test_bench_score_a_level_4_call(
    benchmark: BenchmarkFixture, tmp_path: Path, figures: Figures
) -> None:
    call = next(c for c in CALLS if c.level == 4 and c.language == "nl")
    write_journal(tmp_path / "call.jsonl", call, simulate(call))

    def read_and_score() -> CallResult:
        result = score(call, read_journal(tmp_path / "call.jsonl"))
        assert isinstance(result, CallResult)
        return result

    result = benchmark(read_and_score)
    if (median := median_ms(benchmark)) is not None:
        figures.record("score_call_level_4_ms", median)
    assert result.passed


def test_bench_timeline_events_on_the_desk(
    benchmark: BenchmarkFixture, qtbot, data_dir: Path, monkeypatch, figures: Figures
) -> None:
    """Forty messages due 0.25 s apart, on the real desk (without sound): how late each one
    is shown after its due time, while the desk also polls and repaints."""
    from trainer.ui.app import create_application
    from trainer.ui.call_controller import CallController
    from trainer.ui.call_view import CallView

    create_application()
    base = CALLS[0].model_dump()
    base["timeline"] = [{"id": "bel", "at": 0, "do": "ring"}] + [
        {"id": f"chat-{i}", "at": 0.5 + i * 0.25, "do": "chat", "text": f"Bericht {i}"}
        for i in range(40)
    ]
    call = CallExercise.model_validate(base)
    store = Store(data_dir / "bench.sqlite3")
    trainee = store.add_trainee("Bench")
    lateness: list[float] = []

    def run() -> None:
        view = CallView()
        qtbot.addWidget(view)
        view.show()
        desk = CallController(view, call, trainee, store, data_dir, LIBRARY, device="geen-apparaat")
        qtbot.waitUntil(lambda: view.messages.count() == 40, timeout=20000)
        desk.finish("abandoned")
        fired = [
            e
            for e in read_journal(desk.journal.path).events
            if isinstance(e, ScenarioEvent) and e.due is not None
        ]
        lateness.extend(e.t - e.due for e in fired)

    benchmark.pedantic(run, rounds=1, iterations=1)
    ms = sorted(x * 1000 for x in lateness)
    benchmark.extra_info["late_ms_median"] = round(statistics.median(ms), 2)
    benchmark.extra_info["late_ms_max"] = round(ms[-1], 2)
    if not benchmark.disabled:
        figures.record("timeline_event_late_max_ms", ms[-1])
    assert len(ms) == 41
    # never early, and each shown before the next is due (0.25 s later); how late against its
    # 20 ms budget is judged by ``./run-tests --bench`` (budgets.py): under the parallel test
    # run's load one event came 82 ms late in CI, which a pass/fail test must not decide
    assert ms[0] >= 0 and ms[-1] < 250


def test_bench_keystroke_in_a_desk_field(
    benchmark: BenchmarkFixture, qtbot, data_dir: Path, figures: Figures
) -> None:
    """A character typed into a form field of the desk during a level-4 call: the key stamped
    and journaled, the field repainted. Budget as for the drill: under 1 ms at the p99."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from trainer.ui.app import create_application
    from trainer.ui.call_controller import CallController
    from trainer.ui.call_view import CallView

    app = create_application()
    call = next(c for c in CALLS if c.level == 4 and c.language == "nl")
    store = Store(data_dir / "bench.sqlite3")
    trainee = store.add_trainee("Bench")
    view = CallView()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    desk = CallController(view, call, trainee, store, data_dir, LIBRARY, device="geen-apparaat")
    field_id, edit = next((i, e) for i, e in view.fields.items() if e.field.kind == "text")
    edit.setFocus()
    app.processEvents()
    text = "De klant meldt dat het bedrag twee keer werd geïnd op haar rekening. " * 40
    keys = iter(text)

    def one_keystroke() -> None:
        ch = next(keys)
        key = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
        )
        QApplication.sendEvent(edit, key)
        QApplication.processEvents()

    rounds = 2000
    benchmark.pedantic(one_keystroke, rounds=rounds, warmup_rounds=20)
    timings = getattr(benchmark.stats, "stats", None)
    if timings is not None and timings.data:  # absent with --benchmark-disable
        benchmark.extra_info["p99_ms"] = figures.record(
            "desk_field_keystroke_p99_ms",
            round(statistics.quantiles(timings.data, n=100)[98] * 1000, 3),
        )
    typed = edit.text()
    assert typed and text.startswith(typed)  # every key reached the field, in order
    desk.finish("abandoned")
    stamped = "".join(k.text or "" for k in read_journal(desk.journal.path).keys)
    assert stamped == typed, field_id
    store.close()
