"""Take docs/screenshot-chat.png: the chat screen of the real window with three customers.

    .venv/bin/python scripts/screenshot_chat.py          # (starts its own Xvfb without DISPLAY)

The shipped Dutch exam chat (nl-chat-05-examen-telecom) is played on a fake session clock in a
1366x700 window (a 1366x768 screen less its task bar), as ``scripts/screenshots.py`` does for
the other screens: the trainee greets the first customer with a canned response and asks her
number, the other two write meanwhile (unread, waiting; one impatient), her number goes into
the form and a reply is being typed when the picture is taken, 58 seconds in.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from screenshots import DOCS, ensure_display  # noqa: E402  (scripts/ is no package)


class FakeTime:
    """The session clock's source: seconds the script sets."""

    t = 0.0

    def __call__(self) -> float:
        return self.t


def main() -> int:
    server = ensure_display()
    try:
        shoot(DOCS / "screenshot-chat.png")
    finally:
        if server is not None:
            server.terminate()
    return 0


def shoot(out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from trainer.core.journal_writer import SessionClock
    from trainer.core.loader import load_exercise
    from trainer.paths import exercises_dir
    from trainer.ui import chat_controller
    from trainer.ui.app import create_application
    from trainer.ui.main_window import MainWindow

    now = FakeTime()
    chat_controller.SessionClock = lambda: SessionClock(now)  # type: ignore[attr-defined,assignment,misc]
    app = create_application()
    window = MainWindow(data_dir=Path(tempfile.mkdtemp()))
    window.resize(1366, 700)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    trainee = window.store.add_trainee("Yana Claes")
    window._fill_trainees(trainee.id)
    exercise, _ = load_exercise(exercises_dir() / "nl/chat/nl-chat-05-examen-telecom.yaml")
    session = window.start_exercise(exercise, trainee)
    assert isinstance(session, chat_controller.ChatController)
    while not session._poll_timer.isActive():
        QTest.qWait(10)

    def at(t: float) -> None:
        now.t = t
        session.tick()
        app.processEvents()

    def focused() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "the window has the focus"
        return widget

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(focused(), key, modifier)

    def write(text: str) -> None:
        QTest.keyClicks(focused(), text)  # (ASCII only here)

    control = Qt.KeyboardModifier.ControlModifier
    at(3.0)
    press(Qt.Key.Key_1, control)
    press(Qt.Key.Key_T, control)
    write("begr")
    press(Qt.Key.Key_Return)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    write("Mag ik uw klantnummer?")
    at(9.0)
    press(Qt.Key.Key_Return)
    for t in (16.0, 20.0, 27.0, 31.0, 40.0):
        at(t)
    press(Qt.Key.Key_Tab)
    write("7730 4182")
    press(Qt.Key.Key_Tab)
    session.view.panes["lotte"].reply.setFocus()
    write("Bedankt. Op uw factuur van maart zie ik 51,35 euro mobiele data in Zwitserland")
    for t in (50.0, 58.0):
        at(t)
    QTest.qWait(200)
    window.grab().save(str(out))
    print(f"{out.relative_to(REPO)}: {window.width()}x{window.height()}")
    session.finish("abandoned")


if __name__ == "__main__":
    sys.exit(main())
