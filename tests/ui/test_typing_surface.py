"""The typing surface on its own: what the trainee sees as keys arrive."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from trainer.ui.typing_surface import TypingSurface


def make_surface(qtbot, text: str) -> TypingSurface:
    surface = TypingSurface()
    qtbot.addWidget(surface)
    surface.resize(700, 300)
    surface.set_reference(text)
    surface.show()
    qtbot.waitExposed(surface)
    return surface


def test_keys_become_signals_and_the_controller_decides(qtbot) -> None:
    surface = make_surface(qtbot, "ab\ncd")
    typed: list[str] = []
    edits: list[str] = []
    surface.typed.connect(typed.append)
    surface.edited.connect(edits.append)
    qtbot.keyClick(surface, "a")
    qtbot.keyClick(surface, Qt.Key.Key_Return)
    qtbot.keyClick(surface, Qt.Key.Key_Backspace)
    qtbot.keyClick(surface, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # not text
    with qtbot.waitSignal(surface.finishRequested):
        qtbot.keyClick(surface, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(surface.abandonRequested):
        qtbot.keyClick(surface, Qt.Key.Key_Escape)
    assert typed == ["a", "\n"]
    assert edits == ["Backspace"]
    assert surface.position == 0  # the surface shows only what the controller tells it


def test_wrong_characters_are_counted_and_backspace_takes_them_back(qtbot) -> None:
    surface = make_surface(qtbot, "Gent")
    for ch in "Gant":
        surface.append(ch)
    assert surface.wrong_count == 1 and surface.typed_text == "Gant"
    surface.remove_last()
    surface.remove_last()
    assert surface.wrong_count == 1
    surface.remove_last()
    assert surface.wrong_count == 0 and surface.position == 1


def test_a_dead_key_commit_arrives_as_one_composed_character(qtbot) -> None:
    surface = make_surface(qtbot, "é")
    typed: list[str] = []
    surface.typed.connect(typed.append)
    preedit = QInputMethodEvent("´", [])  # the dead key is pressed: nothing typed yet
    QApplication.sendEvent(surface, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("e\u0301")  # some input methods send it decomposed
    QApplication.sendEvent(surface, commit)
    assert typed == ["é"]


def test_a_long_drill_keeps_painting_without_draining_none(qtbot) -> None:
    """PySide6 6.12.0 lost a reference to None per setPen/fillRect; a long drill then crashed."""
    text = "De klant belt over factuur 2026-004718. " * 40
    surface = make_surface(qtbot, text)
    before = sys.getrefcount(None)
    for ch in text[:600]:
        surface.append(ch if ch != "f" else "v")  # some wrong cells: both paint paths
        surface.repaint()
    assert sys.getrefcount(None) >= before - 50
