"""The words of a chat session between the screen and its engine: the actions (what the trainee
did, or that time passed) and the effects (what to journal and show).

``trainer.core.chat_engine`` decides; the Qt controller turns keys into these actions and these
effects into widgets, deciding nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from trainer.core.chat_scenario import Chat
from trainer.core.helpdesk import RefusalCode as TicketRefusal
from trainer.core.helpdesk import Ticket
from trainer.core.journal import (
    ActionEvent,
    ChatEvent,
    FieldEvent,
    KeyEvent,
    ScenarioEvent,
    TicketEvent,
    TicketOp,
)
from trainer.core.scenario import ScreenMessage


# actions: what happened ----------------------------------------------------------------------
@dataclass(frozen=True)
class Due:
    """The controller's timer (aimed at ``next_due()``), and the start: fire what is due."""


@dataclass(frozen=True)
class Open:
    """The trainee turned to a conversation (clicked it, Ctrl+1..3)."""

    chat: str


@dataclass(frozen=True)
class Type:
    """A key typed into an input: a reply box (``chat:<id>``, ``chat_scenario.reply_box``) or
    a form field (its id); ``text`` it produced, or the editing ``key`` it was."""

    field: str
    text: str | None = None
    key: Literal["Backspace", "Delete"] | None = None


@dataclass(frozen=True)
class InsertTemplate:
    """A canned response chosen for a conversation's reply box."""

    chat: str
    template: str


@dataclass(frozen=True)
class Send:
    """Enter in a reply box: ``text`` is the reply as it stands."""

    chat: str
    text: str


@dataclass(frozen=True)
class CommitField:
    """A form field left or confirmed with this value."""

    field_id: str
    value: str


@dataclass(frozen=True)
class Acknowledge:
    """A screen message answered (F9: ``event_id`` empty, the oldest waiting one)."""

    event_id: str = ""


@dataclass(frozen=True)
class TicketAction:
    """An action in the helpdesk system for a conversation (the exercise has a ``helpdesk:``):
    ``op`` with the ``values`` of the form (``trainer.core.helpdesk``); ``ticket`` the number
    it works on ('' for a create or no_ticket: the system gives the number). An article
    proposed (``propose_article``) is kept with a helpdesk system or without one, ``chat`` ''
    when proposed before any chat was opened."""

    chat: str
    op: TicketOp
    values: Mapping[str, str]
    ticket: str = ""


@dataclass(frozen=True)
class End:
    """The trainee ends the session (every conversation over)."""


Action = Due | Open | Type | InsertTemplate | Send | CommitField | Acknowledge | TicketAction | End


# effects: what to do ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Record:
    """Write this event to the journal."""

    event: KeyEvent | FieldEvent | ActionEvent | ScenarioEvent | ChatEvent | TicketEvent


@dataclass(frozen=True)
class ChatArrived:
    """A new conversation appears in the list (its customer's first message follows)."""

    chat: Chat


@dataclass(frozen=True)
class CustomerWrote:
    """A customer's message in a conversation: ``what`` is ``message`` (a timeline message,
    ``message_id``), ``nudge`` (waiting too long) or ``leave`` (their last words, may be
    empty: then nothing is shown but the state)."""

    chat: str
    text: str
    what: Literal["message", "nudge", "leave"]
    message_id: str = ""


@dataclass(frozen=True)
class AgentWrote:
    """The trainee's reply, as sent, in the conversation; the reply box is emptied."""

    chat: str
    text: str


@dataclass(frozen=True)
class InsertText:
    """Put ``text`` (a filled template) into the conversation's reply box at the cursor."""

    chat: str
    text: str


ChatStatus = Literal["new", "waiting", "impatient", "answered", "left", "done"]


@dataclass(frozen=True)
class ChatState:
    """A conversation's state for its row in the list: ``waiting`` since ``since`` (session
    time, for a running timer), ``impatient`` (nudged), ``answered`` (nothing waits),
    ``left`` (the customer gave up), ``done`` (their last message answered)."""

    chat: str
    status: ChatStatus
    since: float | None = None


@dataclass(frozen=True)
class Active:
    """The conversation now on screen: its transcript, record, form and reply box."""

    chat: str


@dataclass(frozen=True)
class ShowMessage:
    """A screen message appears (colleague, alert, record change, queue)."""

    event: ScreenMessage


@dataclass(frozen=True)
class MessageAnswered:
    """A screen message that waited for an answer got it."""

    event_id: str


@dataclass(frozen=True)
class FieldHint:
    """Under a field: the format of ``kind`` was not met (None: nothing to say)."""

    field_id: str
    kind: str | None


@dataclass(frozen=True)
class TicketChanged:
    """A ticket as it stands after an action carried out (created or changed)."""

    ticket: Ticket


@dataclass(frozen=True)
class TicketRefused:
    """The helpdesk system refused a ticket action and changed nothing: ``code`` says why,
    ``field`` which value (``trainer.core.helpdesk.RefusalCode``)."""

    code: TicketRefusal
    field: str = ""


RefusalCode = Literal[
    "no_such_chat",  # not (yet) in the list
    "customer_left",  # the customer is gone: no reply reaches them
    "empty_reply",
    "no_such_template",
    "no_such_field",
    "no_message_waiting",  # F9 with no screen message waiting
    "chats_open",  # End while a customer still waits or is still to come
    "no_helpdesk",  # a ticket action in a session without a helpdesk system
]


@dataclass(frozen=True)
class Refuse:
    """The action may not be done now; the code says why."""

    code: RefusalCode


@dataclass(frozen=True)
class Finish:
    """The session is over."""


Effect = (
    Record
    | ChatArrived
    | CustomerWrote
    | AgentWrote
    | InsertText
    | ChatState
    | Active
    | ShowMessage
    | MessageAnswered
    | FieldHint
    | TicketChanged
    | TicketRefused
    | Refuse
    | Finish
)
