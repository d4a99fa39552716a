"""The helpdesk queue screen: a shift of work on one screen, every part reachable from the
keyboard.

Widgets only: the queue controller fills them and listens to their signals. The shift bar's keys
are function keys (they work while typing in the ticket form), shown on its buttons:

    F2 take the contact selected in the queue   F3 a new ticket for it   F4 no ticket needed
    F5 open the ticket selected in the list     F12 end the shift (asked first)
    Ctrl+1 the incoming contacts   Ctrl+2 the tickets   Ctrl+3 the ticket form
    Ctrl+4 the contact's text      Ctrl+5 the desk's messages   Ctrl+F the knowledge base
    Escape stop the shift
    (the ticket form's own keys: Ctrl+Enter create / update, Ctrl+T assign, Ctrl+L link,
    Ctrl+O resolve, Ctrl+Shift+C close, Ctrl+R reopen)

The ticket list (``TicketTable``), the ticket form (``TicketForm``) and the knowledge panel
(``KnowledgePanel``) are the helpdesk's own widgets, shared with the other screens.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.core.knowledge import KnowledgeBase
from trainer.core.queue_scenario import QueueExercise
from trainer.ui import words
from trainer.ui.fit_scroll import FitScrollArea
from trainer.ui.knowledge_panel import KnowledgePanel
from trainer.ui.style_flags import set_flag
from trainer.ui.ticket_form import TicketForm
from trainer.ui.ticket_table import TicketTable

# the shift bar's keys and the action each one asks for
QUEUE_KEYS: dict[str, str] = {
    "F2": "take",
    "F3": "ticket",
    "F4": "no_ticket",
    "F5": "open_ticket",
    "F12": "end_shift",
}

CONTACT_ROLE = Qt.ItemDataRole.UserRole
WidgetT = TypeVar("WidgetT", bound=QWidget)
# as the ticket list colours its SLA cells: light backgrounds under dark text
_BACKGROUND = {"warning": QColor("#ffe0b2"), "breached": QColor("#ffcdd2")}
_FOREGROUND = {"warning": QColor("#6d3600"), "breached": QColor("#8e0000")}


def named(widget: WidgetT, name: str) -> WidgetT:
    """``widget`` with its object name (what the style sheet and the tests know it by)."""
    widget.setObjectName(name)
    return widget


class QueueView(QWidget):
    """The widgets of the queue screen; ``build`` lays them out for one shift."""

    queueAction = Signal(str)  # one of QUEUE_KEYS' values
    abandonRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self._contact_items: dict[str, QListWidgetItem] = {}
        self._build_frame()
        for key, action in QUEUE_KEYS.items():
            self._shortcut(key, lambda a=action: self.queueAction.emit(a))
        self._shortcut("Ctrl+1", self.focus_contacts)
        self._shortcut("Ctrl+2", self.focus_tickets)
        self._shortcut("Ctrl+3", self.focus_form)
        self._shortcut("Ctrl+4", self.focus_contact)
        self._shortcut("Ctrl+5", self.focus_messages)
        self._shortcut("Ctrl+F", self.focus_knowledge)
        self.knowledge.bind_propose(self)  # Ctrl+Shift+F: an article proposed for the coach
        self._shortcut("Escape", self.abandonRequested.emit)

    def _shortcut(self, keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # layout ---------------------------------------------------------------------------
    def _build_frame(self) -> None:
        self.title = named(QLabel(), "callTitle")
        self.instructions = named(QLabel(wordWrap=True), "instructions")

        # the shift bar: what is going on, the shift's clock, the keys (the call bar's look)
        bar = named(QFrame(), "callBar")
        self.state = named(QLabel(), "callState")
        self.clock = named(QLabel("0:00"), "callTimer")
        self.clock.setAccessibleName(self.tr("Klok van de dienst"))
        self.problem = named(QLabel(wordWrap=True), "problem")
        self.problem.hide()
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.clock)
        row = QHBoxLayout()
        labels = {
            "take": self.tr("Behandelen"),
            "ticket": self.tr("Ticket maken"),
            "no_ticket": self.tr("Geen ticket nodig"),
            "open_ticket": self.tr("Ticket openen"),
            "end_shift": self.tr("Dienst beëindigen"),
        }
        keys = {action: key for key, action in QUEUE_KEYS.items()}
        self.buttons: dict[str, QPushButton] = {}
        for action, label in labels.items():
            button = named(QPushButton(f"{label} ({keys[action]})"), f"button_{action}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are the way; focus stays
            button.clicked.connect(lambda _=False, a=action: self.queueAction.emit(a))
            self.buttons[action] = button
            row.addWidget(button)
        row.addStretch(1)
        bar_rows = QVBoxLayout(bar)
        bar_rows.addLayout(top)
        bar_rows.addLayout(row)

        # the queue: the contacts that came in, oldest first, and the tickets with their SLA
        self.contacts_box = QGroupBox(self.tr("Binnengekomen (Ctrl+1)"))  # F2: on its button
        self.contacts = named(QListWidget(), "queueContacts")
        self.contacts.setWordWrap(True)
        self.contacts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contacts.setAccessibleName(self.tr("Binnengekomen contacten"))
        self.contacts.itemActivated.connect(lambda _item: self.queueAction.emit("take"))
        QVBoxLayout(self.contacts_box).addWidget(self.contacts)
        self.tickets_box = QGroupBox(self.tr("Tickets (Ctrl+2, F5 opent)"))
        self.tickets = TicketTable()
        self.tickets.ticketActivated.connect(lambda _number: self.queueAction.emit("open_ticket"))
        QVBoxLayout(self.tickets_box).addWidget(self.tickets)

        # what is read while the form is filled in, one page at a time: the contact taken (what
        # the customer wrote or said, and who they are), the knowledge base, what the desk
        # told (arrivals, SLA warnings and breaches; the shift bar counts them too)
        self.contact_text = named(QTextBrowser(), "queueContactText")
        self.contact_text.setAccessibleName(self.tr("Tekst van het contact"))
        self.knowledge = KnowledgePanel("")
        self.messages = named(QListWidget(), "messages")
        self.messages.setWordWrap(True)
        self.messages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.messages.setAccessibleName(self.tr("Meldingen"))
        self.reading = named(QTabWidget(), "queueReading")
        # (the contact comes to the front by itself when taken: its key in the tooltip leaves
        # the tabs room for the two others' keys on a 1366x768 screen)
        self.reading.addTab(self.contact_text, self.tr("Contact"))
        self.reading.setTabToolTip(0, self.tr("Contact (Ctrl+4)"))
        self.reading.addTab(self.knowledge, self.tr("Kennisbank (Ctrl+F)"))
        self.reading.addTab(self.messages, self.tr("Meldingen (Ctrl+5)"))
        self.reading.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its pages take the focus

        self.form_box = QGroupBox(self.tr("Ticket (Ctrl+3)"))
        self.form = TicketForm()
        # the form scrolls in its own box (it is the screen's tallest part): the queue and the
        # ticket list beside it stay whole in view
        self.form_scroll = FitScrollArea(self.form)
        bar_width = self.form_scroll.verticalScrollBar().sizeHint().width()
        self.form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + bar_width + 4)
        QVBoxLayout(self.form_box).addWidget(self.form_scroll)
        # a list of codes' long names (a team, a close code) does not widen its box (the whole
        # name shows when the list opens): the screen fits 1366x768
        for combo in [*self.tickets.findChildren(QComboBox), *self.form.findChildren(QComboBox)]:
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        for widget, lines in ((self.contacts, 4), (self.contact_text, 6)):
            widget.setMinimumHeight(
                lines * widget.fontMetrics().lineSpacing() + 2 * widget.frameWidth() + 4
            )
        # two columns (the ticket list and the form need their width): the queue and what is
        # read beside it over the tickets; the form at full height
        grid = QGridLayout()
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.contacts_box, 2)
        top.addWidget(self.reading, 5)
        left.addLayout(top, 1)
        left.addWidget(self.tickets_box, 1)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.form_box, 0, 1)
        for column, stretch in enumerate((7, 5)):
            grid.setColumnStretch(column, stretch)
        panels = named(QWidget(), "deskPanels")
        panels.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.desk = FitScrollArea(panels)
        self.desk.setObjectName("desk")

        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.instructions)
        outer.addWidget(bar)
        outer.addWidget(self.problem)
        outer.addWidget(self.desk, 1)

    def build(self, queue: QueueExercise, base: KnowledgeBase | None) -> None:
        """Lay the screen out for one shift: an empty queue, the helpdesk's own lists in the
        form and the filters, the knowledge base to search."""
        self.title.setText(queue.title)
        self.instructions.setText(queue.instructions)
        self.instructions.setVisible(bool(queue.instructions))
        self.show_problem("")
        self.show_clock(0.0, queue.shift)
        self.contacts.clear()
        self._contact_items.clear()
        self.messages.clear()
        self.reading.setTabText(2, self.tr("Meldingen (Ctrl+5)"))
        self.show_contact(
            self.tr("Contact"), self.tr("Nog geen contact genomen: kies er een en druk op F2.")
        )
        self.tickets.set_config(queue.helpdesk)
        self.form.set_config(queue.helpdesk)
        self.form.new_ticket()
        self.knowledge.set_base(base)

    def sizeHint(self) -> QSize:
        return QSize(1200, 760)

    # what the controller shows ----------------------------------------------------------
    def show_clock(self, used: float, limit: float) -> None:
        """The shift's time used against its length, red in its last minute."""
        self.clock.setText(f"{words.seconds(used)} / {words.seconds(limit)}")
        set_flag(self.clock, "over", limit - used <= 60)

    def show_state(self, text: str) -> None:
        """The shift bar's line: what is going on now."""
        self.state.setText(text)

    def show_problem(self, text: str) -> None:
        """A problem (a key that does nothing now, an action the helpdesk refuses), or none."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def add_contact(self, contact_id: str, text: str, tooltip: str = "") -> None:
        """A contact came in: at the bottom of the queue (oldest first, as the desk shows
        them); the first one is selected when none was."""
        item = QListWidgetItem(text)
        item.setData(CONTACT_ROLE, contact_id)
        item.setToolTip(tooltip or text)
        self.contacts.addItem(item)
        self._contact_items[contact_id] = item
        if self.contacts.currentItem() is None:
            self.contacts.setCurrentItem(item)

    def update_contact(self, contact_id: str, text: str) -> None:
        """A contact's line changed (its waiting time, taken, done)."""
        item = self._contact_items.get(contact_id)
        if item is not None and item.text() != text:
            item.setText(text)

    def remove_contact(self, contact_id: str) -> None:
        """A contact was dealt with: off the queue."""
        item = self._contact_items.pop(contact_id, None)
        if item is not None:
            self.contacts.takeItem(self.contacts.row(item))

    def selected_contact(self) -> str:
        """The contact selected in the queue ('' none)."""
        item = self.contacts.currentItem()
        return str(item.data(CONTACT_ROLE)) if item is not None else ""

    def show_contact(self, title: str, text: str) -> None:
        """The contact being handled: its heading and what the customer wrote or said."""
        self.contact_text.setPlainText(f"{title}\n\n{text}")
        self.reading.setCurrentWidget(self.contact_text)

    def add_message(self, text: str, flag: str = "") -> None:
        """A line of what the desk tells (a contact came in, an SLA warning or breach), newest
        at the top; ``flag`` (``warning``, ``breached``) colours it, its sign says it too."""
        item = QListWidgetItem(text)
        if flag:
            item.setBackground(_BACKGROUND[flag])
            item.setForeground(_FOREGROUND[flag])
        self.messages.insertItem(0, item)

    # focus ------------------------------------------------------------------------------
    def focus_contacts(self) -> None:
        """Ctrl+1: to the incoming contacts."""
        self.contacts.setFocus()

    def focus_tickets(self) -> None:
        """Ctrl+2: to the ticket list."""
        self.tickets.view.setFocus()

    def focus_form(self) -> None:
        """Ctrl+3: to the ticket form's first field."""
        self.form.requester.setFocus()

    def focus_knowledge(self) -> None:
        """Ctrl+F: to the knowledge base's search box."""
        self.reading.setCurrentWidget(self.knowledge)
        self.knowledge.focus_search()

    def focus_contact(self) -> None:
        """Ctrl+4: to what the contact taken says."""
        self.reading.setCurrentWidget(self.contact_text)
        self.contact_text.setFocus()

    def focus_messages(self) -> None:
        """Ctrl+5: to what the desk told."""
        self.reading.setCurrentWidget(self.messages)
        self.messages.setFocus()
