"""Adaptive practice in the app: a trainee who keeps missing "v" and corrects many "z" gets a
drill of real work sentences full of them, from the home screen (Ctrl+P) and from the results
page (Ctrl+P), typed to its end and stored as a session of its own; the exercise list marks
what the trainee did and passed, with the best result."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import REPO
from tests.cursors import cursor_during
from tests.e2e.test_cli import run
from tests.keys import type_text
from trainer.core.exercise import CopyExercise
from trainer.store import practice_history
from trainer.store.practice_history import generated_folder
from trainer.ui.app import create_application
from trainer.ui.home_view import EXERCISE_ID_ROLE, MARK_COLUMN
from trainer.ui.main_window import MainWindow

MAILBOX = "nl-copy-02-mailbox-vol"  # untimed, 217 characters, "vol" twice


@pytest.fixture
def shipped_window(qtbot, data_dir: Path, answer_dialogs: list[str]) -> Iterator[MainWindow]:
    """The main window on the shipped library, with one trainee."""
    create_application()
    win = MainWindow(data_dir=data_dir, exercise_dirs=[REPO / "exercises"])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    trainee = win.store.add_trainee("Sofie Maes")
    win._fill_trainees(trainee.id)
    yield win


def typed_with_errors(text: str) -> str:
    """ "v" typed as "b" and left; "z" typed as "x" and put right (\b: Backspace)."""
    return "".join("b" if c == "v" else "x\bz" if c == "z" else c for c in text.rstrip())


def type_keys(qtbot, widget, keys: str) -> None:  # type: ignore[no-untyped-def]
    for part in keys.split("\b"):
        if part is not keys.split("\b")[0]:
            qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        type_text(qtbot, widget, part)


def run_drill(qtbot, window: MainWindow, exercise_id: str, keys: str) -> None:  # type: ignore[no-untyped-def]
    entry = window.catalog.by_id(exercise_id)
    trainee = window.current_trainee()
    assert entry is not None and trainee is not None
    window.start_exercise(entry.exercise, trainee)
    surface = window.drill_view.surface
    chunks = keys.split("\b")
    for index, chunk in enumerate(chunks):
        if index:
            qtbot.keyClick(surface, Qt.Key.Key_Backspace)
        type_text(qtbot, surface, chunk)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)


def weak_share(text: str) -> float:
    return (text.count("v") + text.count("z")) / len(text)


def library_share(window: MainWindow) -> float:
    copies = [
        e.exercise
        for e in window.catalog.entries
        if isinstance(e.exercise, CopyExercise) and e.exercise.language == "nl"
    ]
    return sum(weak_share(c.text) for c in copies) / len(copies)


def sessions_with_errors(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for exercise_id in (MAILBOX, "nl-copy-01-terugbelnotitie", MAILBOX):
        entry = window.catalog.by_id(exercise_id)
        assert isinstance(entry.exercise, CopyExercise)  # type: ignore[union-attr]
        run_drill(qtbot, window, exercise_id, typed_with_errors(entry.exercise.text))  # type: ignore[union-attr]


def type_practice_drill(qtbot, window: MainWindow) -> CopyExercise:  # type: ignore[no-untyped-def]
    assert window.stack.currentWidget() is window.drill_view
    exercise = window.drill.exercise  # type: ignore[union-attr]
    assert isinstance(exercise, CopyExercise)
    assert exercise.id.startswith("adaptive-nl-")
    assert window.drill_view.surface.hasFocus()
    type_text(qtbot, window.drill_view.surface, exercise.text)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    return exercise


def test_ctrl_p_on_the_home_screen_opens_a_drill_heavy_in_the_missed_keys(
    qtbot, shipped_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = shipped_window
    sessions_with_errors(qtbot, window)
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    assert "Ctrl+P" in window.home.practise_button.text()
    shapes = cursor_during(monkeypatch, practice_history, "make_drill")
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # the wait cursor while the sessions are replayed, given back for the drill
    assert shapes == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
    exercise = type_practice_drill(qtbot, window)
    assert exercise.title.startswith("Oefenen: v, z")
    # well above the Dutch copy texts' own share (1.85 times since the exam texts were added)
    assert weak_share(exercise.text) > 1.6 * library_share(window)
    assert 600 <= len(exercise.text) <= 900
    # a normal copy drill: scored, stored under its own id, saved to be reopened
    assert "GESLAAGD" in window.results.verdict.text()
    trainee = window.current_trainee()
    assert trainee is not None
    [latest] = window.store.recent_sessions(trainee.id, 1)
    assert latest.exercise_id == exercise.id and latest.exercise_title == exercise.title
    assert latest.passed is True
    assert (generated_folder(window.data_dir) / f"{exercise.id}.yaml").is_file()
    # its report from the command, as for any session of the store
    out = window.data_dir.parent / "oefenen.csv"
    done = run("report", "--session", latest.id, "--data-dir", window.data_dir, "-o", out)
    assert done.returncode == 0, done.stderr
    assert exercise.title in out.read_text(encoding="utf-8-sig")
    # and in the export, a copy drill in Dutch like the others
    table = window.data_dir.parent / "sessies.csv"
    done = run("export", "--data-dir", window.data_dir, "--kind", "copy", "-o", table)
    assert done.returncode == 0, done.stderr
    [row] = [
        r for r in csv.DictReader(table.open(encoding="utf-8")) if r["session_id"] == str(latest.id)
    ]
    assert (row["exercise_id"], row["kind"], row["language"]) == (exercise.id, "copy", "nl")
    # the generated drill is no entry of the exercise list
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)
    listed = [i.data(0, EXERCISE_ID_ROLE) for i in window.home._exercise_items()]
    assert MAILBOX in listed and exercise.id not in listed


def test_ctrl_p_on_the_results_page_practises_the_reports_keys(
    qtbot, shipped_window: MainWindow
) -> None:
    window = shipped_window
    sessions_with_errors(qtbot, window)
    button = window.results.practise_button
    assert button.isVisible() and "Ctrl+P" in button.text()
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # a Space typed late cannot press it
    qtbot.keyClick(window.results, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    exercise = type_practice_drill(qtbot, window)
    assert exercise.title.startswith("Oefenen: v, z")
    # again (Ctrl+R) is the same drill once more
    qtbot.keyClick(window.results, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.drill is not None and window.drill.exercise.id == exercise.id


def test_a_trainee_without_history_is_told_there_is_nothing_to_practise_yet(
    qtbot, shipped_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    cursors: list[object] = []

    def information(_parent: object, _title: str, text: str, *_a: object) -> None:
        told.append(text)
        cursors.append(QApplication.overrideCursor())  # the wait cursor given back first

    monkeypatch.setattr(QMessageBox, "information", staticmethod(information))
    window = shipped_window
    qtbot.mouseClick(window.home.practise_button, Qt.MouseButton.LeftButton)
    assert len(told) == 1 and told[0].startswith("Nog niets om te oefenen")
    assert cursors == [None] and QApplication.overrideCursor() is None
    assert window.stack.currentWidget() is window.home
    assert not generated_folder(window.data_dir).exists()


def mark_of(window: MainWindow, exercise_id: str) -> tuple[str, str]:
    [item] = [
        i for i in window.home._exercise_items() if i.data(0, EXERCISE_ID_ROLE) == exercise_id
    ]
    return item.text(MARK_COLUMN), item.toolTip(MARK_COLUMN)


def test_the_list_marks_exercises_done_and_passed_with_the_best_result(
    qtbot, shipped_window: MainWindow
) -> None:
    window = shipped_window
    entry = window.catalog.by_id(MAILBOX)
    assert entry is not None and isinstance(entry.exercise, CopyExercise)
    assert mark_of(window, MAILBOX) == ("", "")
    run_drill(qtbot, window, MAILBOX, typed_with_errors(entry.exercise.text))
    # marked when the session ends, before the trainee goes back
    text, tip = mark_of(window, MAILBOX)
    assert text.startswith("○") and tip.startswith("gedaan, nog niet geslaagd; beste ")
    assert tip.endswith("(één keer gedaan)")
    run_drill(qtbot, window, MAILBOX, entry.exercise.text)
    text, tip = mark_of(window, MAILBOX)
    assert text.startswith("✓ 0,0 % aan ") and text.endswith(" wpm")
    assert tip.startswith("geslaagd, beste 0,0 % aan ") and tip.endswith("(2 keer gedaan)")
    # another trainee: their own marks (none yet)
    other = window.store.add_trainee("Bert Claes")
    window._fill_trainees(other.id)
    assert mark_of(window, MAILBOX) == ("", "")


def test_a_practice_drill_cut_off_by_a_crash_is_recovered_at_the_next_start(
    qtbot, shipped_window: MainWindow, answer_dialogs: list[str]
) -> None:
    window = shipped_window
    sessions_with_errors(qtbot, window)
    qtbot.keyClick(window.results, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    drill = window.drill
    assert drill is not None and drill.exercise.id.startswith("adaptive-")
    type_text(qtbot, window.drill_view.surface, drill.exercise.text[:40])  # type: ignore[attr-defined]
    # the app dies mid-drill: the journal stays as it was, the session "running"
    drill.journal.close()
    session_id = drill.session_id
    window.drill = None
    again = MainWindow(data_dir=window.data_dir, exercise_dirs=[REPO / "exercises"])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: "Onderbroken sessies" in answer_dialogs)
    row = again.store.session(session_id)
    # the generated drill was read back from the data folder, so its journal could be scored
    assert row is not None and row.status == "recovered" and row.result is not None
    assert row.result["typing"]["transcribed"] == drill.exercise.text[:40]  # type: ignore[attr-defined]


def test_the_marks_follow_the_language_shown(qtbot, shipped_window: MainWindow) -> None:
    from trainer.ui import language

    window = shipped_window
    entry = window.catalog.by_id(MAILBOX)
    assert entry is not None and isinstance(entry.exercise, CopyExercise)
    run_drill(qtbot, window, MAILBOX, entry.exercise.text)
    trainee = window.current_trainee()
    assert trainee is not None
    try:
        window.store.set_trainee_language(trainee.id, "fr")
        window.show_home()  # the list filled again in French, with its marks
        text, tip = mark_of(window, MAILBOX)
        assert text.startswith("✓ 0,0 % à ") and text.endswith(" mots/min")
        assert tip.startswith("réussi, meilleur résultat 0,0 % à ")
        assert tip.endswith("(fait une fois)")
        qtbot.waitUntil(lambda: "Démarrer" in window.home.start_button.text())
        assert window.home.practise_button.text() == "Entraînement sur &mesure  (Ctrl+P)"
    finally:
        window.store.set_trainee_language(trainee.id, None)
        language.install("nl")
