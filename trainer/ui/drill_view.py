"""The drill screen: the text to type, live speed and error rate, and the countdown."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trainer.ui.style_flags import set_flag
from trainer.ui.typing_surface import TypingSurface


class DrillView(QWidget):
    """Widgets of the copy-typing drill; ``DrillController`` drives them through the methods
    below, and the typing through ``surface``, a view with its own closed interface
    (``TypingSurface``: the reference, append, remove_last, the live alignment)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drillView")
        self.title = QLabel()
        self.title.setObjectName("drillTitle")
        self.instructions = QLabel()
        self.instructions.setObjectName("drillInstructions")
        self.instructions.setWordWrap(True)

        self.speed = QLabel()
        self.speed.setObjectName("liveSpeed")
        self.errors = QLabel()
        self.errors.setObjectName("liveErrors")
        self.progress = QLabel()
        self.progress.setObjectName("liveProgress")
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        status = QFrame()
        status.setObjectName("drillStatus")
        status_layout = QHBoxLayout(status)
        for label in (self.speed, self.errors, self.progress):
            status_layout.addWidget(label)
            status_layout.addSpacing(24)
        status_layout.addStretch(1)
        status_layout.addWidget(self.countdown)

        self.surface = TypingSurface()
        self.keys_help = QLabel(
            self.tr("Backspace verbetert · Ctrl+Enter: inleveren · Esc: stoppen")
        )
        self.keys_help.setObjectName("keysHelp")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.instructions)
        layout.addWidget(status)
        layout.addWidget(self.surface, 1)
        layout.addWidget(self.keys_help)

    # what the controller shows and asks (it never touches the labels or the surface itself)
    def show_exercise(self, title: str, instructions: str) -> None:
        """A new drill: its title and instructions; the live labels' warnings cleared."""
        self.title.setText(title)
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))
        # nothing of the previous session stays: not its red error label, not its countdown
        for label, flag in (
            (self.errors, "over"),
            (self.speed, "under"),
            (self.countdown, "urgent"),
        ):
            set_flag(label, flag, False)
        self.surface.setFocus()

    def show_speed(self, text: str, slow: bool = False) -> None:
        """The net speed so far; red (``slow``) below the exercise's minimum."""
        self.speed.setText(text)
        set_flag(self.speed, "under", slow)

    def show_errors(self, text: str, over: bool = False) -> None:
        """The error rate so far; red (``over``) beyond the margin."""
        self.errors.setText(text)
        set_flag(self.errors, "over", over)

    def show_countdown(self, text: str, urgent: bool = False) -> None:
        """The time left in a timed drill ('' for none); red in its last seconds."""
        self.countdown.setText(text)
        set_flag(self.countdown, "urgent", urgent)

    def show_progress(self) -> None:
        """Characters typed of the text."""
        self.progress.setText(f"{self.surface.position} / {len(self.surface.reference)}")
