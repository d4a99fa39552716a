"""``simultaan exam start``'s window: the exam screen alone, full screen, for one candidate."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from trainer.store.exam_room import PreparedExam

if TYPE_CHECKING:
    from trainer.ui.exam_window import ExamWindow


def run_exam(prepared: PreparedExam) -> int:
    """Show the exam screen for a checked package and candidate; returns the exit code (0
    once the supervisor closed it, whether the exam is over or to be resumed)."""
    from trainer.ui.app import _has_display, create_application

    if not _has_display():
        print(
            "simultaan: no screen found (DISPLAY is not set); the exam needs the workstation's "
            "screen",
            file=sys.stderr,
        )
        return 1
    app = create_application()
    from trainer.settings import load_settings
    from trainer.ui import language
    from trainer.ui.exam_window import ExamWindow

    language.install_at_start(prepared.data_folder)
    settings, _ = load_settings(prepared.data_folder)  # (a damaged file: the defaults)
    window = ExamWindow(prepared, device=settings.output_device, volume=settings.volume)
    window.show_kiosk()
    _stop_on_sigterm(window)
    _report_page(window)
    from trainer.ui.central_status import start_uploads

    # each finished part to the centre's central store, when one is named (not said on screen)
    uploader = start_uploads(prepared.data_folder)
    try:
        code: int = app.exec()
    finally:
        if uploader is not None:
            uploader.stop()  # (what waits goes at the next start)
    return code


def _stop_on_sigterm(window: ExamWindow) -> None:
    """SIGTERM (the workstation shutting down, the room's tooling) closes the exam as the
    supervisor's code does: what was typed is written and a running part stays resumable."""
    import signal

    from PySide6.QtCore import QTimer

    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.stop_for_shutdown))
    # Python runs a signal's handler only between bytecodes: a timer gives it the chance
    # while Qt's loop waits
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _report_page(window: ExamWindow) -> None:
    """For the tests of the real process: ``SIMULTAAN_EXAM_PROBE`` names a file that gets the
    page on screen ("check_in", "resume_page"...) once the event loop runs, and FILE.geometry
    the window's size and the screen's ("1366x768 1366x768")."""
    import os

    probe = os.environ.get("SIMULTAAN_EXAM_PROBE")
    if not probe:
        return
    from PySide6.QtCore import QTimer

    def stamp() -> None:
        pages = ("check_in", "resume_page", "instructions", "part_page", "between", "end_page")
        shown = window.pages.currentWidget()
        name = next((p for p in pages if getattr(window, p) is shown), "?")
        size, screen = window.geometry(), window.screen().geometry()
        with open(probe + ".geometry", "w", encoding="utf-8") as out:
            out.write(f"{size.width()}x{size.height()} {screen.width()}x{screen.height()}\n")
        with open(probe, "a", encoding="utf-8") as out:
            out.write(f"{name}\n")

    QTimer.singleShot(0, stamp)
