"""Chat sessions (kind ``chat``): written contact with up to three customers at once.

A chat session is data, checked before it runs (``trainer.core.chat_checks``): per customer a
conversation (``Chat``) with the record the screen shows, the form fields a good operator fills
in, the customer's patience and their messages in order. The first message comes ``at`` a time
on the session clock; each next one ``delay`` seconds after the previous one when that asks no
reply, else ``delay`` seconds after the trainee's first reply to it. A customer who waits for a
reply sends a nudge after ``patience.nudge_after`` seconds and leaves after ``leave_after``.

What a good reply holds is named per customer message (``reply``): the facts (as a call's notes
have them, ``trainer.core.facts``), the politeness markers (greeting, thanks, apology, closing:
the exercise lists the phrasings that count for each in its language), and the time it must come
in. A greeting counts where it opens the reply and a closing where it ends it
(``find_marker``): the Dutch greeting 'dag' in a closing 'nog een fijne dag' is no greeting.
Canned responses (``templates``) have placeholders filled from the chat's record and fields
(``{naam}``, ``{klantnummer}``, ...). Screen messages (a colleague, an alert, a record change)
come on a timeline as in a call (``ScreenMessage``). With a ``helpdesk:`` (the queue's ticket
system) a chat can expect a ticket (``ticket``), made while the customer writes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from trainer.core.exercise import DEFAULT_MARGIN, ExerciseBase
from trainer.core.facts import phrase_spans
from trainer.core.helpdesk import HelpdeskConfig
from trainer.core.queue_scenario import Handling
from trainer.core.scenario import (
    MAX_CALL_SECONDS,
    MAX_WAIT_SECONDS,
    CustomerRecord,
    Fact,
    FormField,
    Identifier,
    ScreenMessage,
    _Strict,
)

Marker = Literal["greeting", "thanks", "apology", "closing"]
MARKERS: tuple[Marker, ...] = ("greeting", "thanks", "apology", "closing")
MAX_CHATS = 3
# where a marker belongs in a reply: a greeting starts among its first words (after a 'ja,'
# or 'oké,'), a closing ends among its last (before a name: 'nog een fijne dag, mevrouw Peeters')
GREETING_STARTS_WITHIN = 3
CLOSING_ENDS_WITHIN = 4
# the most conversations at once per level: one at level 1, two at 2-3, three at 4-5
CHATS_PER_LEVEL: dict[int, int] = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}

# what a template's placeholder takes from the chat's record, per language (a chat's form
# field ids are placeholders too: the value the trainee committed there); {ticket} is the
# number of the chat's ticket once made, in a session with a helpdesk system
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "nl": {
        "naam": "name",
        "klantnummer": "number",
        "adres": "address",
        "telefoon": "phone",
        "email": "email",
        "agent": "agent",
        "ticket": "ticket",
    },
    "fr": {
        "nom": "name",
        "numero_client": "number",
        "adresse": "address",
        "telephone": "phone",
        "email": "email",
        "agent": "agent",
        "ticket": "ticket",
    },
    "en": {
        "name": "name",
        "customer_number": "number",
        "address": "address",
        "phone": "phone",
        "email": "email",
        "agent": "agent",
        "ticket": "ticket",
    },
}
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")

Seconds = Annotated[float, Field(ge=0, le=MAX_CALL_SECONDS)]
Wait = Annotated[float, Field(gt=0, le=MAX_WAIT_SECONDS)]


class Reply(_Strict):
    """What a good reply to a customer's message holds, and when it must come: ``within``
    seconds of the message, the ``facts`` (in any wording), the politeness ``markers``.
    ``example`` is a model reply that holds them all (checked)."""

    within: Wait = 60.0
    facts: list[Fact] = Field(default_factory=list)
    markers: list[Marker] = Field(default_factory=list)
    example: Annotated[str, Field(min_length=1)]


class CustomerMessage(_Strict):
    """One message of the customer: ``at`` (the chat's first message only) or ``delay``
    seconds after the previous message (no reply asked) or after the trainee's reply to it."""

    id: Identifier
    text: Annotated[str, Field(min_length=1)]
    at: Seconds | None = None
    delay: Seconds = 0.0
    reply: Reply | None = None


class Patience(_Strict):
    """How long a customer waits for a reply: a ``nudge`` after ``nudge_after`` seconds, gone
    after ``leave_after`` (with ``leave`` as their last words, if any)."""

    nudge_after: Wait
    leave_after: Wait
    nudge: Annotated[str, Field(min_length=1)]
    leave: str = ""

    @model_validator(mode="after")
    def _nudge_first(self) -> Patience:
        if self.leave_after <= self.nudge_after:
            raise PydanticCustomError("leave_before_nudge", "leave_before_nudge")
        return self


class Chat(_Strict):
    """One customer's conversation: the record, the form, their patience and messages."""

    id: Identifier
    topic: Annotated[str, Field(min_length=1)]  # shown in the list of conversations
    customer: CustomerRecord
    fields: list[FormField] = Field(default_factory=list)
    patience: Patience
    messages: Annotated[list[CustomerMessage], Field(min_length=1)]
    # with the exercise's helpdesk: whether the chat ends in a ticket, and what it holds
    # (``new`` or ``none``, as a queue's handling of a contact; the requester is the record)
    ticket: Handling | None = None

    def message(self, message_id: str) -> CustomerMessage | None:
        """The message with this id, or None."""
        return next((m for m in self.messages if m.id == message_id), None)


class Template(_Strict):
    """A canned response: ``text`` with ``{placeholder}`` places (``PLACEHOLDERS``)."""

    id: Identifier
    title: Annotated[str, Field(min_length=1)]
    text: Annotated[str, Field(min_length=1)]


class ChatExercise(ExerciseBase):
    """A chat session: kind ``chat``."""

    kind: Literal["chat"]
    margin: Annotated[Decimal, Field(ge=0, le=1)] = DEFAULT_MARGIN  # spelling of the replies
    agent: str = ""  # the trainee's name in the chat ({agent})
    # the phrasings that count for each politeness marker, in the exercise's language
    politeness: dict[Marker, list[Annotated[str, Field(min_length=1)]]] = Field(
        default_factory=dict
    )
    # phrasings no reply may hold (the French "tu" where "vous" is due, a rude word)
    avoid: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    templates: list[Template] = Field(default_factory=list)
    chats: Annotated[list[Chat], Field(min_length=1, max_length=MAX_CHATS)]
    screen: list[ScreenMessage] = Field(default_factory=list)
    helpdesk: HelpdeskConfig | None = None  # the ticket system, when a chat ends in a ticket

    def chat(self, chat_id: str) -> Chat | None:
        """The conversation with this id, or None."""
        return next((c for c in self.chats if c.id == chat_id), None)

    def field(self, field_id: str) -> FormField | None:
        """The form field with this id (of any chat), or None."""
        return next((f for c in self.chats for f in c.fields if f.id == field_id), None)

    def chat_of_field(self, field_id: str) -> Chat | None:
        """The conversation whose form holds this field, or None."""
        return next((c for c in self.chats if any(f.id == field_id for f in c.fields)), None)


def find_marker(marker: Marker, phrasings: list[str], text: str) -> str | None:
    """The words of ``text`` that hold the politeness ``marker``, as typed (None: not there).
    A greeting counts at the start of the reply, a closing at its end; thanks and an apology
    anywhere."""
    spans, words = phrase_spans(phrasings, text)
    for first, last, typed in spans:
        if marker == "greeting" and first >= GREETING_STARTS_WITHIN:
            continue
        if marker == "closing" and last < words - CLOSING_ENDS_WITHIN:
            continue
        return typed
    return None


def event_id(chat: str, message: str) -> str:
    """A customer's message as the journal's scenario events name it: ``<chat>.<message>``."""
    return f"{chat}.{message}"


def nudge_id(chat: str, message: str) -> str:
    """A nudge while waiting for a reply to ``message``: ``<chat>.<message>.nudge``."""
    return f"{chat}.{message}.nudge"


def reply_box(chat: str) -> str:
    """The reply box of a chat as ``KeyEvent.field`` names it: ``chat:<id>``."""
    return f"chat:{chat}"


def fill(
    template: str,
    language: str,
    record: CustomerRecord,
    agent: str,
    fields: dict[str, str],
    ticket: str = "",
) -> str:
    """A template's text with its placeholders filled from the record, the agent's name, the
    fields committed (by id) and the chat's ticket number; a placeholder without a value stays
    as it is, so the trainee sees the gap."""
    places = PLACEHOLDERS.get(language, {})

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        attribute = places.get(name)
        if attribute == "agent":
            found = agent
        elif attribute == "ticket":
            found = ticket
        elif attribute is not None:
            found = str(getattr(record, attribute))
        else:
            found = fields.get(name, "")
        return found or match.group(0)

    return PLACEHOLDER.sub(value, template)
