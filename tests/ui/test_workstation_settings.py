"""The workstation's own settings: the text size per trainee (Ctrl+plus, Ctrl+minus, Ctrl+0),
the theme, and the window's place from one session to the next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.test_no_accidents import shipped
from trainer.settings import load_settings
from trainer.ui import appearance
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _normal_afterwards() -> Iterator[None]:
    """The next tests see the app at its normal size and theme again."""
    yield
    appearance.apply(appearance.NORMAL_SIZE, "normal")


def restart(qtbot, window: MainWindow, exercises: Path) -> MainWindow:
    """Close the window (as the user does) and start the app again on the same data."""
    window.close()
    create_application()
    again = MainWindow(data_dir=window.data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    return again


def drill_points(window: MainWindow) -> float:
    """The point size of the text to type, on a drill started now."""
    drill = window.start_exercise(window.catalog.by_id("nl-copy-kort").exercise,
                                  window.current_trainee())  # fmt: skip
    assert drill is not None
    QApplication.processEvents()
    points = window.drill_view.surface.font().pointSizeF()
    drill.finish("abandoned")
    window.show_home()
    return points


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:
    """Ctrl and a key, typed into the window (made the active one, as the user's is)."""
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()


def test_ctrl_plus_makes_the_drill_text_bigger_for_that_trainee_only(
    qtbot, window: MainWindow, exercises: Path
) -> None:
    an = window.current_trainee()
    jonas = window.store.add_trainee("Jonas Peeters")
    normal = drill_points(window)
    drill = window.start_exercise(window.catalog.by_id("nl-copy-kort").exercise, an)
    window.drill_view.surface.setFocus()
    press(qtbot, window, Qt.Key.Key_Plus)  # during the drill, on the typing surface
    press(qtbot, window, Qt.Key.Key_Plus)
    assert window.drill_view.surface.font().pointSizeF() == pytest.approx(normal * 1.25)
    assert window.drill_view.surface.typed_text == ""  # the keys changed the size, typed nothing
    drill.finish("abandoned")
    window.show_home()
    assert window.store.trainee(an.id).text_size == 125
    assert window.statusBar().currentMessage() == "Tekstgrootte: 125 %"

    window = restart(qtbot, window, exercises)
    assert window.current_trainee().id == an.id
    assert drill_points(window) == pytest.approx(normal * 1.25)  # came back with An
    window._fill_trainees(jonas.id)
    assert drill_points(window) == pytest.approx(normal)  # Jonas keeps his own
    press(qtbot, window, Qt.Key.Key_Minus)
    assert drill_points(window) == pytest.approx(normal * 0.9)
    window._fill_trainees(an.id)
    assert drill_points(window) == pytest.approx(normal * 1.25)
    press(qtbot, window, Qt.Key.Key_0)  # back to normal
    assert drill_points(window) == pytest.approx(normal)
    assert window.store.trainee(an.id).text_size == 100


def test_the_text_size_stops_at_its_largest_and_smallest() -> None:
    assert appearance.step(175, 1) == 200 and appearance.step(200, 1) == 200
    assert appearance.step(100, -1) == 90 and appearance.step(90, -1) == 90
    assert appearance.step(112, 1) == 125 and appearance.step(112, -1) == 110


def test_without_a_trainee_the_text_size_is_the_apps_own(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: list[str]
) -> None:
    create_application()
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    normal = QApplication.font().pointSizeF()
    assert window.current_trainee() is None
    press(qtbot, window, Qt.Key.Key_Plus)
    assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.1)
    assert load_settings(data_dir)[0].text_size == 110
    appearance.apply(appearance.NORMAL_SIZE, "normal")
    window = restart(qtbot, window, exercises)
    # back before the first frame, from the settings file
    assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.1)


def test_the_settings_dialog_shows_and_sets_the_text_size_and_the_theme(
    qtbot, window: MainWindow, exercises: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.ui.settings_dialog import SettingsDialog

    an = window.current_trainee()
    window.store.set_trainee_text_size(an.id, 150)
    seen: list[tuple[str, str]] = []

    def choose(dialog: SettingsDialog) -> SettingsDialog.DialogCode:
        seen.append((dialog.text_size.currentText(), dialog.theme.currentText()))
        dialog.text_size.setCurrentIndex(dialog.text_size.findData(175))
        dialog.theme.setCurrentIndex(dialog.theme.findData("contrast"))
        return SettingsDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    window.open_settings()
    assert seen == [("150 %", "Normaal")]  # An's own size, the normal theme
    assert window.store.trainee(an.id).text_size == 175
    assert window.settings.theme == "contrast"
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert "high contrast" in QApplication.instance().styleSheet()

    # cancelled: nothing changes
    monkeypatch.setattr(SettingsDialog, "exec", lambda d: SettingsDialog.DialogCode.Rejected)
    window.open_settings()
    assert window.store.trainee(an.id).text_size == 175
    assert window.settings.theme == "contrast"


def test_the_high_contrast_theme_is_applied_and_remembered(
    qtbot, window: MainWindow, exercises: Path
) -> None:
    from trainer.ui.settings_dialog import SettingsDialog

    normal_window = QApplication.palette().color(QPalette.ColorRole.Window).name()
    assert normal_window != "#000000"
    window.settings.theme = "contrast"
    window._save_settings()
    window._apply_appearance(window.current_trainee())
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert palette.color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    # the focus has a thick yellow frame
    sheet = QApplication.instance().styleSheet()
    assert "QLineEdit:focus" in sheet and "4px solid #ffff00" in sheet

    appearance.apply(appearance.NORMAL_SIZE, "normal")  # as a new process starts
    window = restart(qtbot, window, exercises)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == "contrast"
    dialog.theme.setCurrentIndex(dialog.theme.findData("normal"))
    window.settings = dialog.result_settings()
    window._apply_appearance(window.current_trainee())
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == normal_window


# the window's place: each start is a process of its own on a screen of a given size (the test
# process's offscreen screen is 800x800, smaller than the window may be)
WINDOW_RUN = """
import sys
from pathlib import Path
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
app = create_application()
window = MainWindow(data_dir=Path(sys.argv[1]))
window.show()
app.processEvents()
if len(sys.argv) > 2:  # the user moves and resizes the window
    window.setGeometry(*(int(n) for n in sys.argv[2].split(",")))
    app.processEvents()
rect = window.geometry()
print(rect.x(), rect.y(), rect.width(), rect.height(), flush=True)
window.close()
"""


def run_window(tmp_path: Path, data_dir: Path, screen: tuple[int, int], *moved: str) -> str:
    """Start the app on a screen of this size, move its window (to x,y,w,h), close it; where
    the window was before it closed."""
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / f"screen-{screen[0]}x{screen[1]}.json"
    config.write_text(json.dumps({"screens": [
        {"name": "s", "x": 0, "y": 0, "width": screen[0], "height": screen[1],
         "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_RUN, str(data_dir), *moved],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_window_comes_back_where_and_as_large_as_it_was(tmp_path: Path, data_dir: Path) -> None:
    run_window(tmp_path, data_dir, (1920, 1080), "100,60,1300,900")
    assert run_window(tmp_path, data_dir, (1920, 1080)) == "100 60 1300 900"
    # on a smaller screen the next day: the window is made to fit it
    x, y, width, height = map(int, run_window(tmp_path, data_dir, (1366, 768)).split())
    assert (width, height) == (1300, 768) and x + width <= 1366 and y >= 0


def test_in_high_contrast_a_typing_error_is_yellow_on_black(qtbot, window: MainWindow) -> None:
    from PySide6.QtGui import QColor

    window.settings.theme = "contrast"
    window._apply_appearance(window.current_trainee())
    drill = window.start_exercise(window.catalog.by_id("nl-copy-kort").exercise,
                                  window.current_trainee())  # fmt: skip
    for ch in "Kafé":  # "Café": the first letter wrong
        drill._on_typed(ch)
    QApplication.processEvents()
    image = window.drill_view.surface.grab().toImage()
    seen = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(image.height())}
    assert QColor("#ffff00").rgb() in seen  # the wrong letter's cell
    assert QColor("#000000").rgb() in seen  # the ground
    assert QColor("#c62828").rgb() not in seen  # not the normal theme's red
    drill.finish("abandoned")


def test_the_dictation_is_typed_in_large_monospace_that_follows_the_text_size(
    qtbot, window: MainWindow
) -> None:
    """What the trainee types of a dictation is as large as the editor means it (15 pt, a
    monospace), at every text size: the style sheet's 11 pt for every widget made it 11."""
    exercise = shipped("nl/dictation/nl-dictee-01-begroeting-en-printer.yaml")
    for size in (100, 150):
        appearance.apply(size, "normal")
        session = window.start_exercise(exercise, window.current_trainee())
        assert session is not None
        QApplication.processEvents()
        font = window.dictation_view.editor.font()
        assert font.pointSizeF() == pytest.approx(15 * size / 100, abs=0.05)
        assert font.family() == "DejaVu Sans Mono"
        session.finish("abandoned")
        window.show_home()
