"""A past result opens again, as a coach meets it: a drill and a call really finished in the
window, then opened from the home screen's recent results by Enter (or a double-click) show the
same results page with the same figures; Escape goes back to the list. A session without a
result says why; one whose stored result is gone is scored again from its journal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QWidget

from tests.keys import type_text
from tests.ui.test_report_button import drill_with_one_error
from trainer.paths import exercises_dir
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CALL = "nl/call/nl-gesprek-01-wachtwoord.yaml"


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: the call runs with subtitles."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


@pytest.fixture
def exercises(exercises: Path) -> Path:
    """The test's short drill and a shipped call."""
    shutil.copy(exercises_dir() / CALL, exercises / Path(CALL).name)
    return exercises


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def typing_page(window: MainWindow) -> dict[str, str]:
    page = window.results
    shown = {key: label.text() for key, label in page.figures.items()}
    shown["verdict"], shown["summary"] = page.verdict.text(), page.summary.text()
    shown["text"] = page.alignment.toPlainText()
    return shown


def call_page(window: MainWindow) -> dict[str, Any]:
    page = window.call_results
    return {
        "verdict": page.verdict.text(),
        "summary": page.summary.text(),
        "competences": cells(page.competences),
        "fields": cells(page.fields),
    }


def drill(qtbot, window: MainWindow) -> None:
    """The short drill (chosen in the list, above the call) typed with one error."""
    window.home.show_catalog(window.catalog, "nl-copy-kort")
    drill_with_one_error(qtbot, window)


def open_recent_by_enter(qtbot, window: MainWindow, row: int = 0) -> None:
    table = window.home.recent_table
    table.setFocus()
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def test_a_finished_drill_opens_again_with_the_same_figures(qtbot, window: MainWindow) -> None:
    drill(qtbot, window)
    seen = typing_page(window)
    assert seen["verdict"] == "NIET GESLAAGD"
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home

    open_recent_by_enter(qtbot, window)
    assert window.stack.currentWidget() is window.results
    assert typing_page(window) == seen
    assert window.results.report_button.isVisible()  # its report can be saved, as then
    assert not window.results.again_button.isVisible()  # not a new session for whoever
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL)
    assert window.stack.currentWidget() is window.results
    assert "een eerder resultaat" in window.statusBar().currentMessage()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # back to the list, on the same row
    assert window.stack.currentWidget() is window.home
    assert window.home.recent_table.hasFocus() and window.home.recent_table.currentRow() == 0

    # a double-click opens it too
    table = window.home.recent_table
    spot = table.visualItemRect(table.item(0, 1)).center()
    # (as a real double-click comes: a click, then the second press as a double-click)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert window.stack.currentWidget() is window.results
    assert typing_page(window) == seen


def test_a_finished_call_opens_again_with_the_same_competences(qtbot, window: MainWindow) -> None:
    call = window.catalog.by_id("nl-gesprek-01-wachtwoord")
    assert call is not None
    session = window.start_exercise(call.exercise, window.current_trainee())
    assert session is not None
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    view = window.call_view
    qtbot.keyClick(focused(), Qt.Key.Key_F2)  # answer
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # end the call: on to the wrap-up
    qtbot.keyClicks(view.contact_result, "o")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(view.closing_code, "g")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, view.fields["notitie"], "Geen actie nodig.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # hand in
    assert window.stack.currentWidget() is window.call_results
    seen = call_page(window)
    assert seen["competences"]  # (something to compare)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home

    open_recent_by_enter(qtbot, window)
    assert window.stack.currentWidget() is window.call_results
    assert call_page(window) == seen
    assert not window.call_results.again_button.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home

    # the next session the trainee does has its "again" back
    drill(qtbot, window)
    assert window.results.again_button.isVisible()


def test_a_result_stored_by_an_older_version_is_scored_again_from_its_journal(
    qtbot, window: MainWindow
) -> None:
    drill(qtbot, window)
    seen = typing_page(window)
    session_id = window._reported[1]  # type: ignore[index]
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    # a result without a field today's results have, as an earlier Simultaan stored it
    db = window.store._db
    with db:
        db.execute(
            "UPDATE sessions SET result_json = json_remove(result_json, '$.typing.unit')"
            " WHERE id = ?",
            (session_id,),
        )
    open_recent_by_enter(qtbot, window)
    assert window.stack.currentWidget() is window.results
    assert typing_page(window) == seen  # the journal gives the same figures
    assert "oudere versie" in window.statusBar().currentMessage()

    with db:  # and none at all
        db.execute("UPDATE sessions SET result_json = NULL WHERE id = ?", (session_id,))
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    open_recent_by_enter(qtbot, window)
    assert typing_page(window) == seen
    assert "geen resultaat bewaard" in window.statusBar().currentMessage()


@pytest.mark.parametrize(("status", "said"), [("lost", "ging verloren"), ("running", "loopt nog")])
def test_a_session_without_a_result_says_why_it_cannot_be_opened(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, status: str, said: str
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    trainee = window.current_trainee()
    assert trainee is not None
    journal = window.data_dir / "journals" / "verloren.jsonl"
    sid = window.store.start_session(
        trainee.id, "nl-copy-kort", "h", "Korte notitie", "practice", journal
    )
    if status == "lost":
        window.store.mark_lost(sid, "journal_missing(path='verloren.jsonl')")
        window.show_home()
        open_recent_by_enter(qtbot, window)
    else:  # (the home screen lists ended sessions only: a running one is in the sessions list)
        assert not window.open_past_result(sid)
    assert len(told) == 1 and said in told[0], told
    assert window.stack.currentWidget() is window.home


def test_the_stored_result_is_shown_as_it_was_not_scored_again(qtbot, window: MainWindow) -> None:
    """What the trainee saw is what the coach sees: the stored result, whatever the journal
    would give today (a result kept with another margin, an exercise edited since)."""
    drill(qtbot, window)
    session_id = window._reported[1]  # type: ignore[index]
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    db = window.store._db
    with db:  # (as if scored that day at another speed: only the store knows)
        db.execute(
            "UPDATE sessions SET result_json = json_set(result_json, '$.typing.wpm', 99.9)"
            " WHERE id = ?",
            (session_id,),
        )
    open_recent_by_enter(qtbot, window)
    assert window.results.figures["wpm"].text() == "99,9"
    assert "Opnieuw berekend" not in window.statusBar().currentMessage()
