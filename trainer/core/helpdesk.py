"""The simulated helpdesk system: an exercise's configuration, the tickets, and what may be done.

``HelpdeskConfig`` is what an exercise (queue, chat, call) embeds under ``helpdesk:``: its SLA
(``trainer.core.sla``), categories, teams and close codes (id -> the name shown), routing rules
(category -> the team that handles it) and known problems. ``Helpdesk(config)`` holds the
tickets and applies the journal's ``TicketEvent``s with ``apply(event)``: an allowed action
changes the tickets and answers ``Created``/``Changed``/``Recorded``; a forbidden one changes
nothing and answers one ``Refused(code, field)`` per reason (never an exception), as the call
engine's refusals do. ``sla(number, t)`` gives both timers of a ticket at session time ``t``.

Determinism: the same events in the same order give the identical state (``==``), so a journal
replays to the tickets the trainee saw (``Helpdesk.replay``). Ticket numbers are given by the
Helpdesk on ``create``, in order: ``INC0001``, ``INC0002``, ... (prefix and first number from the
config); a create event that names a number must name the one it gets (``wrong_number``), so a
journal written after the fact is checked against the replay.

What ``values`` may hold, per op (* required; texts are free, the others codes):
  create: category*, impact*, urgency*, requester, channel (default phone), subject, status
    (new or open, default new), team, problem, note, customer_informed
  update: requester, subject, category, impact, urgency, status (open, pending, on_hold), note,
    customer_informed — on a resolved ticket only note and customer_informed
  assign: team*, note, customer_informed — assigning a ``new`` ticket opens it (it was triaged)
  link: problem*, note, customer_informed
  resolve: close_code*, solution*, note, customer_informed
  close / reopen: note, customer_informed — only a resolved ticket is closed or reopened
  no_ticket: note (``contact`` names the contact that needs no ticket)
  propose_article: title*, body*, article (the id of an article it changes)
``customer_informed`` is ``true`` or ``false``: this action was told to the customer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Literal, cast, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from trainer.core.journal import TicketEvent, TicketOp
from trainer.core.sla import (
    LEVELS,
    Level,
    Priority,
    SlaConfig,
    TicketStatus,
    Timers,
    timers,
    to_ms,
)

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Channel = Literal["phone", "email", "chat", "portal"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)

RefusalCode = Literal[
    "unknown_ticket",  # no ticket has that number
    "wrong_number",  # a create that names another number than the one it gets
    "missing_field",  # a required value is absent or empty (``field`` names it)
    "unknown_field",  # a value this action does not take (``field``)
    "unknown_value",  # a code the exercise does not know: category, team, problem, ... (``field``)
    "status_not_allowed",  # a status jump a service desk forbids (``field`` = the status asked)
    "nothing_changed",  # an update without a value
    "ticket_resolved",  # only a note or 'customer informed' on a resolved ticket
    "ticket_closed",  # a closed ticket is final
    "not_resolved",  # close or reopen a ticket that is not resolved
    "no_contact",  # no_ticket without the contact it is about
    "contact_has_ticket",  # no_ticket for a contact that got a ticket
    "time_backwards",  # an action dated before the ticket's last one
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Problem(_Strict):
    """A known problem an incident can be linked to; ``symptoms`` are how users report it."""

    id: Identifier
    title: Annotated[str, Field(min_length=1)]
    symptoms: list[Annotated[str, Field(min_length=1)]] = []


Names = Annotated[dict[Identifier, Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class HelpdeskConfig(_Strict):
    """An exercise's helpdesk system (``helpdesk:``). Categories, teams and close codes map an
    id (what the journal holds) to the name the screen shows, in the exercise's language."""

    sla: SlaConfig = Field(default_factory=SlaConfig)
    categories: Names
    teams: Names
    routing: dict[Identifier, Identifier] = {}  # category -> team
    close_codes: Names
    problems: list[Problem] = []
    number_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")] = "INC"
    first_number: Annotated[int, Field(ge=1, le=9_999_999)] = 1

    @model_validator(mode="after")
    def _known(self) -> HelpdeskConfig:
        for category, team in self.routing.items():
            if category not in self.categories:
                raise PydanticCustomError(
                    "routing_unknown_category", "routing_unknown_category", {"id": category}
                )
            if team not in self.teams:
                raise PydanticCustomError(
                    "routing_unknown_team", "routing_unknown_team", {"id": team}
                )
        ids = [p.id for p in self.problems]
        for problem in ids:
            if ids.count(problem) > 1:
                raise PydanticCustomError(
                    "duplicate_problem_id", "duplicate_problem_id", {"id": problem}
                )
        return self

    def team_for(self, category: str) -> str | None:
        """The team the routing rules send this category to (None: no rule)."""
        return self.routing.get(category)

    def problem(self, problem_id: str) -> Problem | None:
        return next((p for p in self.problems if p.id == problem_id), None)


@dataclass(frozen=True)
class Entry:
    """One line of a ticket's history: an action at ``t_ms`` with the values it set."""

    t_ms: int
    op: TicketOp
    values: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str:
        return dict(self.values).get(key, "")


@dataclass(frozen=True)
class Ticket:
    """A ticket as it stands. Codes, not names: ``category``, ``team`` ('' unassigned),
    ``problem`` ('' not linked), ``close_code``. Times in milliseconds of the session clock.
    ``statuses`` and ``priorities`` are their changes in time order (the SLA timers' input);
    ``informed_ms`` the times an action was told to the customer."""

    number: str
    contact: str
    requester: str
    channel: Channel
    subject: str
    category: str
    impact: Level
    urgency: Level
    status: TicketStatus
    team: str
    problem: str
    close_code: str
    solution: str
    created_ms: int
    history: tuple[Entry, ...]
    statuses: tuple[tuple[int, TicketStatus], ...]
    priorities: tuple[tuple[int, Priority], ...]
    informed_ms: tuple[int, ...] = ()

    @property
    def priority(self) -> Priority:
        return self.priorities[-1][1]

    @property
    def customer_informed(self) -> bool:
        return bool(self.informed_ms)

    @property
    def notes(self) -> tuple[tuple[int, str], ...]:
        """The notes in time order: (time in ms, text)."""
        return tuple((e.t_ms, e.get("note")) for e in self.history if e.get("note"))

    def priority_at(self, at_ms: int) -> Priority:
        seen = [p for ms, p in self.priorities if ms <= at_ms]
        return seen[-1] if seen else self.priorities[0][1]


@dataclass(frozen=True)
class Refused:
    """The action changed nothing; ``code`` says why, ``field`` which value if one."""

    code: RefusalCode
    field: str = ""


@dataclass(frozen=True)
class Created:
    ticket: str


@dataclass(frozen=True)
class Changed:
    """A ticket changed: ``fields`` names what (value keys, and ``status`` if it moved)."""

    ticket: str
    op: TicketOp
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Recorded:
    """A contact marked as needing no ticket, or an article proposed for the coach."""

    op: Literal["no_ticket", "propose_article"]
    contact: str


Outcome = Created | Changed | Recorded | Refused


@dataclass(frozen=True)
class Proposal:
    """A new or changed knowledge-base article the trainee proposed, kept for the coach."""

    t_ms: int
    ticket: str
    contact: str
    title: str
    body: str
    article: str = ""


_INFORM = ("note", "customer_informed")
_ALLOWED: dict[TicketOp, tuple[str, ...]] = {
    "create": (
        "category", "impact", "urgency", "requester", "channel", "subject", "status", "team",
        "problem", *_INFORM,
    ),
    "update": ("requester", "subject", "category", "impact", "urgency", "status", *_INFORM),
    "assign": ("team", *_INFORM),
    "link": ("problem", *_INFORM),
    "resolve": ("close_code", "solution", *_INFORM),
    "close": _INFORM,
    "reopen": _INFORM,
    "no_ticket": ("note",),
    "propose_article": ("title", "body", "article"),
}  # fmt: skip
_REQUIRED: dict[TicketOp, tuple[str, ...]] = {
    "create": ("category", "impact", "urgency"),
    "assign": ("team",),
    "link": ("problem",),
    "resolve": ("close_code", "solution"),
    "propose_article": ("title", "body"),
}
# the statuses an update may move a ticket to, from each status
_MOVES: dict[TicketStatus, frozenset[TicketStatus]] = {
    "new": frozenset({"new", "open", "pending", "on_hold"}),
    "open": frozenset({"open", "pending", "on_hold"}),
    "pending": frozenset({"open", "pending", "on_hold"}),
    "on_hold": frozenset({"open", "pending", "on_hold"}),
    "resolved": frozenset(),
    "closed": frozenset(),
}


class Helpdesk:
    """The tickets of one session, changed only through ``apply``."""

    def __init__(self, config: HelpdeskConfig) -> None:
        self.config = config
        self._tickets: dict[str, Ticket] = {}
        self._counter = config.first_number
        self.no_ticket: dict[str, int] = {}  # contact -> when it was judged to need none (ms)
        self.proposals: list[Proposal] = []

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Helpdesk):
            return NotImplemented
        return (self.config, self._tickets, self._counter, self.no_ticket, self.proposals) == (
            other.config, other._tickets, other._counter, other.no_ticket, other.proposals,
        )  # fmt: skip

    __hash__ = None  # type: ignore[assignment]

    @classmethod
    def replay(cls, config: HelpdeskConfig, events: Iterable[TicketEvent]) -> Helpdesk:
        """The helpdesk after these events, refused ones changing nothing as they did live."""
        desk = cls(config)
        for event in events:
            desk.apply(event)
        return desk

    @property
    def tickets(self) -> tuple[Ticket, ...]:
        """Every ticket, in the order they were created."""
        return tuple(self._tickets.values())

    def ticket(self, number: str) -> Ticket | None:
        return self._tickets.get(number)

    def next_number(self) -> str:
        """The number the next create gets."""
        return f"{self.config.number_prefix}{self._counter:04d}"

    def priority(self, impact: Level, urgency: Level) -> Priority:
        return self.config.sla.priority(impact, urgency)

    def sla(self, number: str, t: float) -> Timers:
        """Both SLA timers of ticket ``number`` at session time ``t`` (seconds)."""
        ticket = self._tickets[number]
        at = to_ms(t)
        return timers(self.config.sla, ticket.priority_at(at), ticket.statuses, at)

    def apply(self, event: TicketEvent) -> list[Outcome]:
        """Validate the action and, if allowed, carry it out. Refusals change nothing."""
        refusals = self._check_values(event)
        if refusals:
            return list(refusals)
        at = to_ms(event.t)
        if event.op == "create":
            return self._create(event, at)
        if event.op == "no_ticket":
            return self._no_ticket(event, at)
        if event.op == "propose_article":
            self.proposals.append(
                Proposal(
                    at, event.ticket, event.contact, event.values["title"],
                    event.values["body"], event.values.get("article", ""),
                )
            )  # fmt: skip
            return [Recorded("propose_article", event.contact)]
        ticket = self._tickets.get(event.ticket)
        if ticket is None:
            return [Refused("unknown_ticket")]
        if at < ticket.history[-1].t_ms:
            return [Refused("time_backwards")]
        refused = self._check_move(ticket, event)
        if refused is not None:
            return [refused]
        return self._change(ticket, event, at)

    # -- checks ---------------------------------------------------------------------------

    def _check_values(self, event: TicketEvent) -> list[Refused]:
        values = event.values
        allowed = _ALLOWED[event.op]
        refusals = _field_refusals(event.op, values)
        missing = [k for k in _REQUIRED.get(event.op, ()) if not values.get(k, "").strip()]
        known: dict[str, Iterable[str]] = {
            "category": self.config.categories,
            "team": self.config.teams,
            "close_code": self.config.close_codes,
            "problem": [p.id for p in self.config.problems],
            "impact": LEVELS,
            "urgency": LEVELS,
            "channel": CHANNELS,
            "status": ("new", "open", "pending", "on_hold", "resolved", "closed"),
            "customer_informed": ("true", "false"),
        }
        refusals += [
            Refused("unknown_value", key)
            for key, value in values.items()
            if key in allowed
            and key in known
            and key not in missing
            and value
            and value not in known[key]
        ]
        if event.op == "update" and not values and not refusals:
            refusals.append(Refused("nothing_changed"))
        return refusals

    def _check_move(self, ticket: Ticket, event: TicketEvent) -> Refused | None:
        op, values = event.op, event.values
        if ticket.status == "closed":
            return Refused("ticket_closed")
        if op in ("close", "reopen"):
            return None if ticket.status == "resolved" else Refused("not_resolved")
        if ticket.status == "resolved":
            if op == "resolve":
                return Refused("status_not_allowed", "resolved")
            if op == "link" or (op == "update" and set(values) <= set(_INFORM)):
                return None
            return Refused("ticket_resolved")
        status = values.get("status")
        if op == "update" and status and status not in _MOVES[ticket.status]:
            return Refused("status_not_allowed", status)
        return None

    # -- changes --------------------------------------------------------------------------

    def _create(self, event: TicketEvent, at: int) -> list[Outcome]:
        values = event.values
        number = self.next_number()
        if event.ticket and event.ticket != number:
            return [Refused("wrong_number")]
        asked = values.get("status") or "new"
        if asked not in ("new", "open"):
            return [Refused("status_not_allowed", asked)]
        # a ticket assigned at creation was triaged: it is open (the response is given)
        status: TicketStatus = "open" if values.get("team") else cast(TicketStatus, asked)
        impact = cast(Level, values["impact"])
        urgency = cast(Level, values["urgency"])
        entry = Entry(at, "create", tuple(sorted(values.items())))
        self._tickets[number] = Ticket(
            number=number,
            contact=event.contact,
            requester=values.get("requester", ""),
            channel=cast(Channel, values.get("channel") or "phone"),
            subject=values.get("subject", ""),
            category=values["category"],
            impact=impact,
            urgency=urgency,
            status=status,
            team=values.get("team", ""),
            problem=values.get("problem", ""),
            close_code="",
            solution="",
            created_ms=at,
            history=(entry,),
            statuses=((at, status),),
            priorities=((at, self.priority(impact, urgency)),),
            informed_ms=(at,) if values.get("customer_informed") == "true" else (),
        )
        self._counter += 1
        self.no_ticket.pop(event.contact, None)
        return [Created(number)]

    def _no_ticket(self, event: TicketEvent, at: int) -> list[Outcome]:
        if not event.contact:
            return [Refused("no_contact")]
        if any(t.contact == event.contact for t in self._tickets.values()):
            return [Refused("contact_has_ticket")]
        self.no_ticket[event.contact] = at
        return [Recorded("no_ticket", event.contact)]

    def _change(self, ticket: Ticket, event: TicketEvent, at: int) -> list[Outcome]:
        values = dict(event.values)
        new: dict[str, object] = {}
        for key in ("requester", "subject", "category", "team", "problem", "close_code"):
            if key in values:
                new[key] = values[key]
        if "solution" in values:
            new["solution"] = values["solution"]
        for key in ("impact", "urgency"):
            if values.get(key):
                new[key] = values[key]
        status = _status_after(ticket.status, event)
        changed = [k for k, v in new.items() if getattr(ticket, k) != v]
        statuses = ticket.statuses
        if status is not None and status != ticket.status:
            new["status"] = status
            statuses = (*statuses, (at, status))
            changed.append("status")
        priorities = ticket.priorities
        impact = cast(Level, new.get("impact", ticket.impact))
        urgency = cast(Level, new.get("urgency", ticket.urgency))
        priority = self.priority(impact, urgency)
        if priority != ticket.priority:
            priorities = (*priorities, (at, priority))
            changed.append("priority")
        informed = ticket.informed_ms
        if values.get("customer_informed") == "true":
            informed = (*informed, at)
            changed.append("customer_informed")
        if values.get("note"):
            changed.append("note")
        entry = Entry(at, event.op, tuple(sorted(values.items())))
        self._tickets[ticket.number] = replace(
            ticket,
            **new,  # type: ignore[arg-type]
            history=(*ticket.history, entry),
            statuses=statuses,
            priorities=priorities,
            informed_ms=informed,
        )
        return [Changed(ticket.number, event.op, tuple(changed))]


def _status_after(status: TicketStatus, event: TicketEvent) -> TicketStatus | None:
    """The status an allowed action moves a ticket to (None: it stays)."""
    if event.op == "update" and event.values.get("status"):
        return cast(TicketStatus, event.values["status"])
    if event.op == "assign" and status == "new":
        return "open"  # routed to a team: it was triaged
    return {"resolve": "resolved", "close": "closed", "reopen": "open"}.get(event.op)  # type: ignore[return-value]


def _field_refusals(op: TicketOp, values: Mapping[str, str]) -> list[Refused]:
    """Values this action does not take, then the required ones absent or empty."""
    allowed = _ALLOWED[op]
    refusals = [Refused("unknown_field", key) for key in values if key not in allowed]
    missing = [k for k in _REQUIRED.get(op, ()) if not values.get(k, "").strip()]
    return refusals + [Refused("missing_field", key) for key in missing]


def proposal_refusals(values: Mapping[str, str]) -> list[Refused]:
    """Why an article proposal cannot be kept, as ``apply`` would say it: for a desk that
    journals one without a helpdesk system (a call, a chat without ``helpdesk:``)."""
    return _field_refusals("propose_article", values)


def refused(outcomes: Iterable[Outcome]) -> list[Refused]:
    """The refusals among an action's outcomes (empty: it was carried out)."""
    return [o for o in outcomes if isinstance(o, Refused)]


def values_of(ticket: Ticket) -> Mapping[str, str]:
    """A ticket's current fields as the codes and texts a ``TicketEvent`` would carry."""
    return {
        "requester": ticket.requester,
        "channel": ticket.channel,
        "subject": ticket.subject,
        "category": ticket.category,
        "impact": ticket.impact,
        "urgency": ticket.urgency,
        "status": ticket.status,
        "team": ticket.team,
        "problem": ticket.problem,
        "close_code": ticket.close_code,
        "solution": ticket.solution,
    }
