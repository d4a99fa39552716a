"""The wait cursor while the GUI thread works for a noticeable moment (a few tenths of a
second to a second or two: a drill made from the recent sessions, 10,000 sessions listed, a
report saved, an exam's bundle made), given back however the work ends, before anything is
said about it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def waiting() -> Iterator[None]:
    """The wait cursor over the whole application while the block runs."""
    from PySide6.QtCore import Qt  # (the Qt namespace: loaded when first needed)
    from PySide6.QtWidgets import QApplication

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
