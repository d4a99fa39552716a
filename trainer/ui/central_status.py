"""The central store in the status bar: how many results wait for it, and what is wrong.

A small label at the right of the main window's status bar, shown only when a central store is
named (``SIMULTAAN_DATABASE_URL`` or the settings' ``database_url``): "3 resultaten wachten op de
centrale opslag", or, once everything arrived, "Alle resultaten staan in de centrale opslag";
when the server cannot be used, why, naming it. The sending itself runs in the uploader's
thread (``trainer.store.upload``); this label polls it and the local outbox every two seconds
on the GUI thread (a count in SQLite, well under a millisecond) and nudges the uploader when a
new result is waiting, so it is sent at once instead of at the uploader's next turn.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from trainer.ui import messages, words

if TYPE_CHECKING:
    from trainer.store.db import Store
    from trainer.store.upload import Uploader

POLL_MS = 2000
WIDEST = 560  # px the label may take of the status bar; a longer sentence is cut with '…'


class CentralStatus(QLabel):
    """The upload state in words; owns the uploader (stopped with ``stop``). A sentence too
    long for the label (a server's own explanation) is cut with '…' and read whole in its
    tooltip (``said``), so it never widens the window."""

    def __init__(self, store: Store, uploader: Uploader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("central_status")
        self.store = store
        self.uploader = uploader
        self._waiting = -1
        self.said = ""  # the whole sentence; the label shows as much as fits
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Start sending and saying."""
        self.uploader.start()
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        """Stop sending (the app closes); what waits is sent at the next start."""
        self._timer.stop()
        self.uploader.stop()

    def refresh(self) -> None:
        """Say the state now (the timer's slot; tests call it too)."""
        import sqlite3

        try:
            waiting = self.store.waiting_uploads()
            files = self.store.waiting_files()  # an exam's journals, results, seals, sign-off
        except sqlite3.Error:  # the store busy or gone this moment: said at the next turn
            return
        if waiting + files > self._waiting >= 0:
            self.uploader.nudge()  # a result was just stored
        self._waiting = waiting + files
        state = self.uploader.state()
        if waiting:
            text = words.count(
                waiting,
                words.tr("%n resultaat wacht op de centrale opslag"),
                words.tr("%n resultaten wachten op de centrale opslag"),
            )
        elif files:
            text = words.tr("Examenbestanden wachten op de centrale opslag")
        elif state.problem is None:
            text = words.tr("Alle resultaten staan in de centrale opslag")
        else:  # (never reached yet, maybe: not 'all are there')
            text = words.tr("Centrale opslag")
        if state.problem is not None:
            text = f"{text}: {messages.text(state.problem)}"
        if text != self.said:
            self.said = text
            self.setToolTip(text if state.problem is not None else state.server)
            self.updateGeometry()
            self._fit()

    def _fit(self) -> None:
        fitted = self.fontMetrics().elidedText(self.said, Qt.TextElideMode.ElideRight, self.width())
        self.setText(fitted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """As much of the sentence as the new width takes."""
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        """The whole sentence, up to WIDEST."""
        wide = self.fontMetrics().horizontalAdvance(self.said) + 2 * self.margin() + 4
        return QSize(min(wide, WIDEST), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """Nothing: cut rather than widen the window."""
        return QSize(0, super().minimumSizeHint().height())


def attach(window: QWidget, store: Store, setting: str | None) -> CentralStatus | None:
    """The label in ``window``'s status bar, its uploader started, when a central store is
    named (None when none is)."""
    from PySide6.QtWidgets import QMainWindow

    from trainer.store.upload import Uploader, database_url

    url = database_url(setting)
    if url is None or not isinstance(window, QMainWindow):
        return None
    status = CentralStatus(store, Uploader(store.path, url), window)
    window.statusBar().addPermanentWidget(status)
    status.start()
    return status


def start_uploads(data_folder: Path) -> Uploader | None:
    """Send the data folder's results to the central store (named in the environment or its
    settings) from a screen that does not say it: the exam screen, where the candidate is not
    told. Started; ``stop()`` it when the screen closes. None when no central store is named.
    With nobody to nudge it, it looks at the outbox every five seconds."""
    from trainer.paths import STORE_FILE
    from trainer.settings import load_settings
    from trainer.store.upload import Uploader, database_url

    settings, _problem = load_settings(data_folder)  # (a damaged file: the app says so)
    url = database_url(settings.database_url)
    if url is None:
        return None
    uploader = Uploader(data_folder / STORE_FILE, url, idle=5.0)
    uploader.start()
    return uploader
