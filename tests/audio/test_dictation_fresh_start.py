"""A dictation starts as new: nothing of the last one's player or its messages stays on
screen (with real sound, so the player has something to show)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.keys import type_text
from trainer.ui.main_window import MainWindow


def test_the_next_dictation_shows_nothing_of_the_last_one(qtbot, window: MainWindow) -> None:
    view = window.dictation_view
    editor = view.editor
    exam = window.catalog.by_id("en-dictation-02-exam-service-desk").exercise
    first = window.start_exercise(exam, window.current_trainee())
    assert first.engine is not None and not view.problem.isVisible()
    qtbot.keyClick(editor, Qt.Key.Key_F7)  # slower
    qtbot.keyClick(editor, Qt.Key.Key_F9)  # the second clip
    qtbot.keyClick(editor, Qt.Key.Key_F5)  # play it
    qtbot.keyClick(editor, Qt.Key.Key_F4)  # back: not in an exam, says the red band
    assert view.problem.isVisible() and "Terugspoelen kan niet" in view.problem.text()
    assert view.clip.text() == f"Fragment 2 van {len(exam.clips)}"
    assert (view.state.text(), view.speed.text(), view.plays.text()) == (
        "▶ speelt",
        "snelheid 0,9×",
        "nog 1 keer",
    )
    type_text(qtbot, editor, "Good")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # stop (answered yes)
    assert window.stack.currentWidget() is window.results

    other = window.catalog.by_id("nl-dictee-01-begroeting-en-printer").exercise
    for exercise, plays in ((exam, "nog 2 keer"), (other, "onbeperkt beluisteren")):
        if exercise is exam:
            qtbot.keyClick(window.results, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        else:
            window.start_exercise(exercise, window.current_trainee())
        assert window.drill is not first and window.drill.engine is not None
        assert not view.problem.isVisible() and editor.toPlainText() == ""
        assert view.clip.text() == f"Fragment 1 van {len(exercise.clips)}"
        assert (view.state.text(), view.speed.text(), view.plays.text()) == (
            "⏸ gepauzeerd",
            "snelheid 1,0×",
            plays,
        )
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        assert window.stack.currentWidget() is window.results
