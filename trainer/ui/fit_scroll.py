"""A scroll area that gives its page all the room there is and scrolls only below the page's
minimum size: on a small screen (1366x768) or at a large text size nothing is squeezed or cut
off, and on a large one nothing scrolls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget


class FitScrollArea(QScrollArea):
    """Holds ``page`` at the viewport's size, or at its minimum size where that is larger.

    (QScrollArea's own ``widgetResizable`` sizes a page whose layout wraps text to the height
    it would like, not the least it needs, and so scrolls where everything would fit.)"""

    def __init__(self, page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(page)
        # no Tab stop of its own (the page's fields are), and whatever gets the focus on the
        # page, by Tab or by the program (the wrap-up opening), is scrolled into view
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self.widget()
        if new is not None and page is not None and page.isAncestorOf(new):
            self.ensureWidgetVisible(new)

    def minimumSizeHint(self) -> QSize:
        """Small: the page scrolls instead of widening the window."""
        return QSize(120, 120)

    def sizeHint(self) -> QSize:
        """The page's own wish, so a window laid out around it starts at that size."""
        page = self.widget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The page follows the viewport, never below its minimum."""
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page's content changed (a call's fields, a larger text): fit it again."""
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        """Size the page to the viewport (call after the page's content changed)."""
        page = self.widget()
        if page is None:
            return
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        room = self.maximumViewportSize()
        width = max(room.width(), least.width())
        height = max(room.height(), least.height())
        # a scroll bar one way takes room from the other
        if width > room.width():
            height = max(height - self.horizontalScrollBar().sizeHint().height(), least.height())
        if height > room.height():
            width = max(width - self.verticalScrollBar().sizeHint().width(), least.width())
        page.resize(width, height)
