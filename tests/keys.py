"""Typing into real widgets as a trainee does, including what qtbot.keyClicks cannot send."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    """ASCII as key clicks, a newline as Return, anything else as key-event text (keyClicks
    aborts on it)."""
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            QApplication.sendEvent(
                widget,
                QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
                ),
            )
