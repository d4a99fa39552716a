"""One contact of a queue shift judged: what the trainee did for it (read from the replayed
helpdesk and the journal) against what a good handling expects, its SLA counted from its
arrival, and the picking order. ``trainer.core.queue_scoring`` puts the contacts together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from trainer.core.free_text import FactResult
from trainer.core.helpdesk import Helpdesk, Ticket
from trainer.core.journal import TicketEvent
from trainer.core.queue_scenario import LIVE_CHANNELS, Arrival, QueueExercise
from trainer.core.reasons import Reason, reason
from trainer.core.sla import Priority, timers, to_ms


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ContactResult(_Result):
    """One contact of the shift: when it came and was taken, what was expected and done."""

    id: str
    channel: str
    requester: str
    arrived_at: float  # when it was due: the customer's clock starts here
    shown_at: float | None  # when it appeared in the queue (None: never, the shift ended)
    picked_at: float | None
    done_at: float | None  # its last action
    handling: float | None  # from taking it to its last action
    handling_target: float
    expected_ticket: Literal["new", "existing", "none"]
    ticket: str | None  # the ticket the trainee handled it in
    no_ticket: bool  # judged to need none
    expected_priority: Priority | None
    priority: Priority | None
    expected_category: str | None
    category: str | None
    expected_team: str | None
    team: str | None
    expected_problem: str | None
    problem: str | None
    expected_close_code: str | None
    close_code: str | None
    inform: bool
    informed: bool
    response_used: float | None  # seconds from arrival to the response
    response_target: float | None
    resolution_used: float | None
    resolution_target: float | None
    facts: list[FactResult]
    reasons: list[Reason]
    # a call with a recording: its caller heard in the headset, or read (no sound, a lost
    # headset, cut off by another call taken); None: no recording, or never taken
    caller: Literal["heard", "read"] | None = None


def _texts(ticket: Ticket, since_ms: int) -> list[str]:
    """What was written on a ticket from ``since_ms`` on: subject (at creation), notes and the
    solution."""
    texts = []
    for entry in ticket.history:
        if entry.t_ms < since_ms:
            continue
        for key in ("subject", "note", "solution"):
            if entry.get(key):
                texts.append(entry.get(key))
    return texts


def _facts(arrival: Arrival, texts: list[str]) -> list[FactResult]:
    text = "\n".join(texts)
    results = []
    for fact in arrival.expect.facts:
        held = fact.held_in(text)
        results.append(
            FactResult(id=fact.id, name=fact.name, found=held is not None, as_typed=held)
        )
    return results


def _rank(queue: QueueExercise, arrival: Arrival) -> tuple[int, int, int] | None:
    """How urgent a contact is for picking: live first, then priority, then VIP (None: a
    contact that needs no ticket has no rank)."""
    priority = expected_priority(queue, arrival)
    if priority is None:
        return None
    customer = queue.customer(arrival.requester)
    vip = customer is not None and customer.vip
    return (0 if arrival.channel in LIVE_CHANNELS else 1, int(priority[1]), 0 if vip else 1)


def expected_priority(queue: QueueExercise, arrival: Arrival) -> Priority | None:
    expect = arrival.expect
    if expect.impact is not None and expect.urgency is not None:
        return queue.helpdesk.sla.priority(expect.impact, expect.urgency)
    if expect.existing is not None:
        start = next((t for t in queue.tickets if t.number == expect.existing), None)
        if start is not None:
            return queue.helpdesk.sla.priority(start.impact, start.urgency)
    return None


def picking(
    queue: QueueExercise, shown: dict[str, float], picked: dict[str, float]
) -> dict[str, Reason]:
    """Per contact taken out of order, the reason (with the most urgent one that waited)."""
    faults: dict[str, Reason] = {}
    for arrival in queue.arrivals:
        at = picked.get(arrival.id)
        rank = _rank(queue, arrival)
        if at is None or rank is None:
            continue
        waiting = [
            (other_rank, other.id)
            for other in queue.arrivals
            if other.id != arrival.id
            and shown.get(other.id, at + 1) <= at
            and picked.get(other.id, at + 1) > at
            and (other_rank := _rank(queue, other)) is not None
            and other_rank < rank
        ]
        if waiting:
            faults[arrival.id] = reason(
                "picked_out_of_order", contact=arrival.id, waiting=min(waiting)[1]
            )
    return faults


# one contact --------------------------------------------------------------------------------
class _Contact:
    """What the trainee did for one contact, read from the replayed helpdesk and the journal."""

    def __init__(
        self, queue: QueueExercise, arrival: Arrival, desk: Helpdesk, events: list[TicketEvent],
        shown: float | None,
    ) -> None:  # fmt: skip
        self.queue, self.arrival, self.desk = queue, arrival, desk
        expect = arrival.expect
        made = [t for t in desk.tickets if t.contact == arrival.id]
        self.created = made[0] if made else None
        self.twice = made[1:]  # tickets made again for the same contact: duplicates
        self.no_ticket = arrival.id in desk.no_ticket
        # its actions: every event naming it, and for a contact about an open ticket the
        # events on that ticket from the moment the contact appeared
        self.events = [
            e
            for e in events
            if e.contact == arrival.id
            or (
                expect.existing is not None
                and e.ticket == expect.existing
                and shown is not None
                and e.t >= shown
            )
        ]
        existing = desk.ticket(expect.existing) if expect.existing else None
        touched = any(e.ticket == expect.existing for e in self.events)
        self.worked = existing if existing is not None and touched else None
        self.ticket = self.created or self.worked

    def texts(self, shown: float | None) -> list[str]:
        if self.created is not None:
            return _texts(self.created, 0)
        if self.worked is not None and shown is not None:
            return _texts(self.worked, to_ms(shown))
        notes = [e.values.get("note", "") for e in self.events if e.op == "no_ticket"]
        return [n for n in notes if n]


def _sla(
    queue: QueueExercise, arrival: Arrival, ticket: Ticket | None, priority: Priority
) -> tuple[float, float, float | None, float | None]:
    """(response used, target, resolution used, target) in seconds from the arrival, measured
    at the shift's end at the latest."""
    target = queue.helpdesk.sla.target(priority)
    arrived, end = to_ms(arrival.at), to_ms(queue.shift)
    taken = None
    if ticket is not None:
        taken = next((ms for ms, status in ticket.statuses if status != "new"), None)
    response = (min(taken, end) if taken is not None else end) - arrived
    if arrival.expect.close_code is None:
        return response / 1000, float(target.response), None, None
    if ticket is None:
        resolution = end - arrived
    else:
        resolved = next((ms for ms, s in ticket.statuses if s in ("resolved", "closed")), end)
        at = min(resolved, end)
        used = timers(queue.helpdesk.sla, ticket.priority_at(at), ticket.statuses, at)
        resolution = used.resolution.used_ms + (ticket.created_ms - arrived)
    return response / 1000, float(target.response), resolution / 1000, float(target.resolution)


@dataclass(frozen=True)
class _Sla:
    """A contact's SLA from its arrival (seconds; None: not measured) and what it missed."""

    response: float | None = None
    response_target: float | None = None
    resolution: float | None = None
    resolution_target: float | None = None
    reasons: tuple[Reason, ...] = ()


def _sla_reasons(
    queue: QueueExercise, arrival: Arrival, ticket: Ticket | None, priority: Priority | None
) -> _Sla:
    """The SLA of a contact that needs a new ticket, against its expected priority."""
    if arrival.expect.ticket != "new" or priority is None:
        return _Sla()
    response, response_target, resolution, resolution_target = _sla(
        queue, arrival, ticket, priority
    )
    number = ticket.number if ticket is not None else None
    found = []
    if response > response_target:
        found.append(
            reason(
                "sla_response_breached",
                contact=arrival.id,
                ticket=number,
                used=response,
                target=response_target,
            )
        )
    if resolution is not None and resolution_target is not None and resolution > resolution_target:
        found.append(
            reason(
                "sla_resolution_breached",
                contact=arrival.id,
                ticket=number,
                used=resolution,
                target=resolution_target,
            )
        )
    return _Sla(response, response_target, resolution, resolution_target, tuple(found))


def judge_contact(
    queue: QueueExercise,
    arrival: Arrival,
    desk: Helpdesk,
    events: list[TicketEvent],
    shown: float | None,
    picked: float | None,
) -> ContactResult:
    expect = arrival.expect
    cid = arrival.id
    did = _Contact(queue, arrival, desk, events, shown)
    ticket = did.ticket
    number = ticket.number if ticket is not None else None
    reasons: list[Reason] = []
    wanted = expected_priority(queue, arrival)
    handled = bool(did.events)
    if not handled:
        reasons.append(reason("contact_not_handled", contact=cid))
    elif expect.ticket == "new" and did.created is None:
        reasons.append(reason("ticket_missing", contact=cid))
    elif expect.ticket != "new" and did.created is not None:
        reasons.append(
            reason(
                "ticket_not_needed",
                contact=cid,
                ticket=did.created.number,
                existing=expect.existing,
            )
        )
    first = did.created.number if did.created is not None else None
    for again in did.twice if expect.ticket == "new" else []:
        reasons.append(
            reason("ticket_not_needed", contact=cid, ticket=again.number, existing=first)
        )
    if handled and expect.ticket == "existing" and did.worked is None:
        reasons.append(reason("existing_not_updated", contact=cid, ticket=expect.existing))

    sla = _sla_reasons(queue, arrival, did.created, wanted)
    reasons += sla.reasons
    created = did.created
    if expect.ticket == "new" and created is not None:
        reasons += _triage_reasons(queue, arrival, created, wanted)
    informed = ticket is not None and any(ms >= to_ms(shown or 0.0) for ms in ticket.informed_ms)
    if expect.inform and handled and ticket is not None and not informed:
        reasons.append(reason("customer_not_informed", contact=cid, ticket=number))

    facts = _facts(arrival, did.texts(shown)) if handled else _facts(arrival, [])
    missing = [f.name for f in facts if not f.found]
    if missing and handled:
        reasons.append(reason("ticket_facts_missing", contact=cid, ticket=number, facts=missing))

    reasons += _live_reasons(queue, arrival, picked)
    done = max((e.t for e in did.events), default=None)
    handling = round(done - picked, 3) if done is not None and picked is not None else None
    norm = expect.handle_within or queue.handling_time
    if handling is not None and handling > norm:
        reasons.append(reason("contact_too_long", contact=cid, seconds=handling, norm=norm))

    return ContactResult(
        id=cid,
        channel=arrival.channel,
        requester=arrival.requester,
        arrived_at=arrival.at,
        shown_at=shown,
        picked_at=picked,
        done_at=done,
        handling=handling,
        handling_target=norm,
        expected_ticket=expect.ticket,
        ticket=number,
        no_ticket=did.no_ticket,
        expected_priority=wanted,
        priority=ticket.priority if ticket is not None else None,
        expected_category=expect.category,
        category=created.category if created is not None else None,
        expected_team=expect.team,
        team=(ticket.team or None) if ticket is not None else None,
        expected_problem=expect.problem,
        problem=(ticket.problem or None) if ticket is not None else None,
        expected_close_code=expect.close_code,
        close_code=(ticket.close_code or None) if ticket is not None else None,
        inform=expect.inform,
        informed=informed,
        response_used=sla.response,
        response_target=sla.response_target,
        resolution_used=sla.resolution,
        resolution_target=sla.resolution_target,
        facts=facts,
        reasons=reasons,
    )


def _live_reasons(queue: QueueExercise, arrival: Arrival, picked: float | None) -> list[Reason]:
    """A caller on the line or a customer in the chat taken after the norm, or never (while
    the shift lasted long enough for it)."""
    if arrival.channel not in LIVE_CHANNELS:
        return []
    norm = queue.answer_within
    if picked is None:
        if queue.shift - arrival.at <= norm:
            return []
        return [reason("live_contact_waited", contact=arrival.id, seconds=None, norm=norm)]
    waited = round(picked - arrival.at, 3)
    if waited <= norm:
        return []
    return [reason("live_contact_waited", contact=arrival.id, seconds=waited, norm=norm)]


def _triage_reasons(
    queue: QueueExercise, arrival: Arrival, ticket: Ticket, expected: Priority | None
) -> list[Reason]:
    """A new ticket's fields against the expected ones: data, priority, team, problem, the
    first line's resolution."""
    expect, cid, number = arrival.expect, arrival.id, ticket.number
    reasons: list[Reason] = []
    missing = [
        name
        for name, value in (
            ("requester", ticket.requester),
            ("subject", ticket.subject),
            ("note", " ".join(text for _, text in ticket.notes) + ticket.solution),
        )
        if not value.strip()
    ]
    if missing:
        reasons.append(reason("ticket_incomplete", contact=cid, ticket=number, missing=missing))
    if ticket.requester.strip() and ticket.requester.strip() != arrival.requester:
        reasons.append(
            reason(
                "requester_wrong",
                contact=cid,
                ticket=number,
                given=ticket.requester,
                expected=arrival.requester,
            )
        )
    if ticket.category != expect.category:
        reasons.append(
            reason(
                "category_wrong",
                contact=cid,
                ticket=number,
                given=ticket.category,
                expected=expect.category,
            )
        )
    if expected is not None and ticket.priority != expected:
        reasons.append(
            reason(
                "priority_wrong",
                contact=cid,
                ticket=number,
                given=ticket.priority,
                expected=expected,
            )
        )
    # at the first line (no team expected) the category's own routing is no mistake either
    first_line = queue.helpdesk.team_for(expect.category or "")
    team_right = ticket.team == (expect.team or "") or (
        expect.team is None and ticket.team == first_line
    )
    if not team_right:
        reasons.append(
            reason(
                "team_wrong",
                contact=cid,
                ticket=number,
                given=ticket.team or None,
                expected=expect.team,
            )
        )
    if (ticket.problem or None) != expect.problem:
        reasons.append(
            reason(
                "problem_not_linked",
                contact=cid,
                ticket=number,
                given=ticket.problem or None,
                expected=expect.problem,
            )
        )
    if expect.close_code is not None:
        if ticket.status not in ("resolved", "closed"):
            reasons.append(reason("not_resolved", contact=cid, ticket=number))
        elif ticket.close_code != expect.close_code:
            reasons.append(
                reason(
                    "ticket_close_code_wrong",
                    contact=cid,
                    ticket=number,
                    given=ticket.close_code,
                    expected=expect.close_code,
                )
            )
    return reasons
