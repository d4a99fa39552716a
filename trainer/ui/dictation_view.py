"""The dictation screen: the player's state and keys, and the text the trainee types."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFont, QInputMethodEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

# the player's keys, as transcription players have them (and Ctrl+Space for play/pause)
PLAYER_KEYS: dict[int, str] = {
    Qt.Key.Key_F5: "toggle",
    Qt.Key.Key_F4: "back",
    Qt.Key.Key_F6: "forward",
    Qt.Key.Key_F7: "slower",
    Qt.Key.Key_F8: "faster",
    Qt.Key.Key_F9: "next",
    Qt.Key.Key_F3: "previous",
}


class DictationEditor(QPlainTextEdit):
    """Where the trainee types. Keys become signals and the controller decides what shows,
    so every change is in the journal: typing goes at the end, Backspace takes back the last
    character, and pasting, dropping or moving the cursor into the text does nothing."""

    typed = Signal(str)
    edited = Signal(str)
    player = Signal(str)  # one of PLAYER_KEYS' values
    finishRequested = Signal()
    abandonRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dictationEditor")
        self.setAccessibleName(self.tr("Wat je hoort, getypt"))
        self.setUndoRedoEnabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(15)
        self.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Player keys, editing keys and typed text to signals; everything else is ignored."""
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in PLAYER_KEYS:
            self.player.emit(PLAYER_KEYS[key])
        elif key == Qt.Key.Key_Space and ctrl:
            self.player.emit("toggle")
        elif key == Qt.Key.Key_Escape:
            self.abandonRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.finishRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.typed.emit("\n")
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.edited.emit("Backspace" if key == Qt.Key.Key_Backspace else "Delete")
        elif event.text() and event.text().isprintable() and not ctrl:
            self.typed.emit(unicodedata.normalize("NFC", event.text()))
        event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Dead keys and compose: the committed text is one keystroke."""
        if event.commitString():
            self.typed.emit(unicodedata.normalize("NFC", event.commitString()))
        event.accept()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        """No pasting or dropping: the text must be typed."""
        return False

    def append_text(self, text: str) -> None:
        """Show typed text at the end."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def remove_last(self) -> None:
        """Take back the last character."""
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.deletePreviousChar()
        self.setTextCursor(cursor)


class DictationView(QWidget):
    """The dictation drill's screen. ``DictationController`` drives it through the methods
    below (and hears the editor's signals); it does not reach into the widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dictationView")
        self.title = QLabel()
        self.title.setObjectName("drillTitle")
        self.instructions = QLabel()
        self.instructions.setObjectName("drillInstructions")
        self.instructions.setWordWrap(True)

        self.clip = QLabel()
        self.state = QLabel()
        self.position = QLabel()
        self.speed = QLabel()
        self.plays = QLabel()
        player = QFrame()
        player.setObjectName("drillStatus")
        row = QHBoxLayout(player)
        for label in (self.clip, self.state, self.position, self.speed, self.plays):
            row.addWidget(label)
            row.addSpacing(20)
        row.addStretch(1)

        self.problem = QLabel()
        self.problem.setObjectName("soundProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.editor = DictationEditor()
        self.keys_help = QLabel(
            self.tr(
                "F5 of Ctrl+Spatie: afspelen/pauze · F4: 2 s terug · F6: 2 s vooruit · "
                "F7: trager · F8: sneller · F9: volgend fragment · F3: vorig · "
                "Enter: nieuwe regel · Ctrl+Enter: inleveren · Esc: stoppen"
            )
        )
        self.keys_help.setObjectName("keysHelp")
        self.keys_help.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.instructions)
        layout.addWidget(player)
        layout.addWidget(self.problem)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.keys_help)

    def show_start(self, title: str, instructions: str) -> None:
        """A new dictation: its title and instructions, an empty text with the focus."""
        self.title.setText(title)
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))
        self.editor.clear()
        self.editor.setFocus()

    def show_player(self, clip: str, state: str, position: str, speed: str, plays: str) -> None:
        """The player's line: which clip, playing or paused, where, how fast, plays left."""
        for label, text in (
            (self.clip, clip),
            (self.state, state),
            (self.position, position),
            (self.speed, speed),
            (self.plays, plays),
        ):
            label.setText(text)

    def type_text(self, text: str) -> None:
        """Show what the trainee typed, at the end."""
        self.editor.append_text(text)

    def take_back(self) -> None:
        """Backspace: the last character goes."""
        self.editor.remove_last()

    def show_problem(self, text: str) -> None:
        """A sound problem in a red band above the text (empty: hide it)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
