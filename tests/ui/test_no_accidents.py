"""No verdict by accident: keys typed in haste on a results screen, the wrap-up by keyboard,
closing the window mid-session, one session's look carried into the next, and how attempts
that gave no verdict are listed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget

from tests.keys import type_text
from tests.ui.conftest import Asked
from trainer.core.clips import load_shipped_library
from trainer.core.journal import read_journal
from trainer.core.loader import load_exercise
from trainer.core.scenario import CallExercise
from trainer.paths import audio_dir, exercises_dir
from trainer.store import Store
from trainer.ui import words
from trainer.ui.main_window import MainWindow

RED = "#b71c1c"  # the style sheet's colour for an error rate or a clock over its limit
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound in these tests: calls run with subtitles, dictations without the player."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def shipped(relative: str) -> Any:
    """A shipped exercise of any kind, as the catalog reads it."""
    exercise, _ = load_exercise(
        exercises_dir() / relative, load_shipped_library(audio_dir()).languages
    )
    return exercise


def colour(label: QLabel) -> str:
    """The colour the label's text is drawn in, as the style sheet made it."""
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def hasty_keys(qtbot) -> None:
    """A trainee still typing when the screen changed: Space and Enter into whatever has the
    focus, then on to the next widget the keyboard can reach, across the whole page."""
    for _ in range(8):
        widget = focused()
        assert not isinstance(widget, QAbstractButton), widget.objectName()
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            qtbot.keyClick(widget, key)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is widget:  # a table keeps Tab for its cells: on as Ctrl+Tab would go
            widget.window().focusNextChild()


def copy_exercise(window: MainWindow, **changes: object) -> Any:
    """The test's copy exercise, changed."""
    return window.catalog.by_id("nl-copy-kort").exercise.model_copy(update=changes)


# results screens ---------------------------------------------------------------------------
def test_space_and_enter_after_a_drill_that_ran_out_press_no_results_button(
    qtbot, window: MainWindow
) -> None:
    first = window.start_exercise(copy_exercise(window, time_limit=1), window.current_trainee())
    qtbot.keyClicks(window.drill_view.surface, "Caf")  # ... and the time runs out
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results, timeout=4000)
    hasty_keys(qtbot)
    assert window.stack.currentWidget() is window.results
    assert window.drill is first and window.store.unfinished_sessions() == []
    for button in (window.results.again_button, window.results.back_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus and not button.autoDefault()

    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)  # again, on purpose
    assert window.stack.currentWidget() is window.drill_view and window.drill is not first
    type_text(qtbot, window.drill_view.surface, "Café Léon belt terug.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # back, on purpose
    assert window.stack.currentWidget() is window.home


def test_space_and_enter_after_a_dictation_press_no_results_button(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    warned: list[str] = []  # Enter on an error plays it: without a headset, a warning
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warned.append(a[2])))
    exercise = shipped("nl/dictation/nl-dictee-01-begroeting-en-printer.yaml")
    first = window.start_exercise(exercise, window.current_trainee())
    editor = window.dictation_view.editor
    type_text(qtbot, editor, "Goeiedag met Sofie")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # hand in, and keep typing
    assert window.stack.currentWidget() is window.results
    hasty_keys(qtbot)
    assert window.stack.currentWidget() is window.results and window.drill is first
    assert window.store.unfinished_sessions() == []
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    assert window.stack.currentWidget() is window.dictation_view and window.drill is not first
    assert editor.toPlainText() == ""


# the call: the wrap-up by keyboard, its results, and its clock ------------------------------
def ring(qtbot, window: MainWindow, call: CallExercise) -> Any:
    """Start a call and wait for the phone to ring."""
    session = window.start_exercise(call, window.current_trainee())
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    return session


def test_the_wrap_up_by_keyboard_and_no_button_pressed_by_accident_after_it(
    qtbot, window: MainWindow
) -> None:
    call = shipped("nl/call/nl-gesprek-01-wachtwoord.yaml")
    view = window.call_view
    first = ring(qtbot, window, call)
    qtbot.keyClick(focused(), Qt.Key.Key_F2)  # answer
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # and end the call: on to the wrap-up
    assert view.contact_result.hasFocus()
    assert not view.finish_button.autoDefault() and not view.finish_button.isDefault()

    # Tab goes contact result, closing code, the note, the button
    qtbot.keyClicks(view.contact_result, "o")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert view.closing_code.hasFocus()
    qtbot.keyClicks(view.closing_code, "g")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert view.fields["notitie"].hasFocus()
    type_text(qtbot, view.fields["notitie"], "Geen actie nodig.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert view.finish_button.hasFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # reached on purpose: it hands in
    assert window.stack.currentWidget() is window.call_results
    assert (view.contact_result.currentText(), view.closing_code.currentText()) == (
        "opgelost",
        "geen-actie",
    )

    hasty_keys(qtbot)
    assert window.stack.currentWidget() is window.call_results and window.drill is first
    assert window.store.unfinished_sessions() == []
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    assert window.stack.currentWidget() is window.call_view and window.drill is not first
    window.drill.finish("abandoned")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home


def test_the_next_call_rings_with_its_clock_at_zero(qtbot, window: MainWindow) -> None:
    call = shipped("nl/call/nl-gesprek-01-wachtwoord.yaml")
    expect = call.expect.model_copy(update={"handling_time": 1})  # over it one second in
    hurried = call.model_copy(update={"expect": expect})
    view = window.call_view
    first = ring(qtbot, window, hurried)
    assert view.timer.text() == "0:00 / 0:01"
    qtbot.keyClick(focused(), Qt.Key.Key_F2)
    qtbot.keyClicks(view.fields["personeelsnummer"], "12")
    qtbot.keyClick(view.fields["personeelsnummer"], Qt.Key.Key_Tab)  # too short: a hint
    assert view.hints["personeelsnummer"].isVisible()
    assert view.hints["personeelsnummer"].text() == "Een klantnummer bestaat uit 4 tot 14 cijfers."
    assert view.script.item(0).checkState() == Qt.CheckState.Checked  # answering greets
    qtbot.waitUntil(lambda: colour(view.timer) == RED, timeout=4000)  # over the target
    assert view.timer.text().startswith("0:0") and view.timer.text() != "0:00 / 0:01"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # stop (answered yes)
    assert window.stack.currentWidget() is window.call_results

    for again in (hurried, shipped("nl/call/nl-gesprek-02-printer.yaml")):
        if again is hurried:
            qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
            session = window.drill
            assert session is not first
        else:
            session = window.start_exercise(again, window.current_trainee())
        target = f"0:00 / {words.seconds(again.expect.handling_time)}"
        assert view.timer.text() == target and colour(view.timer) != RED
        assert not any(hint.isVisible() for hint in view.hints.values())
        ticked = [view.script.item(r).checkState() for r in range(view.script.count())]
        assert set(ticked) == {Qt.CheckState.Unchecked}
        assert view.messages.count() == 0
        qtbot.waitUntil(lambda s=session: s.state == "ringing", timeout=3000)
        qtbot.wait(200)  # the desk is polled while it rings: not answered, the clock stays
        assert view.timer.text() == target
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
        assert window.stack.currentWidget() is window.call_results


# closing the window ------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["copy", "dictation", "call"])
def test_closing_the_window_mid_session_asks_and_no_keeps_it_going(
    qtbot, window: MainWindow, answer_dialogs: Asked, kind: str
) -> None:
    exercise = {
        "copy": lambda: copy_exercise(window),
        "dictation": lambda: shipped("nl/dictation/nl-dictee-01-begroeting-en-printer.yaml"),
        "call": lambda: shipped("nl/call/nl-gesprek-01-wachtwoord.yaml"),
    }[kind]()
    session = window.start_exercise(exercise, window.current_trainee())
    where = {
        "copy": lambda: window.drill_view.surface,
        "dictation": lambda: window.dictation_view.editor,
        "call": lambda: window.call_view.fields["gebruikersnaam"],
    }[kind]()
    type_text(qtbot, where, "Caf")
    answer_dialogs.reply = QMessageBox.StandardButton.No
    assert not window.close()
    assert answer_dialogs == ["Oefening stoppen?"]
    assert window.isVisible() and session.active
    type_text(qtbot, where, "é")  # the session still takes keys and journals them
    assert [k.text for k in read_journal(session.journal.path).keys] == ["C", "a", "f", "é"]

    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    assert window.close()
    assert answer_dialogs == ["Oefening stoppen?"] * 2
    assert not window.isVisible() and not session.active
    store = Store(window.store.path)  # (the window closed its own)
    assert store.session(session.session_id).status == "abandoned"
    store.close()


def test_closing_the_window_without_a_session_running_does_not_ask(
    qtbot, window: MainWindow, answer_dialogs: Asked
) -> None:
    window.start_exercise(copy_exercise(window), window.current_trainee())
    type_text(qtbot, window.drill_view.surface, "Café Léon belt terug.")
    assert window.stack.currentWidget() is window.results
    assert window.close()
    assert answer_dialogs == []


# nothing carries over ----------------------------------------------------------------------
def test_the_next_drill_starts_with_fresh_labels(qtbot, window: MainWindow) -> None:
    view = window.drill_view
    timed = copy_exercise(window, time_limit=12, min_wpm=Decimal(200))
    window.start_exercise(timed, window.current_trainee())
    qtbot.keyClicks(view.surface, "Xxxx Yyyy")  # every word wrong, the countdown running
    qtbot.waitUntil(lambda: colour(view.errors) == RED)
    assert view.countdown.text().startswith("Nog 0:1") and colour(view.countdown) == RED
    qtbot.waitUntil(lambda: colour(view.speed) == RED)  # far below its minimum
    assert view.speed.text().startswith("Netto ")
    assert view.speed.text().endswith(" wpm (minimum 200)")
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)  # stop (answered yes)
    assert window.stack.currentWidget() is window.results

    plain = colour(view.progress)
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)  # the same exercise again
    assert view.errors.text() == "Fouten: – (marge 3,0 %)" and colour(view.errors) == plain
    assert view.countdown.text() == "0:12 — start bij je eerste aanslag"
    assert colour(view.countdown) != RED
    assert view.speed.text() == "Netto – wpm (minimum 200)" and colour(view.speed) == plain
    assert view.progress.text() == "0 / 21"

    window.drill.finish("abandoned")
    other = copy_exercise(
        window, id="nl-copy-ander", title="Andere notitie", time_limit=None, min_wpm=None
    )
    window.start_exercise(other, window.current_trainee())  # another exercise, untimed
    assert view.errors.text() == "Fouten: – (marge 3,0 %)" and colour(view.errors) == plain
    assert view.countdown.text() == "" and view.speed.text() == "Netto – wpm"


def test_the_live_error_rate_never_shows_more_than_everything_wrong(
    qtbot, window: MainWindow
) -> None:
    view = window.drill_view
    drill = window.start_exercise(copy_exercise(window), window.current_trainee())
    qtbot.keyClicks(view.surface, "a b c d e f g")  # seven words where four are expected
    qtbot.waitUntil(lambda: view.errors.text() != "Fouten: – (marge 3,0 %)")
    assert view.errors.text() == "Fouten: 100,0 % (marge 3,0 %)"
    qtbot.keyClick(view.surface, Qt.Key.Key_Return, CTRL)
    assert drill.result is not None and drill.result.typing.error_rate > 1
    assert "Fouten: 100,00 %" in window.results.summary.text()
    assert window.results.figures["word_errors"].text().endswith("(100,0 %)")


# the history -------------------------------------------------------------------------------
def test_stopped_and_empty_attempts_are_listed_as_stopped_not_failed(
    qtbot, window: MainWindow
) -> None:
    view = window.drill_view
    trainee = window.current_trainee()
    window.start_exercise(copy_exercise(window), trainee)
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)  # nothing typed, stopped
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    qtbot.keyClicks(view.surface, "Cafe")
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)  # stopped after a wrong word
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    qtbot.keyClicks(view.surface, "Cafe")
    qtbot.keyClick(view.surface, Qt.Key.Key_Return, CTRL)  # handed in: that is a verdict
    call = window.start_exercise(shipped("nl/call/nl-gesprek-01-wachtwoord.yaml"), trainee)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # a call stopped before it was answered
    assert call.result is not None
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home

    table = window.home.recent_table
    rows = [[table.item(r, c).text() for c in (2, 3, 4)] for r in range(table.rowCount())]
    assert rows[0] == ["–", "–", "afgebroken"]  # the call
    assert rows[1][2] == "niet geslaagd" and rows[1][1].endswith("%")
    assert rows[2] == ["–", "–", "afgebroken"]
    assert rows[3] == ["–", "–", "afgebroken"]
    assert table.item(3, 4).foreground().color().name() != RED


def test_a_recovered_session_says_so_in_the_history(qtbot, tmp_path: Path) -> None:
    from trainer.ui.home_view import HomeView

    store = Store(tmp_path / "store.sqlite3")
    trainee = store.add_trainee("Jana")
    typing = {"keystrokes": 6, "error_rate": 0.25, "unit": "word", "margin": 0.03, "wpm": 20.0}
    for status in ("recovered", "finished"):
        session = store.start_session(
            trainee.id, "nl-copy-kort", "hash", "Korte notitie", "practice", tmp_path / "j"
        )
        store.finish_session(session, status, {"passed": False, "typing": typing})
    home = HomeView()
    qtbot.addWidget(home)
    home.show_recent(store.recent_sessions(trainee.id))
    outcome = [home.recent_table.item(r, 4).text() for r in range(2)]
    assert outcome == ["niet geslaagd", "hersteld na onderbreking"]
    assert home.recent_table.item(1, 3).text() == "25,0 %"  # of the part that was typed
    store.close()
