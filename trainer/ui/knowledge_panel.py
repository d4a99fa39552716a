"""The knowledge base on screen: a search box, the articles found and the article opened.

One panel for every screen that has a knowledge base (a call, a queue shift, a chat). Keyboard
only: type in the box (each key searches, the word being typed as a prefix), Down goes to the
hits, Enter opens the article (Enter in the box opens the best hit at once), Escape goes back
one step (article -> hits -> box; in the box it clears what was typed, and an empty box leaves
Escape to the screen). While typing, the best hits' snippets stand where the article goes,
the matched words in bold; a hit selected shows its own. An article counts as read
(``articleOpened``, which the owner journals as ``open_article``) only once it is opened.

"Artikel voorstellen…" (``PROPOSE_KEY``, bound on the screen by ``bind_propose``) opens a small
dialog (``trainer.ui.article_proposal``) for a new article or, with an article open, a change to
it; proposed, the panel says so (``articleProposed``: title, text, the article's id or '') and
the screen's engine journals it as ``propose_article``, kept for the coach.

    panel = KnowledgePanel()
    panel.set_base(session_base(exercises_dir(), "nl", call.knowledge))
    panel.articleOpened.connect(lambda article_id: ...)
    panel.bind_propose(screen)
    panel.articleProposed.connect(lambda title, body, article_id: ...)
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from trainer.core.knowledge import Hit, KnowledgeBase
from trainer.ui.article_proposal import ProposalDialog

HIT_LIMIT = 20  # more than a trainee reads; the best first
PREVIEWS = 3  # the snippets shown while typing
_HIT_ROLE = Qt.ItemDataRole.UserRole
# free on the call, queue and chat screens (their Ctrl+F searches the base; Shift adds to it)
PROPOSE_KEY = "Ctrl+Shift+F"


class KnowledgePanel(QGroupBox):
    """Search box (``search``), hit list (``hits``) and article (``article``)."""

    articleOpened = Signal(str)  # article id
    articleProposed = Signal(str, str, str)  # title, text, the id of the article changed or ''

    def __init__(self, title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.setTitle(self.tr("Kennisbank") if title is None else title)
        self.base: KnowledgeBase | None = None
        self.opened = ""  # the article on view, "" for none (or a hit's snippet)
        self.search = QLineEdit(placeholderText=self.tr("Zoeken…"))
        self.search.setObjectName("kbSearch")
        self.search.setClearButtonEnabled(False)
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._open_first_hit)
        self.hits = QListWidget()
        self.hits.setObjectName("kbHits")
        # a long title is cut short (its whole text in the tooltip) rather than given a
        # scroll bar that hides one of the few rows a small screen has room for
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hits.currentItemChanged.connect(self._on_current)
        self.hits.itemActivated.connect(self._on_activated)
        self.article = QTextBrowser()
        self.article.setObjectName("kbArticle")
        self.search.setAccessibleName(self.tr("Kennisbank doorzoeken"))
        self.hits.setAccessibleName(self.tr("Gevonden artikels"))
        self.article.setAccessibleName(self.tr("Artikel uit de kennisbank"))
        for widget in (self.search, self.hits, self.article):
            widget.installEventFilter(self)
        # beside the search box, not under it: the call desk has no line to spare
        self.propose_button = QPushButton(self.tr("Artikel voorstellen… (Ctrl+Shift+F)"))
        self.propose_button.setObjectName("kbPropose")
        self.propose_button.setToolTip(
            self.tr(
                "Een nieuw artikel, of een wijziging van het open artikel, voorstellen aan de "
                "coach (Ctrl+Shift+F)"
            )
        )
        self.propose_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # reached by its key
        self.propose_button.setAutoDefault(False)
        self.propose_button.clicked.connect(self.propose)
        self.proposal: ProposalDialog | None = None  # the dialog open, if any
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.propose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.article, 2)

    # what the owner calls -------------------------------------------------------------------
    def set_base(self, base: KnowledgeBase | None) -> None:
        """The articles to search (None: none); the box, hits and article start empty."""
        self.base = base
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.article.clear()
        self.opened = ""
        self._on_search("")

    def focus_search(self) -> None:
        """To the search box, what was typed selected (a new word replaces it)."""
        self.search.setFocus()
        self.search.selectAll()

    def open_article(self, article_id: str) -> None:
        """Show an article whole and report it opened."""
        article = self.base.article(article_id) if self.base is not None else None
        if article is None:
            return
        self.article.setPlainText(f"{article.title}\n\n{article.text}")
        self.opened = article_id
        self.articleOpened.emit(article_id)

    def bind_propose(self, screen: QWidget) -> None:
        """``PROPOSE_KEY`` anywhere on ``screen`` (the panel may be behind a tab) proposes."""
        shortcut = QShortcut(QKeySequence(PROPOSE_KEY), screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.propose)

    def propose(self) -> ProposalDialog:
        """The proposal dialog, open beside the screen: a change to the article open, or a
        new article titled with what was searched. Proposed: ``articleProposed``."""
        if self.proposal is not None:  # (its key again while it is open: the same dialog)
            self.proposal.activateWindow()
            return self.proposal
        article = self.base.article(self.opened) if self.base and self.opened else None
        if article is not None:
            dialog = ProposalDialog(
                self, title=article.title, body=article.text, article=article.id
            )
        else:
            dialog = ProposalDialog(self, title=self.search.text().strip())
        self.proposal = dialog
        typing = QApplication.focusWidget()  # where the trainee goes back to
        dialog.finished.connect(lambda result: self._proposal_done(dialog, result, typing))
        dialog.open()
        return dialog

    def _proposal_done(self, dialog: ProposalDialog, result: int, typing: QWidget | None) -> None:
        self.proposal = None
        dialog.deleteLater()
        if typing is not None and isValid(typing):  # (not every window manager gives it back)
            typing.window().activateWindow()
            typing.setFocus(Qt.FocusReason.OtherFocusReason)
        if result == QDialog.DialogCode.Accepted:
            self.articleProposed.emit(*dialog.proposal())

    # searching ------------------------------------------------------------------------------
    def _on_search(self, text: str) -> None:
        self.hits.clear()
        if self.base is None:
            return
        found = self.base.search(text, HIT_LIMIT) if text.strip() else self.base.titles()
        for hit in found:
            item = QListWidgetItem(hit.title)
            item.setToolTip(f"{hit.title}\n{hit.snippet}" if hit.snippet else hit.title)
            item.setData(_HIT_ROLE, hit)
            self.hits.addItem(item)
        if not text.strip():
            return
        # while typing, the best hits' snippets where the article goes: what matched, at a
        # glance, before an article is opened (and read: articleOpened)
        self.opened = ""
        if found:
            self.article.setHtml("".join(_snippet_html(hit) for hit in found[:PREVIEWS]))
        else:
            nothing = self.tr("Geen artikels gevonden.")
            self.article.setHtml(f"<p><i>{escape(nothing)}</i></p>")

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        """A hit selected: its snippet with the matched words in bold, not yet the article."""
        if item is None:
            return
        hit: Hit = item.data(_HIT_ROLE)
        self.article.setHtml(_snippet_html(hit))
        self.opened = ""

    def _on_activated(self, item: QListWidgetItem) -> None:
        self.open_article(item.data(_HIT_ROLE).id)
        self.article.setFocus()

    def _open_first_hit(self) -> None:
        if self.hits.count():
            self.hits.setCurrentRow(0)
            self.hits.setFocus()
            self._on_activated(self.hits.item(0))

    # keys -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down from the box to the hits; Escape one step back. Escape is claimed from the
        screen's own shortcut (a call's 'stop') only where the panel has a step to go back."""
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        key = event.key() if isinstance(event, QKeyEvent) else None
        if key == Qt.Key.Key_Escape and self._escape_target(watched) is not None:
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()
                return False
            self._escape(watched)
            return True
        if kind != QEvent.Type.KeyPress:
            return False
        if watched is self.search and key == Qt.Key.Key_Down and self.hits.count():
            self.hits.setFocus()
            self.hits.setCurrentRow(max(self.hits.currentRow(), 0))
            return True
        if watched is self.hits and key == Qt.Key.Key_Up and self.hits.currentRow() <= 0:
            self.focus_search()  # (Up from the first hit: back to typing)
            return True
        return False

    def _escape_target(self, watched: QObject) -> QWidget | None:
        """Where Escape goes from a part of the panel; None: the panel lets it through."""
        if watched is self.article:
            return self.hits if self.hits.count() else self.search
        typed = bool(self.search.text())
        if watched is self.hits or (watched is self.search and typed):
            return self.search
        return None

    def _escape(self, watched: QObject) -> None:
        if watched is self.search:  # what was typed goes; a second Escape is the screen's
            self.search.clear()
            return
        target = self._escape_target(watched)
        if target is self.search:
            self.focus_search()
        elif target is not None:
            target.setFocus()


def _snippet_html(hit: Hit) -> str:
    """The title in bold, then the snippet with its matched words in bold."""
    parts, at = [], 0
    for start, end in hit.marks:
        parts.append(escape(hit.snippet[at:start]))
        parts.append(f"<b>{escape(hit.snippet[start:end])}</b>")
        at = end
    parts.append(escape(hit.snippet[at:]))
    return f"<p><b>{escape(hit.title)}</b></p><p>{''.join(parts)}</p>"
