"""Every control can be reached from the keyboard and is named for a screen reader."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui import test_workstation_layout as layout
from tests.ui.test_no_accidents import shipped
from trainer.ui.main_window import MainWindow
from trainer.ui.typing_surface import TypingSurface

# the layout tests' window on the shipped exercises, without a headset
shipped_window = layout.shipped_window
_no_headset = layout._no_headset

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSlider,
            QAbstractSpinBox, QTextEdit, QPlainTextEdit, QTabBar, TypingSurface)  # fmt: skip
# a control left out of the Tab chain on purpose says its key in its text: "Opnemen (F2)"
SHORTCUT_IN_TEXT = re.compile(r"\((F\d+|Esc|Ctrl\+(?:Shift\+)?\w+)\)")


def _controls(root: QWidget) -> list[QWidget]:
    """The visible controls of a page or dialog (not the parts Qt builds into its own)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.objectName().startswith("qt_"):  # a spin box's text, a scroll bar
            continue
        if isinstance(widget, (QHeaderView, QScrollBar)):  # parts of a list or a scroll area
            continue
        found.append(widget)
    return found


def _named(widget: QWidget, root: QWidget) -> bool:
    """Named for a screen reader: its own name, its text, or a label pointing at it."""
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabBar):  # its tabs' texts name it
        return all(widget.tabText(i).strip() for i in range(widget.count()))
    return any(label.buddy() is widget for label in root.findChildren(QLabel))


def problems(root: QWidget) -> list[str]:
    """What cannot be reached with Tab (and has no key of its own) or has no name."""
    said = []
    for widget in _controls(root):
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if not _named(widget, root):
            said.append(f"{name}: no accessible name")
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not SHORTCUT_IN_TEXT.search(text):
                said.append(f"{name} {text!r}: not reached with Tab, and no key of its own")
    return said


def check(window: MainWindow) -> None:
    QApplication.processEvents()
    page = window.stack.currentWidget()
    assert _controls(page), "the page shows controls"
    said = problems(window)
    assert said == [], f"{page.objectName()}:\n" + "\n".join(said)


def test_every_page_is_reachable_and_named(
    qtbot, tmp_path: Path, shipped_window: MainWindow
) -> None:
    window = shipped_window
    check(window)  # home
    trainee = window.current_trainee()
    drill = window.start_exercise(
        shipped("nl/copy/nl-copy-08-contractwijziging-energie.yaml"), trainee
    )
    check(window)
    drill.finish("finished")
    check(window)  # its results
    dictation = window.start_exercise(
        shipped("nl/dictation/nl-dictee-08-examen-klantgegevens.yaml"), trainee
    )
    check(window)
    dictation.finish("finished")
    call = window.start_exercise(shipped("nl/call/nl-gesprek-06-klacht-factuur.yaml"), trainee)
    qtbot.waitUntil(lambda: call.state == "ringing")
    call.on_desk_action("answer")
    call.look_up(call.exercise.customer.number)
    check(window)
    call.finish("abandoned")
    check(window)  # the call's results


def test_the_settings_dialog_is_reachable_and_named(qtbot, shipped_window: MainWindow) -> None:
    from trainer.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(
        shipped_window.settings, shipped_window, trainee=shipped_window.current_trainee()
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []


def test_a_control_without_a_name_or_out_of_reach_is_found(qtbot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout

    layout = QVBoxLayout(page)
    unnamed = QListWidget()
    hidden_button = QPushButton("Opnemen")
    hidden_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    keyed = QPushButton("Opnemen (F2)")
    keyed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for widget in (unnamed, hidden_button, keyed):
        layout.addWidget(widget)
    assert len(problems(page)) == 2
    unnamed.setAccessibleName("Meldingen")
    assert problems(page) == [
        "QPushButton '' 'Opnemen': not reached with Tab, and no key of its own"
    ]


def test_the_recording_dialog_is_reachable_and_named(qtbot, tmp_path: Path) -> None:
    from trainer.ui.record_dialog import RecordDialog

    folder = tmp_path / "audio"  # an empty clip library: the dialog's controls are the same
    folder.mkdir()
    (folder / "clips.yaml").write_text("format: 1\nclips: []\n", encoding="utf-8")
    dialog = RecordDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert _controls(dialog)
    assert problems(dialog) == []
