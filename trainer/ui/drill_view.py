"""The drill screen: the text to type, live speed and error rate, and the countdown."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trainer.ui.typing_surface import TypingSurface


class DrillView(QWidget):
    """Widgets of the copy-typing drill; ``DrillController`` drives them."""

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
