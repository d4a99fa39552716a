"""A chat session as a state machine, without Qt: what each action may do when.

``ChatEngine.handle(action, t)`` takes what happened at session time ``t`` (the timer, a
conversation opened, a key, a template, a reply sent, a field committed, a screen message
answered, the end) and gives back the effects in order: journal this, show this customer's
message, put this text in the reply box, mark this conversation impatient, refuse with this
code, finish. The Qt controller turns keys into actions and effects into widgets; so a whole
session, its journal and its score can be driven in ``tests/core`` by a simulated operator.

Each customer runs on their own timeline: the first message comes at its ``at``; the next one
``delay`` seconds after the previous one when that asked no reply, else after the trainee's
first reply to it. While a customer waits for a reply they send their nudge at
``nudge_after`` seconds and leave at ``leave_after``. Before any action, whatever was due by
then fires first, so a reply sent after the customer's time ran out finds them gone, whatever
the timer's latency. Times chain from due times, not from when the timer fired, so a replayed
session fires the same messages at the same times.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

from trainer.core.chat_protocol import (
    Acknowledge,
    Action,
    Active,
    AgentWrote,
    ChatArrived,
    ChatState,
    ChatStatus,
    CommitField,
    CustomerWrote,
    Due,
    Effect,
    End,
    FieldHint,
    Finish,
    InsertTemplate,
    InsertText,
    MessageAnswered,
    Open,
    Record,
    RefusalCode,
    Refuse,
    Send,
    ShowMessage,
    TicketAction,
    TicketChanged,
    TicketRefused,
    Type,
)
from trainer.core.chat_scenario import Chat, ChatExercise, event_id, fill, nudge_id
from trainer.core.fields import FieldValueError, normalise
from trainer.core.helpdesk import Changed, Created, Helpdesk, Refused, proposal_refusals
from trainer.core.journal import (
    ActionEvent,
    ChatEvent,
    FieldEvent,
    KeyEvent,
    ScenarioEvent,
    TicketEvent,
)
from trainer.core.scenario import ScreenMessage
from trainer.core.timeline import Timeline

__all__ = [  # the protocol's words re-exported: ``chat_engine.Send`` reads as one vocabulary
    "Acknowledge",
    "Action",
    "Active",
    "AgentWrote",
    "ChatArrived",
    "ChatEngine",
    "ChatProgress",
    "ChatState",
    "ChatStatus",
    "CommitField",
    "CustomerWrote",
    "Due",
    "Effect",
    "End",
    "FieldHint",
    "Finish",
    "InsertTemplate",
    "InsertText",
    "MessageAnswered",
    "Open",
    "Record",
    "RefusalCode",
    "Refuse",
    "Send",
    "ShowMessage",
    "TicketAction",
    "TicketChanged",
    "TicketRefused",
    "Type",
]

_What = Literal["message", "nudge", "leave"]


@dataclass(order=True)
class _Item:
    """Something of a customer's timeline due at ``time`` (ties: first scheduled first)."""

    time: float
    order: int
    chat: str = field(compare=False)
    what: _What = field(compare=False)
    index: int = field(compare=False)  # the message (for a nudge or leave: the one waited on)


@dataclass
class ChatProgress:
    """Where one conversation stands."""

    chat: Chat
    arrived: bool = False
    waiting_on: int | None = None  # the message waiting for a reply
    since: float | None = None  # when it came
    nudged: bool = False
    left: bool = False
    done: bool = False  # the customer's last message came and, if it asked one, got its reply
    template: str = ""  # the canned response the reply being written began from

    @property
    def status(self) -> ChatStatus:
        """The state its row in the list shows."""
        if self.left:
            return "left"
        if self.done:
            return "done"
        if self.waiting_on is not None:
            return "impatient" if self.nudged else "waiting"
        return "answered" if self.arrived else "new"


@dataclass
class ChatEngine:
    """One chat session's rules and state. Not thread-safe: one owner (the GUI thread)."""

    exercise: ChatExercise
    active: str | None = None
    finished: bool = False
    committed: dict[str, str] = field(default_factory=dict)
    open_messages: dict[str, float] = field(default_factory=dict)  # screen id -> shown at

    def __post_init__(self) -> None:
        self.chats = {c.id: ChatProgress(c) for c in self.exercise.chats}
        self.screen = Timeline(self.exercise.screen)
        config = self.exercise.helpdesk
        self.helpdesk = Helpdesk(config) if config is not None else None
        self._screen_events = {e.id: e for e in self.exercise.screen}
        self._queue: list[_Item] = []
        self._counter = itertools.count()
        self._out: list[Effect] = []
        self._t = 0.0
        for chat in self.exercise.chats:
            first = chat.messages[0]
            self._schedule(first.at or 0.0, chat.id, "message", 0)

    # the one entry ---------------------------------------------------------------------------
    def handle(self, action: Action, t: float) -> list[Effect]:
        """What ``action`` at session time ``t`` does: the effects, in order."""
        self._out, self._t = [], t
        if self.finished:
            return []
        self._fire_due()
        match action:
            case Due():
                pass
            case Open(chat=chat):
                if self._arrived(chat) is not None:
                    self._open(chat)
            case Type():
                self._emit(
                    Record(KeyEvent(t=t, text=action.text, key=action.key, field=action.field))
                )
            case InsertTemplate(chat=chat, template=template):
                self._insert(chat, template)
            case Send(chat=chat, text=text):
                self._send(chat, text)
            case CommitField(field_id=field_id, value=value):
                self._commit(field_id, value)
            case Acknowledge(event_id=event):
                self._acknowledge(event)
            case TicketAction():
                self._ticket(action)
            case End():
                self._end()
        return self._out

    def next_due(self) -> float | None:
        """When the controller's timer should fire next (None: nothing more will come)."""
        if self.finished:
            return None
        times = [self._queue[0].time] if self._queue else []
        screen = self.screen.next_due()
        if screen is not None:
            times.append(screen)
        return min(times, default=None)

    def status(self, chat: str) -> ChatStatus:
        """A conversation's state (``ChatState``'s status)."""
        return self.chats[chat].status

    # the customers' timelines ------------------------------------------------------------------
    def _emit(self, *effects: Effect) -> None:
        self._out.extend(effects)

    def _schedule(self, time: float, chat: str, what: _What, index: int) -> None:
        self._queue.append(_Item(time, next(self._counter), chat, what, index))
        self._queue.sort()

    def _cancel(self, chat: str, *whats: _What) -> None:
        self._queue = [i for i in self._queue if not (i.chat == chat and i.what in whats)]

    def _fire_due(self) -> None:
        """Everything due by now, in time order: customers' messages, nudges and departures,
        and the screen's messages."""
        while True:
            customer = self._queue[0].time if self._queue else None
            screen = self.screen.next_due()
            if (
                customer is not None
                and customer <= self._t
                and (screen is None or customer <= screen)
            ):
                self._fire(self._queue.pop(0))
            elif screen is not None and screen <= self._t:
                for due in self.screen.pop_due(screen):
                    if isinstance(due.event, ScreenMessage):  # (the screen holds nothing else)
                        self._show(due.event, due.time)
            else:
                return

    def _fire(self, item: _Item) -> None:
        progress = self.chats[item.chat]
        chat = progress.chat
        message = chat.messages[item.index]
        if item.what == "message":
            if not progress.arrived:
                progress.arrived = True
                self._emit(ChatArrived(chat))
            self._emit(CustomerWrote(chat.id, message.text, "message", message.id))
            self._record_scenario(event_id(chat.id, message.id), item.time)
            self.screen.notify(event_id(chat.id, message.id), item.time)
            if message.reply is not None:
                progress.waiting_on, progress.since, progress.nudged = item.index, item.time, False
                self._schedule(item.time + chat.patience.nudge_after, chat.id, "nudge", item.index)
                self._schedule(item.time + chat.patience.leave_after, chat.id, "leave", item.index)
            else:
                self._next_message(progress, item.index, item.time)
        elif item.what == "nudge":
            progress.nudged = True
            self._emit(CustomerWrote(chat.id, chat.patience.nudge, "nudge", message.id))
            self._record_scenario(nudge_id(chat.id, message.id), item.time)
        else:
            progress.left = True
            progress.waiting_on = None
            self._cancel(chat.id, "message", "nudge", "leave")
            self._emit(CustomerWrote(chat.id, chat.patience.leave, "leave", message.id))
            self._emit(Record(ChatEvent(t=self._t, chat=chat.id, action="left")))
            self.screen.notify(f"{chat.id}.left", item.time)
        self._state(progress)

    def _next_message(self, progress: ChatProgress, index: int, since: float) -> None:
        """The customer's next message, ``delay`` after ``since``; none left: the chat is done."""
        messages = progress.chat.messages
        if index + 1 < len(messages):
            self._schedule(
                since + messages[index + 1].delay, progress.chat.id, "message", index + 1
            )
        else:
            progress.done = True

    def _record_scenario(self, name: str, due: float) -> None:
        self._emit(Record(ScenarioEvent(t=self._t, event=name, due=round(due, 4))))

    def _state(self, progress: ChatProgress) -> None:
        since = progress.since if progress.waiting_on is not None else None
        self._emit(ChatState(progress.chat.id, progress.status, since))

    def _show(self, event: ScreenMessage, due: float) -> None:
        self._emit(ShowMessage(event))
        self._record_scenario(event.id, due)
        if event.respond_within is not None:
            self.open_messages[event.id] = self._t

    # the trainee's actions --------------------------------------------------------------------
    def _arrived(self, chat: str) -> ChatProgress | None:
        progress = self.chats.get(chat)
        if progress is None or not progress.arrived:
            self._emit(Refuse("no_such_chat"))
            return None
        return progress

    def _open(self, chat: str) -> None:
        if self.active == chat:
            return
        self.active = chat
        self._emit(Record(ChatEvent(t=self._t, chat=chat, action="opened")), Active(chat))

    def _insert(self, chat: str, template_id: str) -> None:
        progress = self._arrived(chat)
        if progress is None:
            return
        template = next((x for x in self.exercise.templates if x.id == template_id), None)
        if template is None:
            self._emit(Refuse("no_such_template"))
            return
        if not progress.template:
            progress.template = template_id
        own = {f.id: self.committed.get(f.id, "") for f in progress.chat.fields}
        made = (
            [x.number for x in self.helpdesk.tickets if x.contact == chat] if self.helpdesk else []
        )
        record, agent = progress.chat.customer, self.exercise.agent
        text = fill(template.text, self.exercise.language, record, agent, own, *made[:1])
        # journaled for the replay, which shows the reply box as it was (keys alone miss it)
        inserted = ChatEvent(
            t=self._t, chat=chat, action="inserted", text=text, template=template_id
        )
        self._emit(Record(inserted), InsertText(chat, text))

    def _send(self, chat: str, text: str) -> None:
        progress = self._arrived(chat)
        if progress is None:
            return
        if progress.left:
            self._emit(Refuse("customer_left"))
            return
        text = text.strip()
        if not text:
            self._emit(Refuse("empty_reply"))
            return
        self._open(chat)
        sent = ChatEvent(t=self._t, chat=chat, action="sent", text=text, template=progress.template)
        progress.template = ""
        self._emit(Record(sent), AgentWrote(chat, text))
        waited = progress.waiting_on
        if waited is not None:
            progress.waiting_on, progress.nudged = None, False
            self._cancel(chat, "nudge", "leave")
            self._next_message(progress, waited, self._t)
            self._state(progress)

    def _commit(self, field_id: str, value: str) -> None:
        """Journaled when its value changed; its format checked."""
        form_field = self.exercise.field(field_id)
        if form_field is None:
            self._emit(Refuse("no_such_field"))
            return
        value = value.strip()
        if self.committed.get(field_id, "") == value:
            return
        self.committed[field_id] = value
        self._emit(Record(FieldEvent(t=self._t, field=field_id, value=value)))
        wrong = None
        if value and form_field.kind != "text":
            try:
                normalise(form_field.kind, value)
            except FieldValueError:
                wrong = form_field.kind
        self._emit(FieldHint(field_id, wrong))

    def _acknowledge(self, event: str) -> None:
        if not self.open_messages:
            self._emit(Refuse("no_message_waiting"))
            return
        if not event:
            event = min(self.open_messages, key=lambda k: self.open_messages[k])
        if event not in self.open_messages:
            self._emit(Refuse("no_message_waiting"))
            return
        del self.open_messages[event]
        self._emit(
            MessageAnswered(event),
            Record(ActionEvent(t=self._t, action="acknowledged", target=event)),
        )
        self.screen.notify("acknowledged", self._t)

    def _ticket(self, action: TicketAction) -> None:
        """Through the helpdesk system: journaled only when carried out (a create with the
        number it gets, and 'chat' as its channel unless the form says otherwise)."""
        if action.op == "propose_article":
            self._propose(action)
            return
        if self.helpdesk is None:
            self._emit(Refuse("no_helpdesk"))
            return
        if self._arrived(action.chat) is None:
            return
        values = dict(action.values)
        number = action.ticket
        if action.op == "create":
            values.setdefault("channel", "chat")
            number = self.helpdesk.next_number()
        event = TicketEvent(
            t=self._t, op=action.op, ticket=number, contact=action.chat, values=values
        )
        outcomes = self.helpdesk.apply(event)
        refusals = [o for o in outcomes if isinstance(o, Refused)]
        if refusals:
            self._emit(*(TicketRefused(r.code, r.field) for r in refusals))
            return
        self._emit(Record(event))
        for outcome in outcomes:
            if isinstance(outcome, Created | Changed):
                ticket = self.helpdesk.ticket(outcome.ticket)
                if ticket is not None:
                    self._emit(TicketChanged(ticket))

    def _propose(self, action: TicketAction) -> None:
        """An article proposed for the coach: kept in any chat session, with a helpdesk
        system or without (then the engine checks it as the helpdesk would), beside the chat
        in front ('' before any)."""
        if action.chat and self._arrived(action.chat) is None:
            return
        event = TicketEvent(
            t=self._t, op=action.op, ticket=action.ticket, contact=action.chat,
            values=dict(action.values),
        )  # fmt: skip
        refusals = proposal_refusals(event.values)
        if refusals:
            self._emit(*(TicketRefused(r.code, r.field) for r in refusals))
            return
        if self.helpdesk is not None:
            self.helpdesk.apply(event)  # (its proposals as a replay of the journal has them)
        self._emit(Record(event))

    def _end(self) -> None:
        if any(not (p.done or p.left) for p in self.chats.values()):
            self._emit(Refuse("chats_open"))
            return
        self.finished = True
        self._emit(Finish())
