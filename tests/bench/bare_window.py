"""The reference for the start-up benchmark: a bare PySide6 window (a QApplication and an empty
QMainWindow of Simultaan's size), launched as Simultaan is and stamping its first drawn frame
into ``SIMULTAAN_STARTUP_PROBE`` the same way (``trainer.ui.app._report_start_up``)."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class BareWindow(QMainWindow):
    """An empty main window that notices its first paint."""

    def __init__(self) -> None:
        super().__init__()
        self.resize(1200, 780)
        self.page = QWidget()
        self.setCentralWidget(self.page)
        self.page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Paint:
            self.page.removeEventFilter(self)
            QTimer.singleShot(0, _stamp)  # once this paint is done, as Simultaan does
        return super().eventFilter(watched, event)


def _stamp() -> None:
    with open(os.environ["SIMULTAAN_STARTUP_PROBE"], "a", encoding="utf-8") as out:
        out.write(f"visible {time.monotonic():.6f}\n")


if __name__ == "__main__":
    app = QApplication(sys.argv)
    window = BareWindow()
    window.show()
    sys.exit(app.exec())
