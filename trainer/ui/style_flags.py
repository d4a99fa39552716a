"""Style-sheet flags on widgets: the red error label, the urgent countdown, the call clock."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_flag(widget: QWidget, name: str, on: bool | str) -> None:
    """Set a flag the style sheet reads (``over``, ``urgent``, ``flash``; a verdict's
    ``passed``: true, false or "stopped") and restyle the widget when it changed: Qt does not
    restyle by itself when a dynamic property changes, so a flag set without this keeps the
    old look (a red label from the last session)."""
    if widget.property(name) == on and type(widget.property(name)) is type(on):
        return
    widget.setProperty(name, on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
