"""What the mouse pointer showed while the app worked: the wait cursor, or none."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


def cursor_now() -> object:
    """The application's override cursor's shape now (None: none)."""
    cursor = QApplication.overrideCursor()
    return cursor.shape() if cursor is not None else None


def cursor_during(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    """From now on, the application's override cursor shape (None: none) at each call of
    ``owner.name``, which still does its work."""
    shapes: list[object] = []
    work = getattr(owner, name)

    def watched(*args: object, **kwargs: object) -> object:
        shapes.append(cursor_now())
        return work(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)
    return shapes
