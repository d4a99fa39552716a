"""An exam row's seal in the lists (the sessions list, the home screen's recent results):
an exam part whose seal does not verify, or that has none, is not shown with its stored
verdict as if it were valid.

Checked lazily, after the list is filled and only for exam rows (a practice session has no
seal): the list of 10,000 sessions fills as fast as before, and the seals (and the
cryptography package) are read only when an exam row is there. Each answer is cached per
session until the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from trainer.store.db import SessionRow, Store
from trainer.ui import words

# what an exam row says in the outcome column when its seal does not hold
CHANGED, UNSEALED = "changed", "unsigned"


def seal_status(row: SessionRow, data_folder: Path) -> str | None:
    """None when the row is a practice session or its exam part is intact as sealed; else
    "changed" or "unsigned" (no seal, a seal no station of this centre made, no centre)."""
    if row.mode != "exam":
        return None
    from trainer.store.sealed_result import seal_check  # (the seals: only for exam rows)

    check = seal_check(row, data_folder)
    if check is None or check.status == "intact":
        return None
    return CHANGED if check.status == "changed" else UNSEALED


def said(status: str) -> str:
    """The outcome column's words for an exam row whose seal does not hold."""
    if status == CHANGED:
        return words.tr("gewijzigd: niet geldig")
    return words.tr("niet verzegeld: niet geldig")


class SealMarks(QObject):
    """The seals of the exam rows a list asks about, checked once each when the event loop
    is free (``checked`` says which session's answer is known), cached until ``clear``."""

    checked = Signal(int)

    def __init__(self, store: Callable[[], Store | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._known: dict[int, str | None] = {}
        self._waiting: list[int] = []

    def clear(self) -> None:
        """Forget every answer (the list is read again)."""
        self._known.clear()
        self._waiting.clear()

    def status(self, session_id: int) -> tuple[bool, str | None]:
        """(known, status): when not known yet, the check is asked for."""
        if session_id in self._known:
            return True, self._known[session_id]
        if session_id not in self._waiting:
            self._waiting.append(session_id)
            if len(self._waiting) == 1:
                QTimer.singleShot(0, self._check_waiting)
        return False, None

    def _check_waiting(self) -> None:
        store = self._store()
        waiting, self._waiting = self._waiting, []
        shown = self.parent()
        if isinstance(shown, QWidget) and not shown.isVisible():
            return  # (a list closed since, its store perhaps too: asked again when shown)
        for session_id in waiting:
            row = store.session(session_id) if store is not None else None
            self._known[session_id] = (
                seal_status(row, store.folder) if row is not None and store is not None else None
            )
            self.checked.emit(session_id)
