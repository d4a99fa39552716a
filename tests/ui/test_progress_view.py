"""The coach's progress window, as a coach meets it on a small generated store (three trainees,
120 sessions with their journals): opened by Ctrl+G, its charts hold what the store says, the
group table compares the trainees and opens one by Enter, and the keyboard heat map counts
what the journals hold."""

from __future__ import annotations

import itertools
import shutil
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.cursors import cursor_during
from tests.generated import generate
from trainer.core.call_scoring import CallResult
from trainer.core.journal import read_journal
from trainer.core.keyboard import error_keys, load_layout
from trainer.core.loader import load_catalog
from trainer.core.progress import ERROR_RATE, PASS_RATE, SPEED
from trainer.core.report_facts import report_facts
from trainer.core.scoring import SessionResult, reference_of
from trainer.paths import assets_dir, exercises_dir
from trainer.store.session_filter import SessionFilter
from trainer.ui import progress_keys
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
from trainer.ui.progress_view import ProgressDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("store"), 120, 3, jobs=1)


@pytest.fixture
def window(qtbot, generated: Path, tmp_path: Path, answer_dialogs: list[str]):  # type: ignore[no-untyped-def]
    """The app on a copy of the generated data folder, the first trainee chosen."""
    data = tmp_path / "data"
    shutil.copytree(generated, data)
    create_application()
    win = MainWindow(data_dir=data, exercise_dirs=[exercises_dir()])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    dialog = getattr(win, "progress_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog):  # (deleted when closed)
        dialog.close()


def opened(qtbot, window: MainWindow) -> ProgressDialog:  # type: ignore[no-untyped-def]
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_G, CTRL)
    dialog = window.progress_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.trainee_combo)
    return dialog


def results(window: MainWindow, trainee_id: int) -> list[tuple[datetime, dict]]:  # type: ignore[type-arg]
    chosen = SessionFilter(trainee_ids=frozenset({trainee_id}), ended_only=True)
    return [
        (datetime.fromisoformat(r.started_at), r.result)
        for r in window.store.sessions(chosen)
        if r.result is not None and "passed" in r.result
    ]


def monday(at: datetime) -> float:
    day = at.date() - timedelta(days=at.weekday())
    return datetime.combine(day, datetime.min.time(), at.tzinfo).timestamp()


def test_ctrl_g_opens_the_trainees_charts_holding_what_the_store_says(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    trainee = window.current_trainee()
    assert trainee is not None
    dialog = opened(qtbot, window)
    assert dialog.trainee_combo.currentText() == trainee.name
    stored = results(window, trainee.id)
    # per week (the default): the median net speed of the week's typing sessions, at Monday
    weeks: dict[float, list[float]] = defaultdict(list)
    passed: dict[float, list[bool]] = defaultdict(list)
    for at, result in stored:
        passed[monday(at)].append(result["passed"])
        if "typing" in result:
            weeks[monday(at)].append(result["typing"]["net_wpm"])
    xs, ys = dialog.speed.data(SPEED)
    assert xs == sorted(weeks)
    assert ys == pytest.approx([statistics.median(weeks[w]) for w in sorted(weeks)])
    xs, ys = dialog.passes.data(PASS_RATE)
    assert ys == pytest.approx([sum(passed[w]) / len(passed[w]) for w in sorted(passed)])
    # the error margin is drawn where the exercises put it
    assert dialog.shown is not None and dialog.shown.margin == 0.03
    assert "3 %" in dialog.errors.legend.items[-1][1].text
    assert dialog.errors.data(ERROR_RATE)[1]
    # the charts name themselves for a screen reader, with the latest value
    assert dialog.speed.accessibleName() == "Snelheid"
    assert "netto snelheid" in dialog.speed.accessibleDescription()

    # Alt+P, then Up: one point per session
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)
    assert QApplication.focusWidget() is dialog.period_combo
    qtbot.keyClick(dialog.period_combo, Qt.Key.Key_Up)
    assert dialog.period_combo.currentIndex() == 0
    xs, ys = dialog.speed.data(SPEED)
    typed = [(at, r["typing"]["net_wpm"]) for at, r in stored if "typing" in r]
    assert xs == [at.timestamp() for at, _ in typed]
    assert ys == pytest.approx([wpm for _at, wpm in typed])

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_group_table_compares_the_trainees_and_enter_opens_one(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(qtbot, window)
    read = cursor_during(monkeypatch, progress_keys, "group_rows")
    qtbot.keyClick(dialog, Qt.Key.Key_2, CTRL)
    table = dialog.group.table
    qtbot.waitUntil(lambda: table.rowCount() == 3)
    # the results read under the wait cursor, given back once the table is filled
    assert (read, QApplication.overrideCursor()) == ([Qt.CursorShape.WaitCursor], None)
    assert dialog.group.group_combo.currentText() == "Groep 1"  # the trainee's own group
    counts = {t.name: len(results(window, t.id)) for t in window.store.trainees()}
    shown = {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in range(3)}
    assert shown == counts
    # sorted by the number of sessions when its header is clicked, then the other way round
    header = table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(1) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    column = [int(table.item(r, 1).text()) for r in range(3)]
    assert column in (sorted(column), sorted(column, reverse=True))
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert [int(table.item(r, 1).text()) for r in range(3)] == list(reversed(column))
    # Enter on the last row opens that trainee's charts
    table.setFocus()
    table.setCurrentCell(2, 0)
    name = table.item(2, 0).text()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.trainee_combo.currentText() == name
    assert dialog.tabs.currentIndex() == 0
    assert dialog.isVisible()  # Enter did not close the window


def test_the_heat_map_counts_every_error_and_hesitation_in_the_journals(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    trainee = window.current_trainee()
    dialog = opened(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: dialog.key_stats is not None, timeout=20_000)
    # the journals read here, one by one, as the session report reads each
    layout = load_layout(assets_dir() / "keyboards" / "be.json")
    catalog = load_catalog([exercises_dir()], window.clips.languages)
    errors: Counter[str] = Counter()
    pauses: list[tuple[str, float]] = []
    rows = window.store.sessions(SessionFilter(trainee_ids=frozenset({trainee.id})))
    for row in rows:
        if row.result is None or "passed" not in row.result:
            continue
        journal = read_journal(row.journal_path)
        exercise = catalog.by_id(row.exercise_id).exercise  # type: ignore[union-attr]
        if row.result.get("kind") == "call":
            result: SessionResult | CallResult = CallResult.model_validate(row.result)
            reference = None
        else:
            result = SessionResult.model_validate(row.result)
            reference = reference_of(exercise, window.clips.transcripts)
        facts = report_facts(journal, result, reference)
        errors.update(error_keys(layout, facts.error_pairs + facts.corrected_pairs))
        keys = journal.keys
        for before, key in itertools.pairwise(keys):
            if key.text and len(key.text) == 1 and layout.strokes(key.text):
                pause = round(key.t - before.t, 3)  # (the journal's clock counts in ms)
                if 0 <= pause <= 5.0:
                    pauses.append((layout.strokes(key.text)[-1][0], pause))
    assert dialog.keys.heat_counts == {k: n for k, n in errors.items() if n}
    assert sum(errors.values()) > 20  # (a generated trainee makes errors)
    # hesitations: pauses over three times the median
    usual = statistics.median(s for _k, s in pauses)
    hesitated = Counter(k for k, s in pauses if s > 3 * usual)
    dialog.keys.view_combo.setFocus()
    qtbot.keyClick(dialog.keys.view_combo, Qt.Key.Key_Down)
    assert dialog.keys.heat_counts == dict(hesitated)
    # per finger: the errors of the keys each finger strikes
    qtbot.keyClick(dialog.keys.view_combo, Qt.Key.Key_Down)
    assert dialog.keys.stack.currentIndex() == 1
    fingers = dialog.key_stats.fingers  # type: ignore[union-attr]
    assert sum(f.errors for f in fingers.values()) == sum(errors.values())


def test_another_language_while_open_renames_the_charts_and_their_numbers(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from trainer.ui import language

    dialog = opened(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: dialog.key_stats is not None, timeout=20_000)
    try:
        language.install("fr")  # (a French-speaking trainee chosen on the home screen)
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Progression")  # (a posted event)
        assert dialog.speed.title == "Vitesse" and dialog.speed.accessibleName() == "Vitesse"
        assert dialog.tabs.tabText(0) == "&Graphiques"
        assert "marge 3 %" in dialog.errors.legend.items[-1][1].text
        # the period kept, in French words
        assert dialog.period_combo.currentText() == "semaine"
        labels = dialog.speed.getPlotItem().getAxis("left").tickStrings([2.5], 1.0, 0.5)
        assert labels == ["2,5"]  # a decimal comma
        language.install("en")
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Progress")
        assert dialog.speed.title == "Speed" and dialog.tabs.tabText(2) == "&Keys"
        assert dialog.speed.getPlotItem().getAxis("left").tickStrings([2.5], 1.0, 0.5) == ["2.5"]
        assert "Keyboard" in dialog.keys.heat.accessibleName()
    finally:
        language.install("nl")
        QApplication.processEvents()


def test_ctrl_g_again_brings_the_open_window_forward(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = opened(qtbot, window)
    dialog.trainee_combo.setCurrentIndex((dialog.trainee_combo.currentIndex() + 1) % 3)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(dialog.isActiveWindow)  # forward again, on the trainee chosen at home
    assert window.progress_dialog is dialog
    assert dialog.trainee_combo.currentData() == window.current_trainee().id
    shown = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "ProgressDialog"]
    assert [w for w in shown if w.isVisible()] == [dialog]
    # closed, Ctrl+G opens a new one
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_G, CTRL)
    assert window.progress_dialog is not dialog
    qtbot.waitExposed(window.progress_dialog)
