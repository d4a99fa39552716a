"""The coach's rubric on a call's results page, as a coach uses it: a call really finished,
opened again from the recent results, Ctrl+B, the criteria scored by number and arrow keys,
a comment and the coach's name typed, saved (Enter) or cancelled (Escape); opened again it
shows what was saved."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QWidget

from tests.keys import type_text
from trainer.paths import exercises_dir
from trainer.ui.main_window import MainWindow
from trainer.ui.rubric_dialog import RubricDialog, ScoreChooser

CTRL = Qt.KeyboardModifier.ControlModifier
CALL = "nl/call/nl-gesprek-01-wachtwoord.yaml"


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: the call runs with subtitles."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


@pytest.fixture
def exercises(exercises: Path) -> Path:
    shutil.copy(exercises_dir() / CALL, exercises / Path(CALL).name)
    return exercises


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def finish_a_call(qtbot, window: MainWindow) -> None:
    """The shipped password call answered, ended and handed in, then opened again from the
    home screen's recent results, as a coach does."""
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
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    table = window.home.recent_table
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.call_results


def with_the_dialog(
    qtbot, window: MainWindow, act: Callable[[RubricDialog], None], page: QWidget | None = None
) -> list[str]:
    """Press Ctrl+B (on ``page``, default the call's results) and, once the dialog is up, do
    ``act`` in it by keys; returns what the first chooser's accessible name said when the
    dialog opened."""
    seen: list[str] = []
    page = page or window.call_results

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RubricDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.findChildren(ScoreChooser)[0].accessibleName())
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
        try:
            act(dialog)
        finally:  # a failed check must not leave the test waiting on an open dialog
            if dialog.isVisible():
                seen.append("left open")
                dialog.reject()

    QTimer.singleShot(0, answer)
    if QApplication.focusWidget() is None:  # (offscreen, the window does not take the focus
        page.assess_button.click()  # back from a closed dialog: the button)
    else:
        qtbot.keyClick(focused(), Qt.Key.Key_B, CTRL)
    assert "left open" not in seen
    return seen


def score_by_keys(qtbot, dialog: RubricDialog) -> None:
    """The name, then the first criterion 3 (a number key), the second 1 (arrows from none:
    0, 1, 2, back to 1), a comment for co 01671, and Enter saves."""
    assert focused() is dialog.coach  # no name yet: the name first
    qtbot.keyClicks(dialog.coach, "Marleen Peeters")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert isinstance(focused(), ScoreChooser)
    qtbot.keyClick(focused(), Qt.Key.Key_3)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left):
        qtbot.keyClick(focused(), key)
    comment = dialog.comments["co 01671"]
    comment.setFocus()
    qtbot.keyClicks(comment, "Vraagt te weinig door.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # out of the comment: Enter is the dialog's
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def boxes(dialog: RubricDialog) -> list[str]:
    """The competences the dialog lists, as the coach reads their titles."""
    return [box.title() for box in dialog.findChildren(QGroupBox)]


def test_a_coach_scores_by_keys_saves_and_finds_it_again(qtbot, window: MainWindow) -> None:
    finish_a_call(qtbot, window)
    button = window.call_results.assess_button
    assert button.isVisible() and "Beoordeling" in button.text().replace("&", "")
    session_id = window._reported[1]  # type: ignore[index]
    listed: list[list[str]] = []

    def look_and_score(dialog: RubricDialog) -> None:
        listed.append(boxes(dialog))
        score_by_keys(qtbot, dialog)

    with_the_dialog(qtbot, window, look_and_score)
    # a password call at the helpdesk: communication and explaining, not a complaint nor a sale
    assert listed == [
        ["co 01671: Past communicatietechnieken toe",
         "co 02795: Geeft uitleg en informatie op een klantgerichte manier"]
    ]  # fmt: skip
    saved = window.store.assessment(session_id)
    assert saved is not None and saved.coach == "Marleen Peeters"
    assert saved.of("co 01671").scores == {"greeting": 3, "clarifying": 1}  # type: ignore[union-attr]
    assert saved.of("co 01671").comment == "Vraagt te weinig door."  # type: ignore[union-attr]
    assert [c.code for c in saved.competences] == ["co 01671"]  # nothing said of the others
    assert "bewaard" in window.statusBar().currentMessage()

    # opened again: what was saved, the focus on the first criterion; Escape changes nothing
    def look_and_cancel(dialog: RubricDialog) -> None:
        assert dialog.coach.text() == "Marleen Peeters"
        assert isinstance(focused(), ScoreChooser)
        choosers = dialog.findChildren(ScoreChooser)
        assert [c.score() for c in choosers[:3]] == [3, 1, None]
        assert dialog.comments["co 01671"].toPlainText() == "Vraagt te weinig door."
        qtbot.keyClick(focused(), Qt.Key.Key_Delete)  # cleared, then cancelled
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)

    said = with_the_dialog(qtbot, window, look_and_cancel)
    assert said[0].endswith(": 3 sterk")  # a screen reader hears the criterion and its score
    assert window.store.assessment(session_id) == saved


def test_the_report_shows_the_coach_s_assessment(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved with the rubric, then "Rapport" (Ctrl+S): the HTML report has the coach's part
    beside the automatic results; before, it had none."""
    from trainer.ui.report import save

    finish_a_call(qtbot, window)
    where = tmp_path / "rapport.html"
    monkeypatch.setattr(save, "ask_where", lambda _parent, _result: (where, "html"))
    window.call_results.report_button.click()
    assert "Beoordeling door de coach" not in where.read_text(encoding="utf-8")
    with_the_dialog(qtbot, window, lambda d: score_by_keys(qtbot, d))
    window.call_results.report_button.click()
    html = where.read_text(encoding="utf-8")
    assert "Beoordeling door de coach (Marleen Peeters" in html
    assert "Begroet de klant met naam van het bedrijf" in html and "3 sterk" in html
    assert "1 onvoldoende" in html and "Vraagt te weinig door." in html
    assert "co 01671" in html


def test_cancelling_a_first_assessment_saves_nothing(qtbot, window: MainWindow) -> None:
    finish_a_call(qtbot, window)
    session_id = window._reported[1]  # type: ignore[index]

    def score_and_cancel(dialog: RubricDialog) -> None:
        qtbot.keyClicks(dialog.coach, "Marleen Peeters")
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClick(focused(), Qt.Key.Key_2)
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)

    with_the_dialog(qtbot, window, score_and_cancel)
    assert window.store.assessment(session_id) is None
    assert window.stack.currentWidget() is window.call_results
