"""What the app's start leaves until its window is built or its first frame is drawn (to draw
that frame sooner) is there when the user can see or use it: the style sheet at the saved text
size on the first frame, the home screen's keys once the list can be used."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication, QLabel

from tests.conftest import REPO
from trainer.ui import appearance
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow


@pytest.fixture
def unstyled() -> Iterator[QApplication]:
    """The application as the app's start makes it: with no window yet, and without its style
    sheet (``create_application(styled=False)``); styled again for the next tests.

    Earlier tests' windows are deleted first: Qt 6.11 crashes (in a later ``setStyleSheet``)
    once the application's sheet was taken off while such a window still lived, a state the
    app, which never takes its sheet off, cannot reach."""
    app = create_application()
    gc.collect()  # (windows only Python still held)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
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


class _StyleChanges(QObject):
    """Counts the style changes a widget is sent (a restyle of the whole application)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_asking_for_the_application_again_restyles_nothing_unless_its_sheet_changed(
    qtbot, unstyled: QApplication
) -> None:
    """Every window of the tests (and the app's commands) asks for the application; putting
    the same sheet on again restyled every widget the process held (a crash once, in a test
    worker holding earlier tests' widgets)."""
    label = QLabel("Sofie Maes")
    qtbot.addWidget(label)
    label.show()
    changes = _StyleChanges()
    label.installEventFilter(changes)
    create_application()  # an application without its sheet gets it
    assert unstyled.styleSheet() == (REPO / "assets" / "style.qss").read_text(encoding="utf-8")
    assert changes.count > 0
    changes.count = 0
    create_application()  # the same sheet: nothing restyled
    assert changes.count == 0
