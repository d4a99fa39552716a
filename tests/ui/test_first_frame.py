"""What the app's start leaves until its window is built or its first frame is drawn (to draw
that frame sooner) is there when the user can see or use it: the style sheet at the saved text
size on the first frame, the home screen's keys once the list can be used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QLabel

from trainer.ui import appearance
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow


@pytest.fixture
def unstyled() -> Iterator[QApplication]:
    """The application as the app's start makes it: without its style sheet yet
    (``create_application(styled=False)``); styled again for the next tests."""
    app = create_application()
    app.setStyleSheet("")
    yield app
    appearance.apply(appearance.NORMAL_SIZE, "normal")
    app.setStyleSheet(appearance.style_sheet(appearance.NORMAL_SIZE, "normal"))


@pytest.mark.parametrize("text_size", [100, 125])
def test_the_window_puts_the_style_sheet_on_before_its_first_frame(
    qtbot, unstyled: QApplication, tmp_path: Path, text_size: int
) -> None:
    data = tmp_path / "gegevens"
    data.mkdir()
    (data / "settings.toml").write_text(f"text_size = {text_size}\n", encoding="utf-8")
    window = MainWindow(data_dir=data, defer_loading=True)
    qtbot.addWidget(window)
    assert unstyled.styleSheet() == appearance.style_sheet(text_size, "normal")
    # the widgets made before it follow it: the title as large as the sheet says (20pt)
    title = window.home.findChild(QLabel, "appTitle")
    assert title.font().pointSizeF() == pytest.approx(20 * text_size / 100, abs=0.05)
    assert title.palette().color(title.foregroundRole()).name() == "#1565c0"


def test_the_home_screens_keys_are_there_once_the_list_can_be_used(
    qtbot, tmp_path: Path, exercises: Path
) -> None:
    create_application()
    window = MainWindow(
        data_dir=tmp_path / "gegevens", exercise_dirs=[exercises], defer_loading=True
    )
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.contentLoaded, timeout=10_000):
        window.show()
    QApplication.processEvents()
    on_home = {s.key().toString() for s in window.home.findChildren(QShortcut)}
    assert {
        "Ctrl+N",
        "Ctrl+,",
        "Ctrl+P",
        "Ctrl+Shift+X",
        "Ctrl+E",
        "Ctrl+H",
        "Ctrl+T",
        "Ctrl+G",
    } <= on_home
    # the text size's, on every page
    on_window = {s.key().toString() for s in window.findChildren(QShortcut) if s.parent() is window}
    assert {"Ctrl++", "Ctrl+=", "Ctrl+-", "Ctrl+0"} <= on_window
    window.close()
