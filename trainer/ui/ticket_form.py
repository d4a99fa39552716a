"""The ticket form of the simulated helpdesk system: create a ticket, or work on one.

Widgets only, like the call view: the form decides nothing. Each button (and its key) asks for
one helpdesk action, ``actionRequested(FormAction)``, with the values the form holds as the
journal's ``TicketEvent`` carries them (codes and texts); the screen's controller stamps it with
the session time, applies it to the ``Helpdesk``, journals it, and shows the outcome back with
``show_outcome`` (a refusal in words under the form) and ``edit`` (the ticket as it now stands).

Keyboard only: every field has an underlined letter (Alt+letter: A K O C I U S T B N G F P in
Dutch, so a screen beside the form leaves those free), Tab moves on (also out of the note and the
solution), and the actions have keys shown on their buttons, active while the form has the
focus: Ctrl+Enter create / update, Ctrl+T assign, Ctrl+L link, Ctrl+O resolve, Ctrl+Shift+C
close, Ctrl+R reopen. The priority is not typed: it is shown as the exercise's SLA matrix gives
it for the impact and urgency chosen, with its targets.

``fields`` maps each input's id (``ticket.requester``, ``ticket.note``, ...) to its widget, for
the controller that journals the keys typed into a field (``KeyEvent.field``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.helpdesk import CHANNELS, HelpdeskConfig, Outcome, Refused, Ticket
from trainer.core.journal import TicketOp
from trainer.core.sla import LEVELS
from trainer.ui import words
from trainer.ui.style_flags import set_flag
from trainer.ui.ticket_table import clock_text, status_word

_NONE = ""
# the statuses an update may choose (resolve and close have their own actions)
_UPDATE_STATUSES = ("new", "open", "pending", "on_hold")


@dataclass(frozen=True)
class FormAction:
    """What the trainee asked the helpdesk to do: a ``TicketEvent`` without its time."""

    op: TicketOp
    ticket: str
    contact: str
    values: dict[str, str] = field(default_factory=dict)


def level_word(level: str) -> str:
    return {"high": words.tr("hoog"), "medium": words.tr("middel"), "low": words.tr("laag")}.get(
        level, level
    )


def channel_word(channel: str) -> str:
    return {
        "phone": words.tr("telefoon"),
        "email": words.tr("e-mail"),
        "chat": words.tr("chat"),
        "portal": words.tr("portaal"),
    }.get(channel, channel)


def field_word(key: str) -> str:
    """A ticket field's name, as a refusal names it."""
    return {
        "requester": words.tr("aanvrager"),
        "channel": words.tr("kanaal"),
        "subject": words.tr("onderwerp"),
        "category": words.tr("categorie"),
        "impact": words.tr("impact"),
        "urgency": words.tr("urgentie"),
        "status": words.tr("status"),
        "team": words.tr("team"),
        "problem": words.tr("bekend probleem"),
        "note": words.tr("notitie"),
        "customer_informed": words.tr("klant geïnformeerd"),
        "close_code": words.tr("afsluitcode"),
        "solution": words.tr("oplossing"),
        "title": words.tr("titel"),
        "body": words.tr("tekst"),
    }.get(key, key)


def refusal_text(refusal: Refused) -> str:
    """Why the helpdesk refused an action, in words."""
    name = field_word(refusal.field)
    said = {
        "unknown_ticket": words.tr("Dat ticket bestaat niet."),
        "wrong_number": words.tr("Het ticketnummer klopt niet."),
        "missing_field": words.tr("Vul {field} in."),
        "unknown_field": words.tr("{field} kan bij deze actie niet."),
        "unknown_value": words.tr("Kies een geldige waarde voor {field}."),
        "status_not_allowed": words.tr("Naar de status '{status}' kan het ticket nu niet."),
        "nothing_changed": words.tr("Er is niets gewijzigd."),
        "ticket_resolved": words.tr(
            "Het ticket is opgelost: alleen een notitie kan nog, of heropenen."
        ),
        "ticket_closed": words.tr("Het ticket is gesloten."),
        "not_resolved": words.tr("Alleen een opgelost ticket kan gesloten of heropend worden."),
        "no_contact": words.tr("Geen contact gekozen."),
        "contact_has_ticket": words.tr("Dit contact heeft al een ticket."),
        "time_backwards": words.tr("De tijd van deze actie ligt voor de vorige."),
    }[refusal.code]
    return said.replace("{field}", name).replace("{status}", status_word(refusal.field))


class TicketForm(QWidget):
    """A new ticket (``new_ticket``) or an existing one (``edit``), with its actions."""

    actionRequested = Signal(object)  # a FormAction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketForm")
        self.config: HelpdeskConfig | None = None
        self.ticket: Ticket | None = None
        self.contact = ""

        self.title = QLabel()
        self.title.setObjectName("ticketTitle")
        self.requester = QLineEdit()
        self.channel = QComboBox()
        for channel in CHANNELS:
            self.channel.addItem(channel_word(channel), channel)
        self.subject = QLineEdit()
        self.category = QComboBox()
        self.impact = QComboBox()
        self.urgency = QComboBox()
        for combo in (self.impact, self.urgency):
            combo.addItem("–", _NONE)
            for level in LEVELS:
                combo.addItem(level_word(level), level)
        self.priority = QLabel()
        self.priority.setObjectName("ticketPriority")
        self.status = QComboBox()
        self.team = QComboBox()
        self.problem = QComboBox()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.informed = QCheckBox(self.tr("Klant &geïnformeerd over deze stap"))
        self.close_code = QComboBox()
        self.solution = QPlainTextEdit()
        self.solution.setTabChangesFocus(True)
        self.solution.setFixedHeight(70)
        self.problem_line = QLabel()
        self.problem_line.setObjectName("problem")
        self.problem_line.setWordWrap(True)
        self.problem_line.hide()
        self.fields: dict[str, QWidget] = {
            "ticket.requester": self.requester,
            "ticket.channel": self.channel,
            "ticket.subject": self.subject,
            "ticket.category": self.category,
            "ticket.impact": self.impact,
            "ticket.urgency": self.urgency,
            "ticket.status": self.status,
            "ticket.team": self.team,
            "ticket.problem": self.problem,
            "ticket.note": self.note,
            "ticket.customer_informed": self.informed,
            "ticket.close_code": self.close_code,
            "ticket.solution": self.solution,
        }
        for name, widget in self.fields.items():
            widget.setObjectName(name.replace(".", "_"))

        self.save = QPushButton()
        self.assign = QPushButton(self.tr("Toewijzen (Ctrl+T)"))
        self.link = QPushButton(self.tr("Koppelen (Ctrl+L)"))
        self.resolve = QPushButton(self.tr("Oplossen (Ctrl+O)"))
        self.close_button = QPushButton(self.tr("Sluiten (Ctrl+Shift+C)"))
        self.reopen = QPushButton(self.tr("Heropenen (Ctrl+R)"))
        keys = (
            (self.save, "Ctrl+Return"),
            (self.assign, "Ctrl+T"),
            (self.link, "Ctrl+L"),
            (self.resolve, "Ctrl+O"),
            (self.close_button, "Ctrl+Shift+C"),
            (self.reopen, "Ctrl+R"),
        )
        for button, key in keys:
            button.setAutoDefault(False)
            # only while the form has the focus: the chat's reply box has its own Ctrl+Enter
            for sequence in (key, key.replace("Return", "Enter")) if "Return" in key else (key,):
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(button.click)
        self._layout()
        self._connect_signals()
        self._show_buttons()

    def _layout(self) -> None:
        form = QFormLayout()
        rows = (
            (self.tr("&Aanvrager:"), self.requester),
            (self.tr("&Kanaal:"), self.channel),
            (self.tr("&Onderwerp:"), self.subject),
            (self.tr("&Categorie:"), self.category),
            (self.tr("&Impact:"), self.impact),
            (self.tr("&Urgentie:"), self.urgency),
            (self.tr("Prioriteit:"), self.priority),
            (self.tr("&Status:"), self.status),
            (self.tr("&Team:"), self.team),
            (self.tr("&Bekend probleem:"), self.problem),
            (self.tr("&Notitie:"), self.note),
            ("", self.informed),
        )
        for text, widget in rows:
            form.addRow(text, widget)
        closing = QGroupBox(self.tr("Oplossing"))
        closing_form = QFormLayout(closing)
        closing_form.addRow(self.tr("A&fsluitcode:"), self.close_code)
        closing_form.addRow(self.tr("O&plossing:"), self.solution)
        buttons = QGridLayout()
        for i, button in enumerate(
            (self.save, self.assign, self.link, self.resolve, self.close_button, self.reopen)
        ):
            buttons.addWidget(button, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(closing)
        layout.addWidget(self.problem_line)
        row = QHBoxLayout()
        row.addLayout(buttons)
        layout.addLayout(row)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.impact.currentIndexChanged.connect(self._on_level_changed)
        self.urgency.currentIndexChanged.connect(self._on_level_changed)
        self.save.clicked.connect(self._on_save)
        self.assign.clicked.connect(lambda: self._ask("assign", ("team",)))
        self.link.clicked.connect(lambda: self._ask("link", ("problem",)))
        self.resolve.clicked.connect(lambda: self._ask("resolve", ("close_code", "solution")))
        self.close_button.clicked.connect(lambda: self._ask("close", ()))
        self.reopen.clicked.connect(lambda: self._ask("reopen", ()))

    # -- what the controller calls --------------------------------------------------------

    def set_config(self, config: HelpdeskConfig) -> None:
        """The exercise's categories, teams, known problems and close codes."""
        self.config = config
        for combo, items in (
            (self.category, config.categories.items()),
            (self.team, config.teams.items()),
            (self.problem, [(p.id, f"{p.id}: {p.title}") for p in config.problems]),
            (self.close_code, config.close_codes.items()),
        ):
            combo.clear()
            combo.addItem("–", _NONE)
            for code, name in items:
                combo.addItem(name, code)
        self._on_level_changed()

    def new_ticket(self, contact: str = "", channel: str = "phone", requester: str = "") -> None:
        """An empty form for a new ticket about ``contact``."""
        self.ticket, self.contact = None, contact
        self.title.setText(self.tr("Nieuw ticket"))
        self.requester.setText(requester)
        self._choose(self.channel, channel)
        self.subject.clear()
        for combo in (self.category, self.impact, self.urgency, self.team, self.problem,
                      self.close_code):  # fmt: skip
            combo.setCurrentIndex(0)
        self._fill_statuses("new")
        self._clear_entries()
        self._show_buttons()
        self.requester.setFocus()

    def edit(self, ticket: Ticket) -> None:
        """The form over ``ticket`` as it stands (after an action, or opened from the list)."""
        self.ticket, self.contact = ticket, ticket.contact
        self.title.setText(self.tr("Ticket {number}").replace("{number}", ticket.number))
        self.requester.setText(ticket.requester)
        self._choose(self.channel, ticket.channel)
        self.subject.setText(ticket.subject)
        self._choose(self.category, ticket.category)
        self._choose(self.impact, ticket.impact)
        self._choose(self.urgency, ticket.urgency)
        self._choose(self.team, ticket.team)
        self._choose(self.problem, ticket.problem)
        self._choose(self.close_code, ticket.close_code)
        self.solution.setPlainText(ticket.solution)
        self._fill_statuses(ticket.status)
        self.note.clear()
        self.informed.setChecked(False)
        self._say("")
        self._show_buttons()

    def show_outcome(self, outcomes: list[Outcome]) -> None:
        """The helpdesk's answer: refusals in words under the form, or nothing to say."""
        refusals = [o for o in outcomes if isinstance(o, Refused)]
        self._say(" ".join(refusal_text(r) for r in refusals))

    # -- inside ---------------------------------------------------------------------------

    def _choose(self, combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        combo.setCurrentIndex(max(index, 0))

    def _fill_statuses(self, current: str) -> None:
        self.status.clear()
        if self.ticket is None:
            shown: tuple[str, ...] = ("new", "open")  # a new ticket starts new or open
        elif current in _UPDATE_STATUSES:
            shown = tuple(s for s in _UPDATE_STATUSES if s != "new" or current == "new")
        else:
            shown = (current,)  # resolved or closed: their own actions change it
        for status in shown:
            self.status.addItem(status_word(status), status)
        self._choose(self.status, current)
        self.status.setEnabled(current in _UPDATE_STATUSES)

    def _clear_entries(self) -> None:
        self.note.clear()
        self.solution.clear()
        self.informed.setChecked(False)
        self._say("")

    def _say(self, text: str) -> None:
        self.problem_line.setText(text)
        self.problem_line.setVisible(bool(text))
        set_flag(self.problem_line, "shown", bool(text))

    def _show_buttons(self) -> None:
        status = self.ticket.status if self.ticket else ""
        working = status in ("new", "open", "pending", "on_hold")
        self.save.setText(
            self.tr("Aanmaken (Ctrl+Enter)") if self.ticket is None
            else self.tr("Bijwerken (Ctrl+Enter)")
        )  # fmt: skip
        self.save.setEnabled(status != "closed")
        self.assign.setEnabled(working)
        self.link.setEnabled(self.ticket is not None and status != "closed")
        self.resolve.setEnabled(working)
        self.close_button.setEnabled(status == "resolved")
        self.reopen.setEnabled(status == "resolved")

    def _on_level_changed(self) -> None:
        impact, urgency = self.impact.currentData(), self.urgency.currentData()
        if self.config is None or not impact or not urgency:
            self.priority.setText(self.tr("kies impact en urgentie"))
            return
        sla = self.config.sla
        priority = sla.priority(impact, urgency)
        target = sla.target(priority)
        self.priority.setText(
            self.tr("{priority}: reactie binnen {response}, oplossen binnen {resolution}")
            .replace("{priority}", priority)
            .replace("{response}", clock_text(target.response * 1000))
            .replace("{resolution}", clock_text(target.resolution * 1000))
        )

    def _common(self) -> dict[str, str]:
        """The note and 'customer informed', which every action on a ticket may carry."""
        values: dict[str, str] = {}
        if self.note.toPlainText().strip():
            values["note"] = self.note.toPlainText().strip()
        if self.informed.isChecked():
            values["customer_informed"] = "true"
        return values

    def _value(self, key: str) -> str:
        widget = self.fields[f"ticket.{key}"]
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or "")
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        return ""

    def _on_save(self) -> None:
        if self.ticket is None:
            wanted = ("requester", "channel", "subject", "category", "impact", "urgency",
                      "status", "team", "problem")  # fmt: skip
            values = {k: v for k in wanted if (v := self._value(k))}
            self._emit("create", {**values, **self._common()})
            return
        keys = ("requester", "subject", "category", "impact", "urgency", "status")
        current = {
            "requester": self.ticket.requester,
            "subject": self.ticket.subject,
            "category": self.ticket.category,
            "impact": self.ticket.impact,
            "urgency": self.ticket.urgency,
            "status": self.ticket.status,
        }
        changed = {k: v for k in keys if (v := self._value(k)) != current[k]}
        if self.ticket.status in ("resolved", "closed"):
            changed = {}  # only a note may be added to a resolved ticket
        self._emit("update", {**changed, **self._common()})

    def _ask(self, op: TicketOp, keys: tuple[str, ...]) -> None:
        if self.ticket is None:
            return
        values = {k: self._value(k) for k in keys}
        self._emit(op, {**{k: v for k, v in values.items() if v}, **self._common()})

    def _emit(self, op: TicketOp, values: dict[str, str]) -> None:
        number = self.ticket.number if self.ticket else ""
        self.actionRequested.emit(FormAction(op, number, self.contact, values))
