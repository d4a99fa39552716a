"""How the app looks on this workstation: the text size, the theme, the window's place.

The text size scales the application's font and every point size of the style sheet (the
sheet sets its own sizes, which a font alone would not change). The high-contrast theme is
``assets/high_contrast.qss`` over ``assets/style.qss`` with a black and white palette.

Read before the first frame without the settings model (pydantic costs the first frame 60 ms):
the top-level lines ``text_size``, ``theme`` and ``window`` the settings write.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

# (the palette's classes where a theme is changed: loading QPalette makes its enums, which a
# start at the normal size and theme does not need before its first frame)
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from trainer.paths import assets_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette

# the text sizes Ctrl+plus and Ctrl+minus step through, in percent of the normal size
TEXT_SIZES = (90, 100, 110, 125, 150, 175, 200)
NORMAL_SIZE = 100
THEMES = ("normal", "contrast")

_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")
_applied: tuple[int, str] | None = None  # what the application shows now (None: the default)
_normal_points: float | None = None  # the application font's size before any scaling
_normal_palette: QPalette | None = None


def step(size: int, direction: int) -> int:
    """The next text size up (1) or down (-1) from ``size``, within TEXT_SIZES."""
    if direction > 0:
        return next((s for s in TEXT_SIZES if s > size), TEXT_SIZES[-1])
    return next((s for s in reversed(TEXT_SIZES) if s < size), TEXT_SIZES[0])


def style_sheet(text_size: int, theme: str) -> str:
    """The app's style sheet for a text size (percent) and a theme."""
    text = _read("style.qss")
    if theme == "contrast":
        text += "\n" + _read("high_contrast.qss")
    if text_size == NORMAL_SIZE:
        return text
    scale = text_size / 100
    return _POINTS.sub(lambda m: f"{float(m.group(1)) * scale:.1f}pt", text)


def _read(name: str) -> str:
    path = assets_dir() / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


def applied() -> tuple[int, str]:
    """The text size and theme the application shows."""
    return _applied or (NORMAL_SIZE, "normal")


def apply(text_size: int, theme: str) -> None:
    """Show the app at this text size (percent) and in this theme (no work when it already
    does: restyling every widget costs a moment)."""
    global _applied, _normal_points, _normal_palette
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    text_size = min(max(text_size, TEXT_SIZES[0]), TEXT_SIZES[-1])
    theme = theme if theme in THEMES else "normal"
    unstyled = not app.styleSheet()  # (the app's start styles its window once it is built)
    if applied() == (text_size, theme) and not unstyled:
        return
    if (text_size, theme) != applied():
        from PySide6.QtGui import QPalette

        if _normal_points is None:
            _normal_points = app.font().pointSizeF()
            _normal_palette = QPalette(app.palette())
        font = app.font()
        font.setPointSizeF(_normal_points * text_size / 100)
        app.setFont(font)
        assert _normal_palette is not None
        app.setPalette(contrast_palette() if theme == "contrast" else _normal_palette)
    app.setStyleSheet(style_sheet(text_size, theme))
    _applied = (text_size, theme)


def contrast_palette() -> QPalette:
    """White on black, black on yellow where something is selected."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role, colour in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.ToolTipBase, black),
        (QPalette.ColorRole.ToolTipText, white),
        (QPalette.ColorRole.PlaceholderText, QColor("#d0d0d0")),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.Link, yellow),
    ):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a0a0a0"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#a0a0a0"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a0a0a0"))
    return palette


# the window's place ----------------------------------------------------------------------
def window_text(window: QWidget) -> str:
    """The window's place and size as the settings keep it: "x,y,width,height" (its normal
    size when it is maximised)."""
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    return f"{rect.x()},{rect.y()},{rect.width()},{rect.height()}"


def restore_window(window: QWidget, saved: str | None, maximised: bool = False) -> bool:
    """Put the window where it was, within the screen it is on now (a smaller screen, a
    screen no longer there); False when nothing usable was saved."""
    try:
        x, y, width, height = (int(part) for part in (saved or "").split(","))
    except ValueError:
        return False
    if width < 100 or height < 100:
        return False
    screen = QGuiApplication.screenAt(QRect(x, y, width, height).center())
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    room = screen.availableGeometry()
    width, height = min(width, room.width()), min(height, room.height())
    x = min(max(x, room.left()), room.right() + 1 - width)
    y = min(max(y, room.top()), room.bottom() + 1 - height)
    window.setGeometry(x, y, width, height)
    if maximised:  # (shown maximised when it is shown, the size above when it is restored)
        # (Qt's namespace is imported here: importing it makes all its enums, 11 ms of the
        # first frame when this module is imported)
        from PySide6.QtCore import Qt

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True


# read before the first frame ------------------------------------------------------------
# (the appearance, and the exercise the list selects when it is filled before the settings)
_LINE = re.compile(
    r"""\s*(text_size|theme|window|window_maximised|last_exercise_id)\s*=\s*(.+?)\s*(?:#.*)?$"""
)


def saved_at_start(data_folder: Path | None) -> dict[str, str]:
    """The lines of the settings file a start needs before the settings model (pydantic:
    about 110 ms of it): the appearance (``text_size``, ``theme``, ``window``,
    ``window_maximised``) and ``last_exercise_id``, their values without quotes; empty when
    there are none or the file cannot be read (the settings model says what is wrong after
    the first frame)."""
    found: dict[str, str] = {}
    if data_folder is None:
        return found
    try:
        with open(data_folder / "settings.toml", "rb") as file:
            text = file.read(256 * 1024).decode("utf-8")
    except (OSError, ValueError):
        return found
    for line in text.splitlines():
        if line.lstrip().startswith("["):  # a table: the top-level keys are behind
            break
        if match := _LINE.match(line):
            found[match.group(1)] = match.group(2).strip("\"'")
    return found


def text_size_of(value: str | None) -> int:
    """A saved text size, or the normal one."""
    try:
        return int(value or NORMAL_SIZE)
    except ValueError:
        return NORMAL_SIZE
