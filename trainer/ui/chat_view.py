"""The chat screen: up to three customer chats side by side, and beside them the record of the
customer in front, the contact form, the canned responses, the screen's messages and the
knowledge base, every part reachable from the keyboard.

Widgets only: the chat controller fills them and listens to their signals. The keys:

    Ctrl+1..3 the chat with that number   Ctrl+Tab / Ctrl+Shift+Tab the next / previous chat
    Enter send the reply   Shift+Enter a new line in it
    Ctrl+T the canned responses (type to filter, Enter inserts, Esc back to the reply)
    Ctrl+F search the knowledge base   F9 acknowledge the oldest message
    Ctrl+I the ticket of the chat in front (a session with a helpdesk system; the form's own
           keys, Ctrl+Enter create or update, Ctrl+T assign..., while it has the focus)
    Ctrl+Enter end the session   Esc stop
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.scenario import FormField
from trainer.ui import words
from trainer.ui.call_view import FieldEdit
from trainer.ui.chat_pane import ChatPane, named
from trainer.ui.chat_templates import CannedResponses
from trainer.ui.fit_scroll import FitScrollArea
from trainer.ui.knowledge_panel import KnowledgePanel
from trainer.ui.ticket_form import TicketForm

MAX_CHATS = 3
TICKET_TAB = 2  # the tools' tabs: canned responses, knowledge base, ticket


class ChatView(QWidget):
    """The widgets of the chat screen; ``build`` lays them out for one session."""

    chatChosen = Signal(str)  # chat id: the trainee turned to it (Ctrl+1..3, Ctrl+Tab)
    replySent = Signal(str, str)  # chat id, the reply's text
    templateChosen = Signal(str, str)  # chat id, canned response id
    fieldCommitted = Signal(str, str)  # field id, value
    messageAcknowledged = Signal(str)  # screen message id
    acknowledgeRequested = Signal()  # F9: the oldest waiting message
    finishRequested = Signal()
    abandonRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.panes: dict[str, ChatPane] = {}
        self.order: list[str] = []  # the chats in their numbers' order
        self.current: str | None = None
        self.fields: dict[str, FieldEdit] = {}
        self.hints: dict[str, QLabel] = {}
        self._message_items: dict[str, tuple[QListWidgetItem, str]] = {}
        self._build_frame()
        for number in range(1, MAX_CHATS + 1):
            self._shortcut(f"Ctrl+{number}", lambda n=number: self._choose_number(n))
        self._shortcut("Ctrl+Tab", lambda: self._choose_next(1))
        self._shortcut("Ctrl+Shift+Tab", lambda: self._choose_next(-1))
        self._shortcut("Ctrl+Backtab", lambda: self._choose_next(-1))
        # the ticket form's own Ctrl+T (assign) and Ctrl+Enter (save) while it has the focus:
        # the screen's are off meanwhile (both on at once, Qt would run neither)
        self._clashing = [
            self._shortcut("Ctrl+T", self.focus_templates),
            self._shortcut("Ctrl+Return", self.finishRequested.emit),
            self._shortcut("Ctrl+Enter", self.finishRequested.emit),
        ]
        self._shortcut("Ctrl+F", self.focus_knowledge)
        self.knowledge.bind_propose(self)  # Ctrl+Shift+F: an article proposed for the coach
        self._shortcut("Ctrl+I", self.focus_ticket)
        self._shortcut("F9", self.acknowledgeRequested.emit)
        self._shortcut("Escape", self.abandonRequested.emit)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _shortcut(self, keys: str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        in_form = new is not None and self.ticket_form.isAncestorOf(new)
        for shortcut in self._clashing:
            shortcut.setEnabled(not in_form)

    # layout ---------------------------------------------------------------------------
    # layout ---------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.title = named(QLabel(), "callTitle")
        self.instructions = named(QLabel(wordWrap=True), "instructions")
        bar = named(QFrame(), "callBar")
        self.state = named(QLabel(), "chatSummary")
        self.clock = named(QLabel("0:00"), "callTimer")
        # the way out in the bar: the side column has no height to spare on a small screen
        self.finish_button = QPushButton(self.tr("Sessie afronden (Ctrl+Enter)"))
        self.finish_button.setObjectName("finish")
        self.finish_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.finish_button.clicked.connect(self.finishRequested.emit)
        top = QHBoxLayout(bar)
        top.addWidget(self.state, 1)
        top.addWidget(self.finish_button)
        top.addSpacing(16)
        top.addWidget(self.clock)
        self.problem = named(QLabel(wordWrap=True), "problem")
        self.problem.hide()

        self.chats_row = QHBoxLayout()
        self.no_chat = named(QLabel(self.tr("Nog geen chat: wachten op een klant…")), "noChat")
        self.no_chat.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chats_row.addWidget(self.no_chat)

        # the record of the customer in front
        self.record_box = named(QGroupBox(self.tr("Klantdossier")), "crm")
        self.record = QFormLayout(self.record_box)
        self.record_values: dict[str, QLabel] = {}

        # each chat its own contact form: the one of the chat in front is shown
        self.form_box = named(QGroupBox(self.tr("Contactformulier")), "form")
        self.forms = QStackedWidget()
        self.form_pages: dict[str, QWidget] = {}
        QVBoxLayout(self.form_box).addWidget(self.forms)

        # canned responses: filtered by what is typed, inserted in the reply box in front
        self.canned = CannedResponses()
        self.canned.chosen.connect(self._insert_template)
        self.canned.left.connect(self._back_to_reply)
        self.template_filter, self.templates = self.canned.filter, self.canned.list

        # the knowledge base: its search, hits and article, beside the canned responses
        self.knowledge = KnowledgePanel(title="")
        self.knowledge.setFlat(True)
        self.tools = named(QTabWidget(), "chatTools")
        self.tools.addTab(self.canned, self.tr("Antwoorden (Ctrl+T)"))
        self.tools.addTab(self.knowledge, self.tr("Kennisbank (Ctrl+F)"))
        # the helpdesk system's ticket of the chat in front (a session with a 'helpdesk:')
        self.ticket_form = TicketForm()
        ticket_page = QScrollArea()
        ticket_page.setWidget(self.ticket_form)
        ticket_page.setWidgetResizable(True)
        ticket_page.setFrameShape(QFrame.Shape.NoFrame)
        self.tools.addTab(ticket_page, self.tr("Ticket (Ctrl+I)"))
        self.tools.setTabVisible(TICKET_TAB, False)
        self.tools.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)

        messages_box = QGroupBox(self.tr("Meldingen (F9 bevestigt)"))
        self.messages = named(QListWidget(), "messages")
        self.messages.setWordWrap(True)
        self.messages.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.messages.itemActivated.connect(
            lambda item: self.messageAcknowledged.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.messages.setAccessibleName(messages_box.title())
        QVBoxLayout(messages_box).addWidget(self.messages)

        # a few lines of each list in view are enough (they scroll, and take what room there
        # is): the side column then fits a 1366x700 window beside the chats (the lines grow
        # with the text size)
        kb = self.knowledge
        for widget, lines in (
            (self.messages, 2),
            (self.templates, 2),
            (kb.hits, 1),
            (kb.article, 1),
        ):
            widget.setMinimumHeight(
                lines * widget.fontMetrics().lineSpacing() + 2 * widget.frameWidth() + 4
            )
        side = QVBoxLayout()
        side.addWidget(self.record_box)
        side.addWidget(self.form_box)
        side.addWidget(self.tools, 3)
        side.addWidget(messages_box, 1)
        side_page = named(QWidget(), "chatSide")
        side_page.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(2)  # (the group boxes' titles part them already)
        self.side = FitScrollArea(side_page)
        self.panels: list[QWidget] = [self.record_box, self.form_box, self.tools, messages_box]

        body = QHBoxLayout()
        body.addLayout(self.chats_row, 1)
        body.addWidget(self.side)
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.instructions)
        outer.addWidget(bar)
        outer.addWidget(self.problem)
        outer.addLayout(body, 1)

    def build(
        self,
        title: str,
        instructions: str,
        chats: Sequence[tuple[str, str, str]],
        forms: Mapping[str, Sequence[FormField]],
        templates: Sequence[tuple[str, str, str]],
        tickets: bool = False,
    ) -> None:
        """Lay the screen out for one session: a pane per chat (id, customer's name, topic) in
        their numbers' order, hidden until its customer writes; each chat's form fields; the
        canned responses (id, title, text with its placeholders); ``tickets``: the session has
        a helpdesk system (the ticket form's tab is shown)."""
        self.title.setText(title)
        self.instructions.setText(instructions)
        self.instructions.setVisible(bool(instructions))
        self.show_problem("")
        for pane in self.panes.values():
            self.chats_row.removeWidget(pane)
            pane.deleteLater()
        self.panes.clear()
        for page in self.form_pages.values():
            self.forms.removeWidget(page)
            page.deleteLater()
        self.form_pages.clear()
        self.fields.clear()
        self.hints.clear()
        self.order = [chat_id for chat_id, _name, _topic in chats]
        self.current = None
        for number, (chat_id, name, topic) in enumerate(chats, start=1):
            pane = ChatPane(chat_id, number, name, topic)
            pane.reply.sendRequested.connect(
                lambda p=pane: self.replySent.emit(p.chat_id, p.reply.toPlainText())
            )
            pane.reply.installEventFilter(self)  # a click or Tab into a box turns to its chat
            pane.hide()
            self.chats_row.addWidget(pane, 1)
            self.panes[chat_id] = pane
            page = QWidget()
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
            for form_field in forms.get(chat_id, ()):
                self._add_field(form, form_field)
            self.forms.addWidget(page)
            self.form_pages[chat_id] = page
        self.no_chat.show()
        self.form_box.hide()  # until a chat with a form is in front
        self.show_record([])
        self.canned.set_templates(templates)
        self.tools.setCurrentIndex(0)
        self.tools.setTabVisible(TICKET_TAB, tickets)
        self.messages.clear()
        self._message_items.clear()
        self.show_clock(0.0)
        self.set_enabled(True)
        self._fit_side()

    def _fit_side(self) -> None:
        """The side column at the width its widest form needs (it follows the text size); the
        chats share the rest equally: about 3 x 300 pixels on a 1366 screen."""
        page = self.side.widget()
        if page is not None:
            bar = self.side.verticalScrollBar().sizeHint().width()
            # (the form counted while hidden too: the column keeps its width from chat to chat)
            least = max(page.minimumSizeHint().width(), self.form_box.minimumSizeHint().width())
            self.side.setFixedWidth(least + bar + 2)

    def _add_field(self, form: QFormLayout, form_field: FormField) -> None:
        edit = FieldEdit(form_field)
        hint = named(QLabel(), "fieldHint")
        hint.hide()
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(edit)
        box.addWidget(hint)
        text = form_field.label + ("" if form_field.required else self.tr(" (optioneel)"))
        label = QLabel(text)
        label.setBuddy(edit)
        form.addRow(label, box)
        edit.editingFinished.connect(lambda e=edit: self.fieldCommitted.emit(e.field.id, e.text()))
        self.fields[form_field.id] = edit
        self.hints[form_field.id] = hint

    # what the controller shows ----------------------------------------------------------
    def open_chat(self, chat_id: str) -> None:
        """A customer started their chat: its pane appears."""
        self.panes[chat_id].show()
        self.no_chat.hide()

    def show_current(self, chat_id: str) -> None:
        """The chat in front: marked, its unread messages read, the cursor in its reply."""
        self.current = chat_id
        for other, pane in self.panes.items():
            pane.set_current(other == chat_id)
        pane = self.panes[chat_id]
        pane.show()
        self.no_chat.hide()
        page = self.form_pages[chat_id]
        self.forms.setCurrentWidget(page)
        layout = page.layout()
        self.form_box.setVisible(isinstance(layout, QFormLayout) and layout.rowCount() > 0)
        self._fit_side()
        if not pane.reply.hasFocus():
            pane.reply.setFocus()

    def show_record(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """The customer record of the chat in front: (key, label, value) rows, empty ones
        left out; none at all: no record."""
        while self.record.rowCount():
            self.record.removeRow(0)
        self.record_values.clear()
        for key, label, value in rows:
            if not value:
                continue
            # one line each (a long one cut at the column's edge, whole in its tooltip): wrapped
            # lines in a form that scrolls would be squeezed out of sight on a small screen
            shown = named(QLabel(value), f"crm_{key}")
            shown.setToolTip(value)
            shown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.record.addRow(label, shown)
            self.record_values[key] = shown
        if not self.record_values:
            self.record.addRow(QLabel(self.tr("Geen klant in beeld.")))

    def insert_text(self, chat_id: str, text: str) -> None:
        """A canned response, filled in, at the cursor of a chat's reply box (focus there)."""
        reply = self.panes[chat_id].reply
        reply.insertPlainText(text)
        reply.setFocus()
        self.template_filter.clear()  # the whole list again at the next Ctrl+T

    def reply_text(self, chat_id: str) -> str:
        return self.panes[chat_id].reply.toPlainText()

    def show_problem(self, text: str) -> None:
        """A key that does nothing now, a reply that cannot go: said; '' hides it."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def show_summary(self, text: str) -> None:
        self.state.setText(text)

    def show_clock(self, seconds: float) -> None:
        """The session's time."""
        self.clock.setText(words.seconds(seconds))

    def set_hint(self, field_id: str, text: str) -> None:
        hint = self.hints[field_id]
        hint.setText(text)
        hint.setVisible(bool(text))

    def add_message(self, event_id: str, text: str, waiting: bool = False) -> None:
        """A screen message, newest at the top; in bold while it waits for an answer."""
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, event_id)
        font = item.font()
        font.setBold(waiting)
        item.setFont(font)
        self.messages.insertItem(0, item)
        self._message_items[event_id] = (item, text)

    def show_message_wait(self, event_id: str, when: str) -> None:
        item, text = self._message_items[event_id]
        item.setText(f"{text}  ({when})")

    def answer_message(self, event_id: str) -> None:
        item, text = self._message_items[event_id]
        font = item.font()
        font.setBold(False)
        item.setFont(font)
        item.setText(text + self.tr("  ✓ bevestigd"))

    def set_enabled(self, enabled: bool) -> None:
        """Everything stands still (the journal cannot be written) or works again."""
        for pane in self.panes.values():
            pane.reply.setEnabled(enabled)
        for panel in self.panels:
            panel.setEnabled(enabled)

    def field_values(self) -> dict[str, str]:
        return {field_id: edit.text() for field_id, edit in self.fields.items()}

    def watch_inputs(self, watcher: QObject) -> None:
        """``watcher`` sees every event of every reply box and field (keys for the journal)."""
        for pane in self.panes.values():
            pane.reply.installEventFilter(watcher)
        for edit in self.fields.values():
            edit.installEventFilter(watcher)
        for widget in self.ticket_form.fields.values():
            widget.installEventFilter(watcher)

    def focus_templates(self) -> None:
        """Ctrl+T: the canned responses, the filter ready to type in."""
        self.tools.setCurrentIndex(0)
        self.canned.focus()

    def focus_ticket(self) -> None:
        """Ctrl+I: the ticket of the chat in front (only in a session with a helpdesk)."""
        if self.tools.isTabVisible(TICKET_TAB):
            self.tools.setCurrentIndex(TICKET_TAB)
            self.ticket_form.subject.setFocus()

    def focus_knowledge(self) -> None:
        """Ctrl+F: the knowledge base's search box."""
        self.tools.setCurrentIndex(1)
        self.knowledge.focus_search()

    # keys of the screen ------------------------------------------------------------------
    def _choose_number(self, number: int) -> None:
        if number <= len(self.order) and self.panes[self.order[number - 1]].isVisible():
            self._choose(self.order[number - 1])

    def _choose(self, chat_id: str) -> None:
        if chat_id == self.current:  # already in front: back to its reply (from the form...)
            self.panes[chat_id].reply.setFocus()
        else:
            self.chatChosen.emit(chat_id)

    def _choose_next(self, step: int) -> None:
        shown = [chat_id for chat_id in self.order if self.panes[chat_id].isVisible()]
        if not shown:
            return
        at = shown.index(self.current) if self.current in shown else -step
        self._choose(shown[(at + step) % len(shown)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            pane = next((p for p in self.panes.values() if p.reply is watched), None)
            if pane is not None and pane.chat_id != self.current:
                self.chatChosen.emit(pane.chat_id)  # clicked or tabbed into another chat
        return False

    def _back_to_reply(self) -> None:
        if self.current is not None:
            self.panes[self.current].reply.setFocus()

    def _insert_template(self, template_id: str) -> None:
        if self.current is not None:
            self.templateChosen.emit(self.current, template_id)
