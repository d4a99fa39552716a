"""The "Artikel voorstellen…" dialog of the knowledge panel: a new knowledge-base article, or a
change to the article open, proposed for the coach (issue 14 §1).

Keyboard only: the title first (Enter goes on to the text), the text (Tab leaves it, Enter is a
new line), Ctrl+Enter proposes, Escape cancels. A change starts from the open article's title
and text; a new article from what was searched (the article the base lacked). Proposing needs
both a title and a text, as the helpdesk system does (``trainer.core.helpdesk``), and a change
something changed: the button stays off until then.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ProposalDialog(QDialog):
    """Title (``title``) and text (``body``) of a proposal; ``article`` the id of the article
    it changes ('' for a new one). Accepted: read ``proposal()``."""

    def __init__(
        self, parent: QWidget, *, title: str = "", body: str = "", article: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articleProposal")
        self.article = article
        self._as_it_was = (title.strip(), body.strip())  # a change must change something
        if article:
            self.setWindowTitle(self.tr("Wijziging van een artikel voorstellen"))
            said = self.tr(
                "Voor de coach: pas het artikel aan zoals het zou moeten zijn. Het artikel "
                "zelf verandert niet."
            )
        else:
            self.setWindowTitle(self.tr("Nieuw artikel voorstellen"))
            said = self.tr("Voor de coach: een artikel dat in de kennisbank ontbreekt.")
        intro = QLabel(said, wordWrap=True)
        self.title = QLineEdit(title)
        self.title.setObjectName("proposalTitle")
        self.body = QPlainTextEdit(body)
        self.body.setObjectName("proposalBody")
        self.body.setTabChangesFocus(True)  # Tab leaves the text (the dialog is keys only)
        self.body.setPlaceholderText(
            self.tr("Wat een collega moet weten: de klacht, de oplossing, wanneer doorsturen.")
        )
        self.title.returnPressed.connect(self.body.setFocus)
        form = QFormLayout()
        title_label = QLabel(self.tr("&Titel"))
        title_label.setBuddy(self.title)
        body_label = QLabel(self.tr("Te&kst"))
        body_label.setBuddy(self.body)
        form.addRow(title_label, self.title)
        form.addRow(body_label, self.body)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(
            self.tr("&Voorstellen (Ctrl+Enter)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(
            self.tr("Annuleren (Esc)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        for button in (self.ok, cancel):
            button.setAutoDefault(False)  # Enter in the title goes on to the text
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._propose)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._enable)
        self.body.textChanged.connect(self._enable)
        self._enable()
        self.resize(560, 420)
        # a change: the cursor at the text's start; a new one: the title, what was searched
        # selected (typing replaces it)
        self.title.selectAll()
        (self.body if article else self.title).setFocus(Qt.FocusReason.OtherFocusReason)

    def proposal(self) -> tuple[str, str, str]:
        """(title, text, article id) as they stand, without leading and trailing spaces."""
        return self.title.text().strip(), self.body.toPlainText().strip(), self.article

    def _enable(self) -> None:
        title, body, _ = self.proposal()
        changed = not self.article or (title, body) != self._as_it_was
        self.ok.setEnabled(bool(title and body) and changed)

    def _propose(self) -> None:
        if self.ok.isEnabled():
            self.accept()
