"""``simultaan exam start``'s window: the exam screen alone, full screen, for one candidate."""

from __future__ import annotations

import sys

from trainer.store.exam_room import PreparedExam


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
    window.showFullScreen()
    from trainer.ui.central_status import start_uploads

    # each finished part to the centre's central store, when one is named (not said on screen)
    uploader = start_uploads(prepared.data_folder)
    try:
        code: int = app.exec()
    finally:
        if uploader is not None:
            uploader.stop()  # (what waits goes at the next start)
    return code
