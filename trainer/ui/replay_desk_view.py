"""The replay window's desk for a queue shift and a chat session (``trainer.ui.replay_view``
puts it where a call's fields go): what the trainee's screen held at the replay's clock.

A shift: the contacts that came in (waiting, with how long, or taken), the ticket list with
both SLA timers as they stood (a coming breach and a breach coloured, as on the queue screen:
``trainer.ui.ticket_table``) and the ticket selected in it, with its history so far and the
text being typed into the form. A chat: the conversations side by side, each with its messages
so far, its reply box as typed, and a customer who left said so. Under both, the reason of the
last mark passed, so a jump by N shows what went wrong there.

The state comes from ``trainer.core.replay_desk`` (headless, by bisection); the words of the
marks are here (``mark_text``).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.core.chat_scenario import ChatExercise
from trainer.core.queue_scenario import QueueExercise
from trainer.core.replay_chat import ChatReplay
from trainer.core.replay_desk import QueueReplay, QueueState, TicketAt
from trainer.ui import words
from trainer.ui.queue_results_view import _Named
from trainer.ui.ticket_form import channel_word
from trainer.ui.ticket_table import SLA_COLUMN, TicketTable, sla_text, status_word

if TYPE_CHECKING:
    from trainer.core.exercise import ExerciseBase
    from trainer.core.helpdesk import Helpdesk, Ticket
    from trainer.core.replay import Replay, ReplayMark
    from trainer.core.sla import Timers

tr = words.tr


def clock(t: float) -> str:
    """Seconds as m:ss."""
    whole = max(0, int(t))
    return f"{whole // 60}:{whole % 60:02d}"


def mark_text(mark: ReplayMark, exercise: ExerciseBase) -> str:
    """A shift's or a chat's own mark (an arrival, a reason of the score) in words."""
    if mark.kind == "reason" and mark.reason is not None:
        if isinstance(exercise, QueueExercise):
            return _Named(exercise).reason(mark.reason)
        params = dict(mark.reason.params)
        if isinstance(params.get("chat"), str):  # the customer by name, as the results page
            params["chat"] = _customer(exercise, str(params["chat"]))
        return words.reason(mark.reason.model_copy(update={"params": params}))
    if mark.kind == "action":
        return _action_text(mark, exercise)
    if mark.kind == "screen" and isinstance(exercise, ChatExercise):
        screen = next((e for e in exercise.screen if e.id == mark.name), None)
        return tr("Melding: %1").replace("%1", _short(screen.text if screen else mark.name))
    if mark.kind == "field" and isinstance(exercise, ChatExercise):
        form_field = exercise.field(mark.name)
        if mark.detail == "misplaced":
            said = tr("Veld '%1' in het verkeerde vak: '%2'")
        else:
            said = tr("Veld '%1' fout ingevuld: '%2'")
        label = form_field.label if form_field is not None else mark.name
        return said.replace("%1", label).replace("%2", mark.value)
    if isinstance(exercise, QueueExercise):
        arrival = exercise.arrival(mark.name)
        subject = _subject(exercise, mark.name)
        channel = channel_word(arrival.channel) if arrival is not None else ""
        return tr("Binnengekomen (%1): %2").replace("%1", channel).replace("%2", subject)
    name = _customer(exercise, mark.name)
    if mark.detail == "nudge":
        return tr("%1 dringt aan").replace("%1", name)
    return tr("%1 schrijft").replace("%1", name)


def _action_text(mark: ReplayMark, exercise: ExerciseBase) -> str:
    """The trainee's action: a contact taken, an action on a ticket (``name`` its op, ``detail``
    the ticket, ``value`` the contact), a reply sent to a customer."""
    if mark.name == "sent":
        return tr("Antwoord aan %1").replace("%1", _customer(exercise, mark.detail))
    queue = exercise if isinstance(exercise, QueueExercise) else None
    if mark.name == "taken":
        subject = _subject(queue, mark.detail) if queue else mark.detail
        return tr("Genomen: %1").replace("%1", subject)
    if mark.name == "no_ticket":
        subject = _subject(queue, mark.value) if queue else mark.value
        return tr("Zonder ticket afgehandeld: %1").replace("%1", subject)
    said = {
        "create": tr("Ticket %1 aangemaakt"),
        "update": tr("Ticket %1 bijgewerkt"),
        "assign": tr("Ticket %1 toegewezen"),
        "link": tr("Ticket %1 gekoppeld aan een gekend probleem"),
        "resolve": tr("Ticket %1 opgelost"),
        "close": tr("Ticket %1 gesloten"),
        "reopen": tr("Ticket %1 heropend"),
        "propose_article": tr("Kennisbankartikel voorgesteld"),
    }.get(mark.name, mark.name)
    return said.replace("%1", mark.detail)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _subject(queue: QueueExercise, contact: str) -> str:
    arrival = queue.arrival(contact)
    if arrival is None:
        return contact
    return arrival.subject or arrival.text.strip().split("\n", 1)[0][:60]


def _customer(exercise: ExerciseBase, chat_id: str) -> str:
    chat = exercise.chat(chat_id) if isinstance(exercise, ChatExercise) else None
    return chat.customer.name if chat is not None else chat_id


def desk_panel(replay: Replay, exercise: ExerciseBase) -> QueuePanel | ChatPanel | None:
    """The desk of a shift or a chat session (None for the other kinds)."""
    if isinstance(replay, QueueReplay) and isinstance(exercise, QueueExercise):
        return QueuePanel(replay, exercise)
    if isinstance(replay, ChatReplay) and isinstance(exercise, ChatExercise):
        return ChatPanel(replay, exercise)
    return None


class _DeskAt:
    """The helpdesk as the ticket list reads it (``tickets``, ``sla``, ``config``), at one
    moment of the replay: the tickets then, their timers then."""

    def __init__(self, queue: QueueExercise, tickets: tuple[TicketAt, ...]) -> None:
        self.config = queue.helpdesk
        self.tickets: tuple[Ticket, ...] = tuple(k.ticket for k in tickets)
        self._timers = {k.ticket.number: k.timers for k in tickets}

    def sla(self, number: str, _t: float) -> Timers:
        return self._timers[number]


class QueuePanel(QWidget):
    """The shift's screen at the replay's clock: ``show_at(t, mark)``."""

    def __init__(self, replay: QueueReplay, queue: QueueExercise) -> None:
        super().__init__()
        self.replay = replay
        self.queue = queue
        self.state: QueueState | None = None
        self._acted_on: str | None = None  # the ticket last acted on, as last shown
        self._html = ""  # the chosen ticket as last shown
        self.contacts = QListWidget()
        self.contacts.setObjectName("replayContacts")
        self.contacts.setAccessibleName(tr("Contacten in de wachtrij"))
        self.tickets = TicketTable()
        self.tickets.setObjectName("replayTickets")
        self.tickets.set_config(queue.helpdesk)
        # a replay's few tickets: the SLA's words read whole ("✖ 3:12 te laat")
        header = self.tickets.view.horizontalHeader()
        header.setSectionResizeMode(SLA_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.ticket = QTextBrowser()
        self.ticket.setObjectName("replayTicket")
        self.ticket.setAccessibleName(tr("Het gekozen ticket"))
        self.mark_said = QLabel()
        self.mark_said.setObjectName("replayMarkSaid")
        self.mark_said.setWordWrap(True)
        self.tickets.currentTicketChanged.connect(lambda _n: self._show_ticket())
        # one above the other: the contacts' lines and the ticket list read whole across
        parts = QSplitter(Qt.Orientation.Vertical)
        parts.addWidget(_titled(tr("Contacten"), self.contacts))
        parts.addWidget(_titled(tr("Tickets"), self.tickets))
        parts.addWidget(_titled(tr("Ticket"), self.ticket))
        parts.setSizes([140, 220, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(parts, 1)
        layout.addWidget(self.mark_said)

    def show_at(self, t: float, mark: ReplayMark | None) -> None:
        """The queue at ``t``; ``mark``: the last mark passed (its reason said under it)."""
        state = self.replay.queue_at(t)
        self.state = state
        self._show_contacts(state)
        self.tickets.show_tickets(cast("Helpdesk", _DeskAt(self.queue, state.tickets)), t)
        if state.ticket != self._acted_on:  # an action on a ticket: the form showed it
            self._acted_on = state.ticket
            if state.ticket is not None:
                self.tickets.select(state.ticket)
        self._show_ticket()
        self.mark_said.setText(
            mark_text(mark, self.queue) if mark is not None and mark.kind == "reason" else ""
        )

    def _show_contacts(self, state: QueueState) -> None:
        taken = dict(state.taken)
        lines = []
        for contact, at in state.arrived:
            arrival = self.queue.arrival(contact)
            requester = self.queue.customer(arrival.requester) if arrival else None
            who = requester.name if requester is not None else ""
            channel = channel_word(arrival.channel) if arrival is not None else ""
            line = f"{clock(at)}  {channel} · {who} · {_subject(self.queue, contact)}"
            if contact in taken:
                line += "  — " + tr("genomen na %1").replace("%1", clock(taken[contact] - at))
            else:
                line += "  — " + tr("wacht al %1").replace("%1", clock(state.t - at))
            if contact == state.current:
                line = "▶ " + line
            lines.append(line)
        shown = [self.contacts.item(i).text() for i in range(self.contacts.count())]
        if shown != lines:
            self.contacts.clear()
            self.contacts.addItems(lines)

    def _show_ticket(self) -> None:
        state = self.state
        number = self.tickets.current_number()
        found = (
            next((k for k in state.tickets if k.ticket.number == number), None) if state else None
        )
        html = _ticket_html(self.queue, found) if found is not None else ""
        if state is not None and number == state.ticket:
            html += _typed_html(state.typed)
        elif state is not None and state.ticket is None and any(state.typed.values()):
            html += _typed_html(state.typed)  # a new ticket being filled in
        if html != self._html:  # (unchanged: left alone, where the coach scrolled it)
            self._html = html
            self.ticket.setHtml(html)


def _ticket_html(queue: QueueExercise, at: TicketAt) -> str:
    k, config = at.ticket, queue.helpdesk
    team = config.teams.get(k.team, k.team) if k.team else "–"
    rows = [
        (tr("Status"), status_word(k.status)),
        (tr("Prioriteit"), k.priority),
        (tr("Team"), team),
        (tr("Categorie"), config.categories.get(k.category, k.category)),
        (tr("Aanvrager"), k.requester),
        (tr("Onderwerp"), k.subject),
        (tr("SLA reactie"), sla_text("response", at.timers.response)),
        (tr("SLA oplossing"), sla_text("resolution", at.timers.resolution)),
    ]
    cells = "".join(f"<tr><td><b>{escape(a)}</b></td><td>{escape(b)}</td></tr>" for a, b in rows)
    notes = "".join(
        f"<li>{clock(ms / 1000)} {escape(text)}</li>" for ms, text in k.notes if text.strip()
    )
    html = f"<h3>{escape(k.number)}</h3><table>{cells}</table>"
    return html + (f"<ul>{notes}</ul>" if notes else "")


def _typed_html(typed: dict[str, str]) -> str:
    labels = {
        "ticket.requester": tr("Aanvrager"),
        "ticket.subject": tr("Onderwerp"),
        "ticket.note": tr("Notitie"),
        "ticket.solution": tr("Oplossing"),
    }
    rows = [
        f"<li><b>{escape(labels[name])}</b>: {escape(text)}▏</li>"
        for name, text in typed.items()
        if text
    ]
    if not rows:
        return ""
    return f"<p><i>{escape(tr('Wordt getypt:'))}</i></p><ul>{''.join(rows)}</ul>"


class ChatPanel(QWidget):
    """The chats side by side at the replay's clock: ``show_at(t, mark)``."""

    def __init__(self, replay: ChatReplay, exercise: ChatExercise) -> None:
        super().__init__()
        self.replay = replay
        self.exercise = exercise
        self.conversations: dict[str, QTextBrowser] = {}
        self.replies: dict[str, QLabel] = {}
        self.titles: dict[str, QGroupBox] = {}
        self.fields: dict[str, QLabel] = {}
        row = QHBoxLayout()
        for chat in exercise.chats:
            box = QGroupBox(f"{chat.customer.name} · {chat.topic}")
            box.setObjectName(f"replayChat_{chat.id}")
            text = QTextBrowser()
            text.setObjectName(f"replayConversation_{chat.id}")
            text.setAccessibleName(tr("Gesprek met %1").replace("%1", chat.customer.name))
            reply = QLabel()
            reply.setObjectName(f"replayReply_{chat.id}")
            reply.setWordWrap(True)
            fields = QLabel()  # its form's fields as committed
            fields.setObjectName(f"replayFields_{chat.id}")
            fields.setWordWrap(True)
            inner = QVBoxLayout(box)
            inner.addWidget(text, 1)
            inner.addWidget(reply)
            inner.addWidget(fields)
            row.addWidget(box)
            self.conversations[chat.id], self.replies[chat.id] = text, reply
            self.fields[chat.id] = fields
            self.titles[chat.id] = box
        # the screen's own messages (a team leader's, an alert), as they came and were answered
        self.messages = QListWidget()
        self.messages.setObjectName("replayMessages")
        self.messages.setAccessibleName(tr("Meldingen op het scherm"))
        self.messages.setWordWrap(True)
        self.messages.setMaximumHeight(90)
        self.messages.setVisible(bool(exercise.screen))
        self.mark_said = QLabel()
        self.mark_said.setObjectName("replayMarkSaid")
        self.mark_said.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 1)
        layout.addWidget(self.messages)
        layout.addWidget(self.mark_said)

    def show_at(self, t: float, mark: ReplayMark | None) -> None:
        """The conversations at ``t``; ``mark``: the last mark passed."""
        state = self.replay.chats_at(t)
        for c in state.conversations:
            chat = self.exercise.chat(c.id)
            name = chat.customer.name if chat is not None else c.id
            lines = []
            for line in c.lines:
                who = name if line.who == "customer" else tr("Jij")
                lines.append(
                    f"<p><small>{clock(line.t)}</small> <b>{escape(who)}</b>: "
                    f"{escape(line.text)}</p>"
                )
            if c.left_at is not None:
                gone = tr("%1 heeft de chat verlaten om %2.").replace("%1", name)
                lines.append(f"<p><i>{escape(gone.replace('%2', clock(c.left_at)))}</i></p>")
            html = "".join(lines)
            view = self.conversations[c.id]
            if view.property("shown") != html:
                view.setProperty("shown", html)
                view.setHtml(html)
                bar = view.verticalScrollBar()
                bar.setValue(bar.maximum())
            typed = tr("Antwoord: %1").replace("%1", c.typed + "▏") if c.typed else ""
            self.replies[c.id].setText(typed)
            own = chat.fields if chat is not None else []
            entered = [f"{f.label}: {state.fields[f.id]}" for f in own if state.fields.get(f.id)]
            self.fields[c.id].setText("\n".join(entered))
            front = "▶ " if c.id == state.active else ""
            title = f"{front}{name} · {chat.topic if chat is not None else ''}"
            if self.titles[c.id].title() != title:
                self.titles[c.id].setTitle(title)
        said = []
        for e in state.events:
            message = f"{clock(e.fired_at)}  {e.text}"
            if e.acknowledged_at is not None:
                waited = words.number(e.acknowledged_at - e.fired_at, 1)
                message += "  " + tr("(gezien na %1 s)").replace("%1", waited)
            said.append(message)
        if [self.messages.item(i).text() for i in range(self.messages.count())] != said:
            self.messages.clear()
            self.messages.addItems(said)
        self.mark_said.setText(
            mark_text(mark, self.exercise) if mark is not None and mark.kind == "reason" else ""
        )


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(f"<b>{escape(title)}</b>")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
