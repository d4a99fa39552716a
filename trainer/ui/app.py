"""Starting the desktop app: the QApplication, the style, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from trainer import __version__
from trainer.paths import assets_dir, data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from trainer import startup_files
    from trainer.ui.crash import CrashHandler
    from trainer.ui.main_window import MainWindow


def _has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def create_application(argv: list[str] | None = None, *, styled: bool = True) -> QApplication:
    """The QApplication with Simultaan's name and style (made once per process). Not
    ``styled``: the main window puts its style sheet on once it is built
    (``appearance.apply``), which styles each widget once instead of at every step."""
    from PySide6.QtWidgets import QApplication

    # a Simultaan process only ever makes a QApplication (tests too, through pytest-qt)
    app = cast("QApplication", QApplication.instance()) or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Simultaan")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Simultaan")
    style = assets_dir() / "style.qss"
    if styled and style.exists():
        sheet = style.read_text(encoding="utf-8")
        if app.styleSheet() != sheet:  # a new sheet restyles every widget the app holds
            app.setStyleSheet(sheet)
    return app


def run_app(data_dir_override: str | None = None, reader: int | None = None) -> int:
    """Start the desktop app and return its exit code. ``reader``: the process reading the
    start's files ahead (``trainer.startup_files``), collected once the list is filled."""
    if not _has_display():
        print(
            "simultaan: no screen found (DISPLAY is not set). Start Simultaan from a desktop "
            "session, or on a headless machine run it under Xvfb: xvfb-run ./run",
            file=sys.stderr,
        )
        return 1
    # Simultaan has no pydantic plugins: not looking for them spares a scan of every installed
    # package's metadata when the first model is made (a child process inherits it: harmless)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from trainer import pydantic_plugins

    pydantic_plugins.skip_search()  # ... nor importing the search's modules (3 MB)
    app = create_application(styled=False)
    from PySide6.QtCore import QTimer

    from trainer.ui.main_window import MainWindow

    try:
        folder = data_dir(data_dir_override)
        from trainer.ui import language  # the first window's words in the chosen language

        language.install_at_start(folder)
        window = MainWindow(data_dir=folder, defer_loading=True)
    except OSError as exc:
        print(
            f"simultaan: cannot use the data folder {exc.filename}: {exc.strerror}", file=sys.stderr
        )
        return 1
    # the store is opened right after the first frame; one that cannot be used (made by a
    # newer Simultaan, unreadable) is said on stderr and on screen, and the app stops with 1
    window.startFailed.connect(lambda problem: _stop_at_start(window, problem))
    window.show()
    _report_start_up(window)
    # the log and the handler for errors nothing caught start once the list is filled: their
    # modules (logging.handlers, the Qt enums the handler uses) cost 25-30 ms, which took the
    # lock from the thread reading the exercises when they started with the first frame, and
    # no session can start before the list is there (reading it catches its own errors)
    window.contentLoaded.connect(
        lambda: QTimer.singleShot(0, lambda: _watch_for_errors(window, folder))
    )
    from trainer import startup_files

    first_frame: list[startup_files.Taken] = []
    window.firstFrameShown.connect(lambda: first_frame.append(startup_files.snapshot()))
    window.contentLoaded.connect(
        lambda: QTimer.singleShot(0, lambda: _after_start(first_frame, reader))
    )
    return int(app.exec())


def _after_start(first_frame: list[startup_files.Taken], reader: int | None) -> None:
    """Once the list is filled: keep what the first window needed, then what the list did,
    for the next cold start, and collect the process that read it ahead when it is done (a
    second or two at most)."""
    from PySide6.QtCore import QTimer

    from trainer import qt_compiled, startup_files

    if first_frame:
        startup_files.record(first_frame[0], later=startup_files.snapshot())
    qt_compiled.save()  # (nothing when this start compiled nothing anew)
    tries = iter(range(30))

    def collect() -> None:
        if not startup_files.reap(reader) and next(tries, None) is not None:
            QTimer.singleShot(1000, collect)

    collect()


def _watch_for_errors(window: MainWindow, folder: Path) -> CrashHandler:
    """The log file, and the handler for errors nothing caught, from now on (the app calls it
    once the first frame is drawn)."""
    from trainer.ui.crash import CrashHandler

    def keep_journal() -> None:
        session = window.drill
        if session is not None and session.active:
            session.journal.sync_pending()

    def start_log() -> None:
        import logging
        import platform

        from PySide6 import __version__ as qt_version

        from trainer.logs import start_logging

        start_logging(folder)
        logging.getLogger(__name__).info(
            "Simultaan %s started (Python %s, PySide6 %s, %s)",
            __version__,
            platform.python_version(),
            qt_version,
            f"{platform.system()} {platform.release()} {platform.machine()}",
        )

    handler = CrashHandler(folder, keep_journal, lambda: window)
    handler.setParent(window)  # lives as long as the window
    handler.install()
    start_log()
    return handler


def _stop_at_start(window: MainWindow, problem: str) -> None:
    """The store cannot be used: say why (stderr for scripts, a dialog for a desktop user who
    started it from a menu) and leave with exit code 1."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    print(f"simultaan: {problem}", file=sys.stderr, flush=True)
    title = QApplication.translate("MainWindow", "Simultaan kan niet starten")
    QMessageBox.critical(window, title, problem)
    QApplication.exit(1)


def _report_start_up(window: MainWindow) -> None:
    """For the start-up benchmark: the monotonic times of the first frame, of the filled
    exercise list and of the home screen ready for use.

    ``SIMULTAAN_STARTUP_PROBE`` names the file; the benchmark compares the times with its own
    launch time (CLOCK_MONOTONIC is shared by all processes on the machine).
    """
    probe = os.environ.get("SIMULTAAN_STARTUP_PROBE")
    if not probe:
        return
    import time

    from PySide6.QtCore import QTimer

    def stamp(what: str) -> None:
        with open(probe, "a", encoding="utf-8") as out:
            out.write(f"{what} {time.monotonic():.6f}\n")

    window.firstFrameShown.connect(lambda: stamp("visible"))
    window.listFilled.connect(lambda: QTimer.singleShot(0, lambda: stamp("listed")))
    window.contentLoaded.connect(lambda: QTimer.singleShot(0, lambda: stamp("ready")))
