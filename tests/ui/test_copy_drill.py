"""A whole copy-typing drill, driven by key events as a trainee would type it."""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from trainer.core.journal import read_journal
from trainer.core.scoring import score
from trainer.ui.main_window import MainWindow


def send_text_key(widget, text: str) -> None:
    """A non-ASCII key as the keyboard layout delivers it: key unknown, text set."""
    QApplication.sendEvent(
        widget,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text),
    )


def send_commit(widget, text: str) -> None:
    """A dead key + letter as an input method delivers it: a commit string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a trainee: ASCII as key clicks, anything else as key-event text."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            send_text_key(widget, ch)


def start_selected(qtbot, window: MainWindow) -> None:
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.drill_view


def test_a_drill_typed_with_accents_and_a_correction_is_scored_and_stored(
    qtbot, window: MainWindow
) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    assert surface.hasFocus()
    qtbot.keyClicks(surface, "Caf")
    send_text_key(surface, "é")  # as a key event with text
    qtbot.keyClicks(surface, " L")
    send_commit(surface, "é")  # as an input-method commit (dead key)
    qtbot.keyClicks(surface, "on belt terg")
    qtbot.keyClick(surface, Qt.Key.Key_Backspace)  # fix the typo...
    qtbot.keyClicks(surface, "ug")
    assert surface.wrong_count == 0
    qtbot.keyClicks(surface, ".")  # the last character ends the drill

    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    results = window.results
    assert results.verdict.text() == "GESLAAGD"
    assert results.figures["word_errors"].text().startswith("0 / 4")
    assert results.figures["fixed"].text().startswith("1 met 1")

    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "finished" and row.passed is True
    typing = row.result["typing"]
    assert typing["transcribed"] == "Café Léon belt terug."
    assert typing["incorrect_fixed"] == 1 and typing["fixes"] == 1
    assert typing["incorrect_not_fixed"] == 0

    # the journal holds every keystroke, and re-scoring it gives the stored result
    journal = read_journal(row.journal_path)
    assert journal.end is not None and journal.end.reason == "finished"
    assert [k.text for k in journal.keys[3:4]] == ["é"]
    exercise = window.catalog.by_id("nl-copy-kort").exercise
    assert json.loads(score(exercise, journal).model_dump_json()) == row.result


def test_an_error_left_in_the_text_fails_at_the_margin(qtbot, window: MainWindow) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Cafe")  # é typed as e, not corrected: one word error in four
    send_commit(surface, " ")
    qtbot.keyClicks(surface, "L")
    send_commit(surface, "é")
    qtbot.keyClicks(surface, "on belt terug.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == "NIET GESLAAGD"
    assert window.results.figures["word_errors"].text().startswith("1 / 4")
    table = window.results.error_table
    assert table.rowCount() == 1
    # the list names the wrong word, the unit that decides (the first of four)
    assert [table.item(0, c).text() for c in range(4)] == ["vervanging", "1", "Café", "Cafe"]
    assert "#ffcc80" in window.results.alignment.toHtml()  # the substitution is marked


def test_escape_asks_and_keeps_the_attempt_as_abandoned(
    qtbot, window: MainWindow, answer_dialogs: list[str]
) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    type_text(qtbot, surface, "Café")
    qtbot.keyClick(surface, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.status == "abandoned"
    # only the part reached counts: one word typed, one word counted, no error
    assert row.result["typing"]["reference_words"] == 1
    assert row.result["typing"]["word_errors"] == 0


def test_results_return_home_with_the_new_result_listed(qtbot, window: MainWindow) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Caf")
    qtbot.keyClick(surface, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # hand in
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == "NIET GESLAAGD"  # the rest counts as omitted
    qtbot.keyClick(window.results, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    table = window.home.recent_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "Korte notitie"
    assert table.item(0, 4).text() == "niet geslaagd"


def test_try_again_starts_a_fresh_session(qtbot, window: MainWindow) -> None:
    start_selected(qtbot, window)
    type_text(qtbot, window.drill_view.surface, "Café")
    qtbot.keyClick(
        window.drill_view.surface, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    first = window.drill
    qtbot.keyClick(window.results, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.drill_view
    assert window.drill is not first
    assert window.drill_view.surface.position == 0


def test_a_skipped_letter_leaves_the_rest_green_and_the_drill_ends_at_the_full_stop(
    qtbot, window: MainWindow
) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Caf L")  # é skipped
    send_commit(surface, "é")
    qtbot.keyClicks(surface, "on belt terug")
    assert surface.cell_look(3) == ("missing", "é", "")
    assert {surface.cell_look(i)[0] for i in range(4, len("Café Léon belt terug"))} == {"correct"}
    # the live figures follow: one wrong word of the four reached
    qtbot.waitUntil(lambda: window.drill_view.errors.text() != "Fouten: – (marge 3,0 %)")
    assert window.drill_view.errors.text() == "Fouten: 25,0 % (marge 3,0 %)"
    assert window.drill_view.progress.text() == "20 / 21"
    qtbot.keyClicks(surface, ".")  # the last character of the text ends the drill
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.figures["word_errors"].text().startswith("1 / 4")


def test_an_extra_letter_does_not_end_the_drill_before_its_last_character(
    qtbot, window: MainWindow
) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Caf")
    send_text_key(surface, "é")
    qtbot.keyClicks(surface, "e L")  # one letter too many
    send_text_key(surface, "é")
    qtbot.keyClicks(surface, "on belt terug")  # as many keys as the text has characters
    assert surface.extra_before(4) == "e"
    assert window.stack.currentWidget() is window.drill_view  # not over: the . is missing
    qtbot.keyClicks(surface, ".")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.result["typing"]["transcribed"] == "Cafée Léon belt terug."
    assert row.result["typing"]["msd"] == 1
