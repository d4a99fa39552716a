"""Queue sessions (kind ``queue``): a shift of work at a helpdesk, as data checked before it runs.

A queue exercise is a simulated helpdesk system (``helpdesk:``, the ``HelpdeskConfig`` of
``trainer.core.helpdesk``: SLA matrix, teams, routing, categories, close codes, known problems),
the people who contact it (``customers``), the tickets already open when the shift starts
(``tickets``) and a timeline of ``arrivals``: an e-mail, a portal form, a chat or a phone call,
each at a time on the session clock, with the text the trainee reads (for a phone call what
the caller says, shown as a subtitle, and optionally the clip that says it). Each arrival says
what a good handling looks like (``expect``): a new ticket, work on an open one, or none; its
category, impact and urgency (so its priority through the matrix), the team it goes to, the
known problem it belongs to, the close code when the trainee resolves it, the facts its note
must hold, whether the customer must be told. The shift ends at ``shift`` seconds or when the
trainee ends it. ``trainer.core.queue_checks`` checks what the models alone cannot see.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from trainer.core.exercise import DEFAULT_MARGIN, ExerciseBase
from trainer.core.helpdesk import HelpdeskConfig
from trainer.core.journal import TicketEvent
from trainer.core.scenario import Article, Fact, Identifier, _Strict
from trainer.core.sla import Level

Channel = Literal["email", "portal", "chat", "phone"]
# the channels where a person waits on the line for an answer: picked before any mail
LIVE_CHANNELS: frozenset[str] = frozenset({"phone", "chat"})

# a shift compresses a working day into minutes: two hours is the longest a session runs
MAX_SHIFT_SECONDS = 7200.0


class Requester(_Strict):
    """Someone who contacts the helpdesk, as its user directory shows them. A ``vip`` (a
    director, a key account) is served first among equal priorities."""

    number: Annotated[str, Field(min_length=1, max_length=32)]
    name: Annotated[str, Field(min_length=1)]
    organisation: str = ""
    department: str = ""
    location: str = ""
    phone: str = ""
    email: str = ""
    vip: bool = False
    assets: list[str] = Field(
        default_factory=list
    )  # laptop, printer, phone numbers: what a note may name


class OpenTicket(_Strict):
    """A ticket already in the system when the shift starts. The helpdesk numbers tickets in
    order (``number_prefix``, ``first_number``): the tickets open at the start get the first
    numbers, in the order listed, and ``number`` must be the one it gets. Its SLA timers start
    with the shift."""

    number: Annotated[str, Field(min_length=1, max_length=32)]
    requester: str
    channel: Channel = "email"
    subject: Annotated[str, Field(min_length=1)]
    description: str = ""
    category: str
    impact: Level
    urgency: Level
    status: Literal["new", "open", "pending", "on_hold"] = "open"
    team: str | None = None
    problem: str | None = None


TicketHandling = Literal["new", "existing", "none"]


class Handling(_Strict):
    """What a good handling of one arrival looks like.

    ``ticket``: ``new`` (the contact needs a ticket of its own), ``existing`` (it is about the
    open ticket ``existing``: update it, no new one) or ``none`` (answered at once, no ticket:
    a question, a wrong address). For a new ticket: ``category``, ``impact`` and ``urgency``
    (the priority follows from the matrix), the ``team`` it is assigned to (None: the trainee
    solves it at the first line), ``problem`` the known problem to link it to, ``close_code``
    when the trainee resolves it. ``note`` is a model note or solution holding every ``facts``;
    ``inform``: the customer must be told (an action on its ticket marked customer informed;
    not with ``ticket: none``, where the answer itself tells them).
    ``handle_within``: seconds from picking the contact to its last action (else the
    exercise's ``handling_time``)."""

    ticket: TicketHandling = "new"
    existing: str | None = None
    category: str | None = None
    impact: Level | None = None
    urgency: Level | None = None
    team: str | None = None
    problem: str | None = None
    close_code: str | None = None
    note: str = ""
    facts: list[Fact] = Field(default_factory=list)
    inform: bool = False
    handle_within: Annotated[float, Field(gt=0, le=MAX_SHIFT_SECONDS)] | None = None

    @model_validator(mode="after")
    def _coherent(self) -> Handling:
        if (self.ticket == "existing") != (self.existing is not None):
            raise PydanticCustomError("existing_ticket_named", "existing_ticket_named")
        if self.ticket == "new" and None in (self.category, self.impact, self.urgency):
            raise PydanticCustomError("new_ticket_needs_triage", "new_ticket_needs_triage")
        if self.ticket != "new" and (
            self.category or self.impact or self.urgency or self.team or self.problem
        ):
            raise PydanticCustomError("triage_of_new_only", "triage_of_new_only")
        if self.inform and self.ticket == "none":
            # answering without a ticket is the answer itself: nothing to mark as told
            raise PydanticCustomError("inform_needs_ticket", "inform_needs_ticket")
        if self.facts and not self.note.strip():
            raise PydanticCustomError("facts_need_note", "facts_need_note")
        return self


class Arrival(_Strict):
    """A contact that comes in at ``at`` seconds of the shift: what the trainee reads
    (``subject``, ``text``; a phone call's ``text`` is what the caller says, its subtitle, and
    ``clip`` the recording of it), from whom (``requester``, a customer's number)."""

    id: Identifier
    at: Annotated[float, Field(ge=0, le=MAX_SHIFT_SECONDS)]
    channel: Channel
    requester: str
    subject: str = ""
    text: Annotated[str, Field(min_length=1)]
    clip: str | None = None
    expect: Handling

    @model_validator(mode="after")
    def _clip_on_phone(self) -> Arrival:
        if self.clip is not None and self.channel != "phone":
            raise PydanticCustomError("clip_phone_only", "clip_phone_only")
        return self


class QueueExercise(ExerciseBase):
    """A shift in a helpdesk queue: kind ``queue``."""

    kind: Literal["queue"]
    margin: Annotated[Decimal, Field(ge=0, le=1)] = DEFAULT_MARGIN  # the notes' spelling
    shift: Annotated[float, Field(ge=60, le=MAX_SHIFT_SECONDS)]
    handling_time: Annotated[float, Field(gt=0, le=MAX_SHIFT_SECONDS)] = 300.0
    # a caller on the line or a customer in the chat waits at most this long to be taken
    answer_within: Annotated[float, Field(gt=0, le=MAX_SHIFT_SECONDS)] = 60.0
    helpdesk: HelpdeskConfig
    customers: Annotated[list[Requester], Field(min_length=1)]
    tickets: list[OpenTicket] = Field(default_factory=list)
    arrivals: Annotated[list[Arrival], Field(min_length=1)]
    knowledge: list[Article] = Field(default_factory=list)

    def customer(self, number: str) -> Requester | None:
        """The customer with this number, or None."""
        return next((c for c in self.customers if c.number == number), None)

    def arrival(self, arrival_id: str) -> Arrival | None:
        """The arrival with this id, or None."""
        return next((a for a in self.arrivals if a.id == arrival_id), None)


def start_events(exercise: QueueExercise) -> list[TicketEvent]:
    """The tickets open at the start as the helpdesk's own actions at 0 s: the engine and the
    scoring both begin from them (they are the exercise's, not the trainee's: not journaled)."""
    events: list[TicketEvent] = []
    for ticket in exercise.tickets:
        values = {
            "category": ticket.category,
            "impact": ticket.impact,
            "urgency": ticket.urgency,
            "requester": ticket.requester,
            "channel": ticket.channel,
            "subject": ticket.subject,
            "status": "new" if ticket.status == "new" else "open",
        }
        if ticket.description:
            values["note"] = ticket.description
        if ticket.team:
            values["team"] = ticket.team
        if ticket.problem:
            values["problem"] = ticket.problem
        events.append(TicketEvent(t=0.0, op="create", ticket=ticket.number, values=values))
        if ticket.status in ("pending", "on_hold"):
            update: dict[str, str] = {"status": ticket.status}
            events.append(TicketEvent(t=0.0, op="update", ticket=ticket.number, values=update))
    return events
