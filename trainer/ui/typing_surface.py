"""The typing surface: the reference text, coloured as the trainee types over it.

It is a view. It turns key presses and input-method commits (dead keys and compose on AZERTY
arrive as commits) into signals; the drill controller stamps and journals them and tells the
surface what to show with ``append`` and ``remove_last``. Each keystroke repaints only the
characters it changed, so a 5,000-character text costs no more per key than a short one.
"""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QInputMethodEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

NEWLINE_MARK = "↵"
_PADDING = 16
_LINES_ABOVE_CURSOR = 2


class TypingSurface(QWidget):
    """Shows ``reference`` with what has been typed over it. GUI thread only."""

    typed = Signal(str)  # text a keystroke produced
    edited = Signal(str)  # an editing key: "Backspace" or "Delete"
    finishRequested = Signal()  # Ctrl+Enter: hand in before the end
    abandonRequested = Signal()  # Escape

    COLOURS: ClassVar[dict[str, str]] = {
        "pending": "#5f6368",
        "correct": "#1b5e20",
        "wrong_fg": "#ffffff",
        "wrong_bg": "#c62828",
        "cursor": "#1565c0",
        "mark": "#9e9e9e",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typingSurface")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._reference = ""
        self._typed: list[str] = []
        self._wrong = 0
        self._preedit = ""
        self._lines: list[tuple[int, int]] = []  # [start, end) of each screen line
        self._line_of: list[int] = []  # screen line of each reference index (and the end)
        self._first_line = 0
        self._odd: list[bool] = []  # cells not drawn in runs: glyph missing or of another width
        self._pens = {name: QPen(QColor(c)) for name, c in self.COLOURS.items()}
        self._brushes = {name: QBrush(QColor(c)) for name, c in self.COLOURS.items()}
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.setFont(font)
        self._metrics()

    # what is shown ----------------------------------------------------------------------
    def set_reference(self, text: str) -> None:
        """Start over with a new reference text (NFC, trailing whitespace dropped)."""
        self._reference = unicodedata.normalize("NFC", text).rstrip()
        self._typed.clear()
        self._wrong = 0
        self._first_line = 0
        self._relayout()
        self.update()

    @property
    def reference(self) -> str:
        """The text to type, as shown."""
        return self._reference

    @property
    def typed_text(self) -> str:
        """What the trainee has typed so far."""
        return "".join(self._typed)

    @property
    def position(self) -> int:
        """How many characters have been typed (the cursor's index in the reference)."""
        return len(self._typed)

    @property
    def wrong_count(self) -> int:
        """Typed characters that differ from the reference at the same place."""
        return self._wrong

    def append(self, text: str) -> None:
        """Show the characters a keystroke produced."""
        for ch in text:
            index = len(self._typed)
            self._typed.append(ch)
            if index >= len(self._reference) or self._reference[index] != ch:
                self._wrong += 1
        self._changed(len(self._typed) - len(text), len(self._typed))

    def remove_last(self) -> None:
        """Take back the last character (Backspace)."""
        if not self._typed:
            return
        index = len(self._typed) - 1
        ch = self._typed.pop()
        if index >= len(self._reference) or self._reference[index] != ch:
            self._wrong -= 1
        self._changed(index, index + 1)

    # input ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys to signals; the controller decides what they do."""
        key = event.key()
        mods = event.modifiers()
        if key == Qt.Key.Key_Escape:
            self.abandonRequested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ControlModifier:
                self.finishRequested.emit()
            else:
                self.typed.emit("\n")
        elif key == Qt.Key.Key_Backspace:
            self.edited.emit("Backspace")
        elif key == Qt.Key.Key_Delete:
            self.edited.emit("Delete")
        else:
            text = event.text()
            if text and text.isprintable() and not mods & Qt.KeyboardModifier.ControlModifier:
                self.typed.emit(unicodedata.normalize("NFC", text))
            else:
                super().keyPressEvent(event)
                return
        event.accept()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Dead keys and compose: the committed text is one keystroke; preedit is shown."""
        commit = event.commitString()
        self._preedit = event.preeditString()
        if commit:
            self.typed.emit(unicodedata.normalize("NFC", commit))
        self.update(self._char_rect(len(self._typed)).toAlignedRect())
        event.accept()

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> object:
        """Tell the input method where the cursor is, so its popups sit beside it."""
        if query == Qt.InputMethodQuery.ImEnabled:
            return True
        if query == Qt.InputMethodQuery.ImCursorRectangle:
            return self._char_rect(len(self._typed)).toAlignedRect()
        return super().inputMethodQuery(query)

    # layout and painting ------------------------------------------------------------------
    def _metrics(self) -> None:
        fm = QFontMetricsF(self.font())
        self._fm = fm
        self._cell_w = fm.horizontalAdvance("M")
        self._line_h = fm.height() * 1.45
        self._ascent = fm.ascent() + (self._line_h - fm.height()) / 2

    def sizeHint(self) -> QSize:
        """About 64 columns by 10 lines."""
        return QSize(int(self._cell_w * 64 + 2 * _PADDING), int(self._line_h * 10 + 2 * _PADDING))

    def changeEvent(self, event: QEvent) -> None:
        """A new font (style sheet, zoom) means new cell sizes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._metrics()
            self._relayout()
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the text to the new width."""
        super().resizeEvent(event)
        self._relayout()

    def _columns(self) -> int:
        return max(8, int((self.width() - 2 * _PADDING) // self._cell_w))

    def _relayout(self) -> None:
        """Wrap the reference at spaces to the width; a newline ends its line."""
        text, cols = self._reference, self._columns()
        fm, cell = self._fm, self._cell_w
        self._odd = [
            ch != "\n" and (not fm.inFontUcs4(ord(ch)) or fm.horizontalAdvance(ch) != cell)
            for ch in text
        ]
        lines: list[tuple[int, int]] = []
        start = 0
        n = len(text)
        while start < n:
            hard = text.find("\n", start, start + cols)
            if hard != -1:
                end = hard + 1
            elif n - start <= cols:
                end = n
            else:
                space = text.rfind(" ", start, start + cols + 1)
                end = space + 1 if space > start else start + cols
            lines.append((start, end))
            start = end
        if not lines or text.endswith("\n"):
            lines.append((n, n))
        self._lines = lines
        line_of = [0] * (n + 1)
        for number, (a, b) in enumerate(lines):
            line_of[a:b] = [number] * (b - a)
        line_of[n] = len(lines) - 1  # the cursor after the last character
        self._line_of = line_of
        self._scroll_to_cursor()

    def _visible_lines(self) -> int:
        return max(1, int((self.height() - 2 * _PADDING) // self._line_h))

    def _scroll_to_cursor(self) -> bool:
        """Keep the cursor's line in view, a few lines from the top; True when the view moved."""
        if not self._line_of:
            return False
        cursor_line = self._line_of[min(len(self._typed), len(self._reference))]
        bottom = self._first_line + max(1, self._visible_lines() - 1)
        if self._first_line <= cursor_line < bottom:
            return False
        wanted = max(0, cursor_line - _LINES_ABOVE_CURSOR)
        moved = wanted != self._first_line
        self._first_line = wanted
        return moved

    def _char_rect(self, index: int) -> QRectF:
        index = min(index, len(self._reference))
        line = self._line_of[index] if self._line_of else 0
        start = self._lines[line][0] if self._lines else 0
        x = _PADDING + (index - start) * self._cell_w
        y = _PADDING + (line - self._first_line) * self._line_h
        return QRectF(x, y, self._cell_w, self._line_h)

    def _changed(self, first: int, last: int) -> None:
        """Repaint only what a keystroke changed, unless the view had to scroll."""
        if self._scroll_to_cursor():
            self.update()
            return
        for index in range(first, last + 1):
            self.update(self._char_rect(index).adjusted(-2, -2, 2, 2).toAlignedRect())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the damaged part of the visible lines, one call per run of same-looking cells."""
        painter = QPainter(self)
        painter.setFont(self.font())
        area: QRect = event.rect()
        painter.fillRect(area, self.palette().base())
        last_line = min(len(self._lines), self._first_line + self._visible_lines() + 1)
        for number in range(self._first_line, last_line):
            y = _PADDING + (number - self._first_line) * self._line_h
            if y > area.bottom() or y + self._line_h < area.top():
                continue
            start, end = self._lines[number]
            first = max(start, start + int((area.left() - _PADDING) // self._cell_w) - 1)
            last = min(end, start + int((area.right() - _PADDING) // self._cell_w) + 2)
            self._paint_line(painter, start, first, last, y)
        n_typed = len(self._typed)
        if n_typed <= len(self._reference):
            cursor = self._char_rect(n_typed)
            bar = QRectF(cursor.left(), cursor.bottom() - 4, self._cell_w, 3)
            painter.fillRect(bar, self._brushes["cursor"])
            if self._preedit:
                painter.setPen(self._pens["cursor"])
                baseline = QPointF(cursor.left(), cursor.top() + self._ascent)
                painter.drawText(baseline, self._preedit)
        painter.end()

    def _state(self, index: int) -> str:
        ch = self._reference[index]
        if ch == "\n" and (index >= len(self._typed) or self._typed[index] == ch):
            return "mark"
        if index >= len(self._typed):
            return "pending"
        return "correct" if self._typed[index] == ch else "wrong"

    def _paint_line(self, painter: QPainter, start: int, first: int, last: int, y: float) -> None:
        """Cells ``first`` to ``last`` of the line that begins at ``start``."""
        ref = self._reference
        index = first
        while index < last:
            state = self._state(index)
            run_end = index + 1
            if not self._odd[index]:
                while run_end < last and not self._odd[run_end] and self._state(run_end) == state:
                    run_end += 1
            x = _PADDING + (index - start) * self._cell_w
            text = ref[index:run_end].replace("\n", NEWLINE_MARK)
            if state == "wrong":
                width = (run_end - index) * self._cell_w
                painter.fillRect(QRectF(x, y, width, self._line_h), self._brushes["wrong_bg"])
                text = text.replace(" ", "·")
                painter.setPen(self._pens["wrong_fg"])
            else:
                painter.setPen(self._pens[state])
            painter.drawText(QPointF(x, y + self._ascent), text)
            index = run_end
