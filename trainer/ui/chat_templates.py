"""The canned responses of the chat screen: a filter and the list, by keys only.

Type a few letters (of the name or of the text: 'wachtw' finds 'Wachtwoord herstellen'), Up
and Down move through what is left, Enter (or a double-click) asks for the one selected,
Escape goes back (``left``) without asking the screen to stop. Each response is one line, its
name then the start of its text (the whole text in its tooltip). Filling its placeholders is
the chat engine's work, not this list's.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from trainer.core.word_forms import fold

_ID = Qt.ItemDataRole.UserRole


class CannedResponses(QWidget):
    """The filter (``filter``) over the list (``list``) of canned responses."""

    chosen = Signal(str)  # the response's id
    left = Signal()  # Escape: back to where the trainee was writing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText=self.tr("Typ om te filteren…"))
        self.filter.setObjectName("templateFilter")
        self.filter.setAccessibleName(self.tr("Standaardantwoorden filteren"))
        self.filter.textChanged.connect(self._on_filter)
        self.filter.returnPressed.connect(self._choose)
        self.list = QListWidget()
        self.list.setObjectName("templates")
        self.list.setAccessibleName(self.tr("Standaardantwoorden"))
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for widget in (self.filter, self.list):
            widget.installEventFilter(self)
        self._texts: dict[str, str] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.filter)
        column.addWidget(self.list, 1)

    def set_templates(self, templates: Sequence[tuple[str, str, str]]) -> None:
        """The session's responses: (id, name, text with its placeholders)."""
        self._texts = {template_id: text for template_id, _name, text in templates}
        self.list.clear()
        for template_id, name, text in templates:
            item = QListWidgetItem(f"{name} – {text}")
            item.setData(_ID, template_id)
            item.setToolTip(text)
            self.list.addItem(item)
        self.filter.clear()
        self.list.setCurrentRow(0)  # Ctrl+T, Enter: the first one, without a letter typed

    def focus(self) -> None:
        """To the filter, what was typed selected (new letters replace it)."""
        self.filter.setFocus()
        self.filter.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent):
            return False
        key, kind = event.key(), event.type()
        if kind == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
            event.accept()  # Esc here goes back to the reply, it does not stop the session
            return True
        if kind == QEvent.Type.KeyPress:
            if key == Qt.Key.Key_Escape:
                self.left.emit()
                return True
            if watched is self.filter and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
        return False

    def _on_filter(self, text: str) -> None:
        wanted = words_of(text)
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = words_of(f"{item.text()} {self._texts[item.data(_ID)]}")
            hidden = not all(any(w.startswith(part) for w in haystack) for part in wanted)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _move(self, step: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        now = self.list.currentRow()
        at = rows.index(now) + step if now in rows else 0
        self.list.setCurrentRow(rows[max(0, min(at, len(rows) - 1))])

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(item.data(_ID))


def words_of(text: str) -> list[str]:
    """The words of a text, accents folded and lower case: 'wachtw' finds 'Wachtwoord'."""
    return fold(text).lower().split()
