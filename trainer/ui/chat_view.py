"""The chat screen: up to three customer chats side by side, and beside them the record of the
customer in front, the contact form, the canned responses, the screen's messages and the
knowledge base, every part reachable from the keyboard.

Widgets only: the chat controller fills them and listens to their signals. The keys:

    Ctrl+1..3 the chat with that number   Ctrl+Tab / Ctrl+Shift+Tab the next / previous chat
    Enter send the reply   Shift+Enter a new line in it
    Ctrl+T the canned responses (type to filter, Enter inserts, Esc back to the reply)
    Ctrl+F search the knowledge base   F9 acknowledge the oldest message
    Ctrl+Enter end the session   Esc stop
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.scenario import FormField
from trainer.core.word_forms import fold
from trainer.ui import words
from trainer.ui.call_view import FieldEdit
from trainer.ui.chat_pane import ChatPane, named
from trainer.ui.fit_scroll import FitScrollArea
from trainer.ui.knowledge_panel import KnowledgePanel

MAX_CHATS = 3


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
        self._shortcut("Ctrl+T", self.focus_templates)
        self._shortcut("Ctrl+F", self.focus_knowledge)
        self._shortcut("F9", self.acknowledgeRequested.emit)
        self._shortcut("Ctrl+Return", self.finishRequested.emit)
        self._shortcut("Ctrl+Enter", self.finishRequested.emit)
        self._shortcut("Escape", self.abandonRequested.emit)

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

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
        templates_page = QWidget()
        self.template_filter = named(
            QLineEdit(placeholderText=self.tr("Typ om te filteren…")), "templateFilter"
        )
        self.template_filter.setAccessibleName(self.tr("Standaardantwoorden filteren"))
        self.template_filter.textChanged.connect(self._filter_templates)
        self.template_filter.returnPressed.connect(self._insert_template)
        self.template_filter.installEventFilter(self)
        self.templates = named(QListWidget(), "templates")
        self.templates.setAccessibleName(self.tr("Standaardantwoorden"))
        self.templates.itemActivated.connect(lambda _item: self._insert_template())
        self.templates.installEventFilter(self)
        # each on one line: its name, then the start of its text (the whole in its tooltip)
        self.templates.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.templates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QVBoxLayout(templates_page)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.template_filter)
        column.addWidget(self.templates, 1)
        self._template_texts: dict[str, str] = {}

        # the knowledge base: its search, hits and article, beside the canned responses
        self.knowledge = KnowledgePanel(title="")
        self.knowledge.setFlat(True)
        self.tools = named(QTabWidget(), "chatTools")
        self.tools.addTab(templates_page, self.tr("Antwoorden (Ctrl+T)"))
        self.tools.addTab(self.knowledge, self.tr("Kennisbank (Ctrl+F)"))
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
    ) -> None:
        """Lay the screen out for one session: a pane per chat (id, customer's name, topic) in
        their numbers' order, hidden until its customer writes; each chat's form fields; the
        canned responses (id, title, text with its placeholders)."""
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
        self._template_texts = {tid: text for tid, _title, text in templates}
        self.templates.clear()
        for template_id, name, text in templates:
            item = QListWidgetItem(f"{name} – {text}")
            item.setData(Qt.ItemDataRole.UserRole, template_id)
            item.setToolTip(text)
            self.templates.addItem(item)
        self.template_filter.clear()
        self.tools.setCurrentIndex(0)
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

    def focus_templates(self) -> None:
        """Ctrl+T: the canned responses, the filter ready to type in."""
        self.tools.setCurrentIndex(0)
        self.template_filter.setFocus()
        self.template_filter.selectAll()

    def focus_knowledge(self) -> None:
        """Ctrl+F: the knowledge base's search box."""
        self.tools.setCurrentIndex(1)
        self.knowledge.focus_search()

    # keys of the screen ------------------------------------------------------------------
    def _choose_number(self, number: int) -> None:
        if number <= len(self.order) and self.panes[self.order[number - 1]].isVisible():
            self.chatChosen.emit(self.order[number - 1])

    def _choose_next(self, step: int) -> None:
        shown = [chat_id for chat_id in self.order if self.panes[chat_id].isVisible()]
        if not shown:
            return
        at = shown.index(self.current) if self.current in shown else -step
        self.chatChosen.emit(shown[(at + step) % len(shown)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            pane = next((p for p in self.panes.values() if p.reply is watched), None)
            if pane is not None and pane.chat_id != self.current:
                self.chatChosen.emit(pane.chat_id)  # clicked or tabbed into another chat
        elif watched in (self.template_filter, self.templates) and isinstance(event, QKeyEvent):
            key = event.key()
            if kind == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
                event.accept()  # Esc here goes back to the reply, it does not stop the session
                return True
            if kind == QEvent.Type.KeyPress:
                if key == Qt.Key.Key_Escape:
                    self._back_to_reply()
                    return True
                if watched is self.template_filter and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self._move_template(1 if key == Qt.Key.Key_Down else -1)
                    return True
        return False

    def _back_to_reply(self) -> None:
        if self.current is not None:
            self.panes[self.current].reply.setFocus()

    def _filter_templates(self, text: str) -> None:
        wanted = words_of(text)
        first = None
        for row in range(self.templates.count()):
            item = self.templates.item(row)
            template_id = item.data(Qt.ItemDataRole.UserRole)
            haystack = words_of(f"{item.text()} {self._template_texts[template_id]}")
            hidden = not all(any(w.startswith(part) for w in haystack) for part in wanted)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.templates.setCurrentItem(first)

    def _move_template(self, step: int) -> None:
        rows = [r for r in range(self.templates.count()) if not self.templates.item(r).isHidden()]
        if not rows:
            return
        now = self.templates.currentRow()
        at = rows.index(now) + step if now in rows else 0
        self.templates.setCurrentRow(rows[max(0, min(at, len(rows) - 1))])

    def _insert_template(self) -> None:
        item = self.templates.currentItem()
        if item is None or item.isHidden() or self.current is None:
            return
        self.templateChosen.emit(self.current, item.data(Qt.ItemDataRole.UserRole))


def words_of(text: str) -> list[str]:
    """The words of a text, accents folded and lower case: 'wachtw' finds 'Wachtwoord'."""
    return fold(text).lower().split()
