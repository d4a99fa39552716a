"""The replay's "Naar tijd…" (Ctrl+G): go to a moment named in a session report.

A report says where each part of a call is ("op 1:23 in de opname", the replay's own clock);
the coach types that time, or pastes the report's words, and the replay stands there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from trainer.ui import words

if TYPE_CHECKING:
    from trainer.ui.replay_view import ReplayView

SHORTCUT = "Ctrl+G"
_CLOCK = re.compile(r"(\d+):([0-5]\d)(?:[.,](\d+))?(?![\d:])")
_SECONDS = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*s?\s*")


def parse_clock(text: str) -> float | None:
    """Seconds on the session clock from ``1:23``, ``1:23,5``, ``83``, ``83,5 s`` or the
    report's ``op 1:23 in de opname``; None when it names no time."""
    found = _CLOCK.search(text)
    if found is not None:
        minutes, seconds, fraction = found.groups()
        return int(minutes) * 60 + int(seconds) + float(f"0.{fraction or 0}")
    plain = _SECONDS.fullmatch(text)
    if plain is not None:
        return float(plain.group(1).replace(",", "."))
    return None


def ask_time(view: ReplayView) -> float | None:
    """Ask the time to go to and go there; the time gone to, or None (cancelled, or no time:
    then the window says what it takes)."""
    from trainer.ui.report.recording import at_text

    text, ok = QInputDialog.getText(
        view,
        words.tr("Naar tijd"),
        words.tr("Tijd in de sessie, zoals in het rapport (bv. 1:23):"),
        QLineEdit.EchoMode.Normal,
        at_text(view.t),
    )
    if not ok:
        return None
    t = parse_clock(text)
    if t is None:
        said = words.tr("'%1' is geen tijd: typ minuten en seconden, zoals 1:23.")
        QMessageBox.information(view, words.tr("Naar tijd"), said.replace("%1", text))
        return None
    view.seek(t)
    return view.t
