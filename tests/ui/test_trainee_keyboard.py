"""The keyboard a trainee types on, chosen by keys in the coach's "Cursisten" dialog (Alt+E):
kept with the trainee, and the heat maps of their report (Rapport…) and of the progress window
(Ctrl+3) are drawn on it; a trainee nobody chose one for keeps the language's, as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.generated import cached
from tests.ui.test_report_button import answer_save, drill_with_one_error
from tests.ui.test_trainees_dialog import open_dialog, press
from trainer.paths import exercises_dir
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def test_the_keyboard_chosen_by_keys_draws_the_reports_heat_map(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trainee = window.current_trainee()
    assert trainee is not None and trainee.keyboard is None
    dialog = open_dialog(qtbot, window)
    press(qtbot, dialog, dialog.people, Qt.Key.Key_E, ALT)  # "Toets&enbord:"
    assert QApplication.focusWidget() is dialog.keyboard_choice
    assert dialog.keyboard_choice.currentText() == "Volgens de taal (Belgisch AZERTY)"
    assert [dialog.keyboard_choice.itemText(i) for i in range(1, 4)] == [
        "Belgisch AZERTY",
        "Frans AZERTY",
        "US QWERTY",
    ]
    press(qtbot, dialog, dialog.keyboard_choice, Qt.Key.Key_Down)
    press(qtbot, dialog, dialog.keyboard_choice, Qt.Key.Key_Down)
    assert window.store.trainee(trainee.id).keyboard == "fr"  # type: ignore[union-attr]
    assert dialog.changed and QApplication.focusWidget() is dialog.keyboard_choice
    dialog.close()
    window.activateWindow()  # (offscreen, a closed dialog gives the activation back to none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    drill_with_one_error(qtbot, window)
    target = tmp_path / "rapport.html"
    answer_save(monkeypatch, str(target))
    qtbot.keyClick(window.results, Qt.Key.Key_S, CTRL)
    page = target.read_text(encoding="utf-8")
    assert "Fouten per toets (Frans AZERTY)" in page
    assert "Belgisch AZERTY" not in page


@pytest.fixture
def coach_window(qtbot, tmp_path: Path, answer_dialogs: list[str]):  # type: ignore[no-untyped-def]
    """The app on a copy of a small generated data folder (three trainees, their journals)."""
    data = tmp_path / "data"
    shutil.copytree(cached(40, 3), data)
    create_application()
    win = MainWindow(data_dir=data, exercise_dirs=[exercises_dir()])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    dialog = getattr(win, "progress_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.close()


@pytest.mark.parametrize(("chosen", "drawn"), [(None, "be"), ("us", "us")])
def test_the_progress_windows_heat_map_is_on_the_trainees_keyboard(  # type: ignore[no-untyped-def]
    qtbot, coach_window: MainWindow, chosen: str | None, drawn: str
) -> None:
    window = coach_window
    trainee = window.current_trainee()
    assert trainee is not None
    window.store.set_trainee_keyboard(trainee.id, chosen)
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_G, CTRL)
    dialog = window.progress_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.trainee_combo)
    qtbot.keyClick(dialog, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: dialog.key_stats is not None, timeout=20_000)
    assert dialog.key_stats.layout == drawn  # type: ignore[union-attr]
