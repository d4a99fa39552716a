"""The typing surface: the reference text, coloured as the trainee types over it.

It is a view. It turns key presses and input-method commits (dead keys and compose on AZERTY
arrive as commits) into signals; the drill controller stamps and journals them and tells the
surface what to show with ``append`` and ``remove_last``. What each cell shows follows the
alignment of the typed text with the reference (:class:`trainer.core.live_typing.LiveTyping`,
which re-aligns only a short window per key): a skipped letter is one hollow red box with the
letter in it and the rest stays green, an extra letter is one extra red cell, and a wrong
letter is a red cell showing what was typed, with the expected letter small under it. Each
keystroke repaints only the lines it changed, so a long text costs no more per key than a short
one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
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

from trainer.core.live_typing import Cell, Change, LiveTyping
from trainer.ui.line_layout import LineLayout

NEWLINE_MARK = "↵"
_PADDING = 16
_LINES_ABOVE_CURSOR = 2
# a line: the letters, then a band under them where a wrong cell shows the expected letter
_GLYPH_TOP = 0.1  # of the font height
_LINE_HEIGHT = 1.75
_HINT_SIZE = 0.55  # the expected letter's size, of the text's


_LOOKS = ("pending", "correct", "wrong", "missing")  # by Cell


def _visible(ch: str) -> str:
    return NEWLINE_MARK if ch == "\n" else ch


def _typed_glyph(ch: str) -> str:
    """A typed character in a red cell: a space as a raised dot, so the cell is not empty."""
    return "·" if ch == " " else _visible(ch)


def _blank_glyph(ch: str) -> str:
    """An expected character shown as a hint or a skipped letter: a space as ␣."""
    return "␣" if ch == " " else _visible(ch)


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
        "missing": "#c62828",
        "hint": "#b71c1c",
        "cursor": "#1565c0",
        "mark": "#9e9e9e",
    }
    # on a dark palette (the high-contrast theme): white, grey and yellow on black
    DARK_COLOURS: ClassVar[dict[str, str]] = {
        "pending": "#b0b0b0",
        "correct": "#ffffff",
        "wrong_fg": "#000000",
        "wrong_bg": "#ffff00",
        "missing": "#ffff00",
        "hint": "#ffff00",
        "cursor": "#ffff00",
        "mark": "#b0b0b0",
    }
    # called at the end of every paint with the surface (the keystroke benchmark's stamp)
    paint_probe: ClassVar[Callable[[TypingSurface], None] | None] = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typingSurface")
        self.setAccessibleName(self.tr("Tekst om over te typen"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._live = LiveTyping("")
        self._codes = self._live.codes
        self._preedit = ""
        self._layout = LineLayout(self._live)
        self._first_line = 0
        self._odd: list[bool] = []  # cells not drawn in runs: glyph missing or of another width
        self._set_colours()
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        self.setFont(font)
        self._metrics()

    # what is shown ----------------------------------------------------------------------
    def set_reference(self, text: str, ignore: Iterable[str] = ()) -> None:
        """Start over with a new reference text (NFC, trailing whitespace dropped); ``ignore``
        is what the exercise does not mark (for the live error rates)."""
        self._live = LiveTyping(text, ignore)
        self._codes = self._live.codes
        self._layout = LineLayout(self._live)
        self._first_line = 0
        self._relayout()
        self.update()

    @property
    def live(self) -> LiveTyping:
        """The attempt as shown: cells, errors and speed so far."""
        return self._live

    @property
    def reference(self) -> str:
        """The text to type, as shown."""
        return self._live.reference

    @property
    def typed_text(self) -> str:
        """What the trainee has typed so far."""
        return self._live.typed_text

    @property
    def position(self) -> int:
        """Where the cursor stands in the reference: after the last reference character the
        typed text is aligned with."""
        return self._live.position

    @property
    def wrong_count(self) -> int:
        """Character errors in what is typed (wrong, extra and skipped letters)."""
        return self._live.errors

    def cell_look(self, index: int) -> tuple[str, str, str]:
        """How reference cell ``index`` looks: (kind, the big letter, the small letter under
        it), as drawn. Kinds: pending, correct, wrong (red, what was typed; the expected letter
        small under it), missing (the skipped letter in a hollow red box)."""
        ch = self._live.reference[index]
        state = self._live.cell(index)
        if state == Cell.WRONG:
            return "wrong", _typed_glyph(self._live.typed_at(index)), _blank_glyph(ch)
        if state == Cell.MISSING:
            return "missing", _blank_glyph(ch), ""
        return ("correct" if state == Cell.CORRECT else "pending"), _visible(ch), ""

    def extra_before(self, index: int) -> str:
        """Extra letters typed before reference cell ``index``, each shown as a red cell."""
        return self._live.extras.get(index, "")

    def cell_rect(self, index: int) -> QRect:
        """Where reference cell ``index`` is drawn (its letter, not the band under it)."""
        return self._glyph_rect(self._char_rect(index)).toAlignedRect()

    def append(self, text: str) -> None:
        """Show the characters a keystroke produced."""
        cursor = self._live.position
        self._changed(self._live.type(text), cursor)

    def remove_last(self) -> None:
        """Take back the last character (Backspace)."""
        cursor = self._live.position
        self._changed(self._live.backspace(), cursor)

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
        self.update(self._char_rect(self._live.position).toAlignedRect())
        event.accept()

    def inputMethodQuery(self, query: Qt.InputMethodQuery) -> object:
        """Tell the input method where the cursor is, so its popups sit beside it."""
        if query == Qt.InputMethodQuery.ImEnabled:
            return True
        if query == Qt.InputMethodQuery.ImCursorRectangle:
            return self._char_rect(self._live.position).toAlignedRect()
        return super().inputMethodQuery(query)

    # layout -----------------------------------------------------------------------------
    def _metrics(self) -> None:
        fm = QFontMetricsF(self.font())
        self._fm = fm
        self._cell_w = fm.horizontalAdvance("M")
        self._glyph_top = fm.height() * _GLYPH_TOP
        self._glyph_h = fm.height()
        self._line_h = fm.height() * _LINE_HEIGHT
        self._ascent = self._glyph_top + fm.ascent()
        hint = QFont(self.font())
        hint.setPointSizeF(max(6.0, self.font().pointSizeF() * _HINT_SIZE))
        hint.setBold(True)
        self._hint_font = hint
        hint_fm = QFontMetricsF(hint)
        self._hint_ascent = self._glyph_top + self._glyph_h + hint_fm.ascent() * 0.9
        self._hint_w = hint_fm.horizontalAdvance("M")

    def sizeHint(self) -> QSize:
        """About 64 columns by 9 lines."""
        return QSize(int(self._cell_w * 64 + 2 * _PADDING), int(self._line_h * 9 + 2 * _PADDING))

    def _set_colours(self) -> None:
        """The pens and brushes for the palette: dark ones on a light ground, light ones on a
        dark ground (the high-contrast theme)."""
        dark = self.palette().base().color().lightness() < 128
        colours = self.DARK_COLOURS if dark else self.COLOURS
        self._colours = colours
        self._pens = {name: QPen(QColor(c)) for name, c in colours.items()}
        self._brushes = {name: QBrush(QColor(c)) for name, c in colours.items()}
        box = QPen(QColor(colours["missing"]))
        box.setWidthF(1.5)
        self._pens["missing_box"] = box

    def changeEvent(self, event: QEvent) -> None:
        """A new font (style sheet, zoom) means new cell sizes; a new palette (the theme)
        new colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._set_colours()
            self.update()
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
        """Wrap the whole reference to the width."""
        fm, cell = self._fm, self._cell_w
        self._odd = [
            ch != "\n" and (not fm.inFontUcs4(ord(ch)) or fm.horizontalAdvance(ch) != cell)
            for ch in self._live.reference
        ]
        self._layout.wrap(self._columns())
        self._scroll_to_cursor()

    def _visible_lines(self) -> int:
        return max(1, int((self.height() - 2 * _PADDING) // self._line_h))

    def _scroll_to_cursor(self) -> bool:
        """Keep the cursor's line in view, a few lines from the top; True when the view moved."""
        if not self._layout.line_of:
            return False
        cursor_line = self._layout.line_of[min(self._live.position, len(self._live.reference))]
        bottom = self._first_line + max(1, self._visible_lines() - 1)
        if self._first_line <= cursor_line < bottom:
            return False
        wanted = max(0, cursor_line - _LINES_ABOVE_CURSOR)
        moved = wanted != self._first_line
        self._first_line = wanted
        return moved

    def _char_rect(self, index: int) -> QRectF:
        index = min(index, len(self._live.reference))
        layout = self._layout
        line = layout.line_of[index] if layout.line_of else 0
        x = _PADDING + (layout.column(index, line) if layout.lines else 0) * self._cell_w
        y = _PADDING + (line - self._first_line) * self._line_h
        return QRectF(x, y, self._cell_w, self._line_h)

    def _glyph_rect(self, cell: QRectF) -> QRectF:
        return QRectF(cell.left(), cell.top() + self._glyph_top, cell.width(), self._glyph_h)

    def _row_rect(self, line: int, from_x: float = 0.0) -> QRect:
        # nothing is drawn outside a line's box, so a repaint never needs its neighbours
        y = _PADDING + (line - self._first_line) * self._line_h
        return QRectF(from_x, y, self.width() - from_x, self._line_h).toAlignedRect()

    def _changed(self, change: Change, old_cursor: int) -> None:
        """Repaint only what a keystroke changed, unless the view had to scroll."""
        lines: tuple[int, int] | None = None
        if change.layout:
            lines = self._layout.rewrap(change.first, change.last, self._columns())
        if self._scroll_to_cursor():
            self.update()
            return
        if lines is not None:
            for line in range(lines[0], lines[1] + 1):
                self.update(self._row_rect(line))
        elif change.first <= change.last:
            first_line = self._layout.line_of[change.first]
            last_line = self._layout.line_of[change.last]
            x = self._char_rect(change.first).left() - 2
            self.update(self._row_rect(first_line, x))
            for line in range(first_line + 1, last_line + 1):
                self.update(self._row_rect(line))
        for index in (old_cursor, self._live.position):
            self.update(self._char_rect(index).adjusted(-2, 0, 2, 0).toAlignedRect())

    # painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the damaged part of the visible lines, one call per run of same-looking cells."""
        painter = QPainter(self)
        painter.setFont(self.font())
        area: QRect = event.rect()
        painter.fillRect(area, self.palette().base())
        last_line = min(len(self._layout.lines), self._first_line + self._visible_lines() + 1)
        for number in range(self._first_line, last_line):
            y = _PADDING + (number - self._first_line) * self._line_h
            # (a line the damaged area touches by less than a pixel has nothing to draw there)
            if y >= area.bottom() or y + self._line_h <= area.top() + 1:
                continue
            self._paint_line(painter, number, y, area)
        position = self._live.position
        if position <= len(self._live.reference):
            cursor = self._glyph_rect(self._char_rect(position))
            bar = QRectF(cursor.left(), cursor.bottom() - 1, self._cell_w, 3)
            painter.fillRect(bar, self._brushes["cursor"])
            if self._preedit:
                painter.setPen(self._pens["cursor"])
                painter.drawText(QPointF(cursor.left(), cursor.top() + self._ascent), self._preedit)
        painter.end()
        if TypingSurface.paint_probe is not None:
            TypingSurface.paint_probe(self)

    def _look(self, index: int) -> str:
        code = self._codes[index]
        if code <= Cell.CORRECT and self._live.reference[index] == "\n":
            return "mark"
        return _LOOKS[code]

    def _paint_line(self, painter: QPainter, number: int, y: float, area: QRect) -> None:
        """The cells of screen line ``number`` that lie in ``area``: runs of pending or
        correct cells in one call each, wrong, missing and extra cells one by one."""
        ref, extras = self._live.reference, self._live.extras
        n, cell_w = len(ref), self._cell_w
        start, end = self._layout.lines[number]
        left, right = area.left() - cell_w, area.right() + cell_w
        if self._layout.has_extras(number):
            index, column = start, 0  # columns shift: count them from the line's start
            end += 1 if end == n else 0  # extra letters after the last character stand here
        else:
            extras = {}
            index = max(start, start + int((area.left() - _PADDING) // cell_w) - 1)
            end = min(end, start + int((area.right() - _PADDING) // cell_w) + 2)
            column = index - start
        while index < end:
            for ch in extras.get(index, ""):
                x = _PADDING + column * cell_w
                if left <= x <= right:
                    self._paint_wrong(painter, x, y, _typed_glyph(ch), "")
                column += 1
            x = _PADDING + column * cell_w
            if index == n or x > right:
                break
            look = self._look(index)
            run_end = index + 1
            if look in ("pending", "correct", "mark") and not self._odd[index]:
                while (
                    run_end < end
                    and run_end < n
                    and not self._odd[run_end]
                    and run_end not in extras
                    and self._look(run_end) == look
                ):
                    run_end += 1
            if x + (run_end - index) * cell_w >= left:
                if look in ("wrong", "missing"):
                    # drawn as cell_look describes it (what the tests read)
                    _, big, small = self.cell_look(index)
                    paint = self._paint_wrong if look == "wrong" else self._paint_missing
                    paint(painter, x, y, big, small)
                else:
                    painter.setPen(self._pens[look])
                    text = ref[index:run_end].replace("\n", NEWLINE_MARK)
                    painter.drawText(QPointF(x, y + self._ascent), text)
            column += run_end - index
            index = run_end

    def _paint_wrong(
        self, painter: QPainter, x: float, y: float, typed: str, expected: str
    ) -> None:
        """A red cell with what was typed; the expected letter small under it (if any)."""
        cell = self._glyph_rect(QRectF(x, y, self._cell_w, self._line_h))
        painter.fillRect(cell, self._brushes["wrong_bg"])
        painter.setPen(self._pens["wrong_fg"])
        painter.drawText(QPointF(x, y + self._ascent), typed)
        if expected:
            painter.setFont(self._hint_font)
            painter.setPen(self._pens["hint"])
            offset = (self._cell_w - self._hint_w) / 2
            painter.drawText(QPointF(x + offset, y + self._hint_ascent), expected)
            painter.setFont(self.font())

    def _paint_missing(self, painter: QPainter, x: float, y: float, expected: str, _: str) -> None:
        """A skipped letter: the letter in a hollow red box."""
        cell = self._glyph_rect(QRectF(x, y, self._cell_w, self._line_h)).adjusted(1, 1, -1, -1)
        painter.setPen(self._pens["missing_box"])
        painter.drawRect(cell)
        painter.setPen(self._pens["missing"])
        painter.drawText(QPointF(x, y + self._ascent), expected)
