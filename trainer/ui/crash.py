"""An error nothing caught: log it, keep the running session's journal, say it in one sentence.

Installed as ``sys.excepthook`` (an exception in a slot or an event handler: PySide6 hands it
there and the event loop goes on) and ``threading.excepthook`` (a worker thread's: said on the
GUI thread). The app keeps running and so does the session: its journal has every keystroke
written already, and is fsync'ed here, so nothing typed is lost whatever happens next.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

if TYPE_CHECKING:  # QtWidgets' message box makes 100 enums (12 ms): when an error comes
    from PySide6.QtWidgets import QMessageBox, QWidget

logger = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
SysHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]
ThreadHook = Callable[[threading.ExceptHookArgs], object]


class CrashHandler(QObject):
    """Catches what nothing else caught, for as long as it is installed."""

    _fromThread = Signal(object)  # an ExcInfo from a worker thread, said on the GUI thread

    def __init__(
        self,
        data_dir: Path,
        keep_journal: Callable[[], None],
        parent_widget: Callable[[], QWidget | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.keep_journal = keep_journal  # fsyncs the running session's journal, if any
        self.parent_widget = parent_widget  # the window the message belongs to
        self.box: QMessageBox | None = None  # the message on screen, if any
        self._said: set[tuple[str, str, int]] = set()  # (kind, file, line) said once a run
        self._previous: tuple[SysHook, ThreadHook] | None = None
        self._fromThread.connect(self._on_gui_thread, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Become the process's exception hooks."""
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        """Give the hooks back (tests)."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """An exception on the GUI thread (or before the event loop ran)."""
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal: leave as always
            sys.__excepthook__(kind, value, tb)
            return
        self._log((kind, value, tb))
        if threading.current_thread() is threading.main_thread():
            self._on_gui_thread((kind, value, tb))
        else:  # (a QThread's: Qt hands those here too)
            self._fromThread.emit((kind, value, tb))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        info: ExcInfo = (args.exc_type, args.exc_value, args.exc_traceback)
        self._log(info, args.thread)
        self._fromThread.emit(info)  # queued: widgets only on the GUI thread

    def _log(self, info: ExcInfo, thread: threading.Thread | None = None) -> None:
        from trainer.logs import start_logging  # (logging.handlers: not before the first frame)

        start_logging(self.data_dir)  # (normally started already; a no-op then)
        where = f" in thread {thread.name}" if thread is not None else ""
        if self._place(info) in self._said:  # the same again (a paint, a timer): one line
            logger.error("the same error again%s: %s", where, _summary(info[1]))
        else:
            logger.error("an error nothing caught%s", where, exc_info=info)

    def _on_gui_thread(self, info: ExcInfo) -> None:
        try:
            self.keep_journal()
        except Exception:  # the session's own sync tick says a write problem to the trainee
            logger.exception("the running session's journal could not be fsync'ed")
        place = self._place(info)
        if place in self._said or self.box is not None:
            return  # said already, or being said: one message at a time
        self._said.add(place)
        self._say(info[1])

    def _say(self, value: BaseException) -> None:
        from trainer.logs import log_path

        log = log_path()
        if log is not None:
            text = self.tr(
                "Simultaan botste op een programmafout (%1): wat je al deed is bewaard, en de "
                "details voor je coach of de helpdesk staan in %2."
            ).replace("%2", str(log))
        else:
            text = self.tr(
                "Simultaan botste op een programmafout (%1): wat je al deed is bewaard, maar "
                "het logbestand kan niet worden geschreven in de gegevensmap."
            )
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Programmafout"),
            text.replace("%1", _summary(value)),
            QMessageBox.StandardButton.Ok,
            self.parent_widget(),
        )
        box.setObjectName("crashMessage")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._on_closed)
        self.box = box
        # open(), not exec(): no event loop inside the hook, and the session goes on behind it
        box.open()

    def _on_closed(self) -> None:
        self.box = None

    @staticmethod
    def _place(info: ExcInfo) -> tuple[str, str, int]:
        """Where it was raised: the same error from the same line is said once."""
        frames = traceback.extract_tb(info[2])
        last = frames[-1] if frames else None
        return (info[0].__name__, last.filename if last else "", (last.lineno or 0) if last else 0)


def _summary(value: BaseException) -> str:
    """``ValueError: what it said``, short enough for a sentence."""
    said = str(value).strip().splitlines()
    text = type(value).__name__ + (f": {said[0]}" if said else "")
    return text if len(text) <= 160 else text[:159] + "…"
