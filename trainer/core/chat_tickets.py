"""A chat's ticket judged, when the session has a helpdesk system: the tickets the trainee made
for a conversation (replayed from the journal's ticket events) against what the chat expects
(``Chat.ticket``, a queue's ``Handling``), with the queue's reason codes (``contact`` is the
chat's id)."""

from __future__ import annotations

from trainer.core.chat_scenario import Chat, ChatExercise
from trainer.core.helpdesk import Helpdesk, Ticket
from trainer.core.journal import Journal, TicketEvent
from trainer.core.queue_scenario import Handling
from trainer.core.reasons import Reason, ReasonCode, reason
from trainer.core.scenario import Fact


def replayed(exercise: ChatExercise, journal: Journal) -> Helpdesk | None:
    """The helpdesk system as the journal left it (None: the session has none)."""
    if exercise.helpdesk is None:
        return None
    events = [e for e in journal.events if isinstance(e, TicketEvent)]
    return Helpdesk.replay(exercise.helpdesk, events)


def chat_ticket(desk: Helpdesk, chat: Chat) -> Ticket | None:
    """The first ticket made for the conversation."""
    return next((t for t in desk.tickets if t.contact == chat.id), None)


def ticket_reasons(exercise: ChatExercise, chat: Chat, desk: Helpdesk | None) -> list[Reason]:
    """What is wrong with the conversation's ticket: none where one was needed, one where none
    was, then what it holds."""
    expect = chat.ticket
    if expect is None or desk is None:
        return []
    ticket = chat_ticket(desk, chat)
    if expect.ticket != "new":
        if ticket is None:
            return []
        return [reason("ticket_not_needed", contact=chat.id, ticket=ticket.number, existing=None)]
    if ticket is None:
        return [reason("ticket_missing", contact=chat.id)]
    return [*_triage(exercise, chat.id, expect, desk, ticket), *_result(chat.id, expect, ticket)]


def _triage(
    exercise: ChatExercise, cid: str, expect: Handling, desk: Helpdesk, ticket: Ticket
) -> list[Reason]:
    """Category, priority (from the matrix), team and known problem."""
    number = ticket.number
    found: list[Reason] = []
    if ticket.category != expect.category:
        found.append(_wrong("category_wrong", cid, number, ticket.category, expect.category))
    if expect.impact is not None and expect.urgency is not None:
        wanted = desk.priority(expect.impact, expect.urgency)
        if ticket.priority != wanted:
            found.append(_wrong("priority_wrong", cid, number, ticket.priority, wanted))
    # at the first line (no team expected) the category's own routing is no mistake either
    config = exercise.helpdesk
    first_line = config.team_for(expect.category or "") if config is not None else None
    routed = expect.team is None and ticket.team == first_line
    if ticket.team != (expect.team or "") and not routed:
        found.append(_wrong("team_wrong", cid, number, ticket.team or None, expect.team))
    if (ticket.problem or None) != expect.problem:
        given = ticket.problem or None
        found.append(_wrong("problem_not_linked", cid, number, given, expect.problem))
    return found


def _result(cid: str, expect: Handling, ticket: Ticket) -> list[Reason]:
    """Resolved with its close code, its texts holding the facts, the customer informed."""
    number = ticket.number
    found: list[Reason] = []
    if expect.close_code is not None:
        if ticket.status not in ("resolved", "closed"):
            found.append(reason("not_resolved", contact=cid, ticket=number))
        elif ticket.close_code != expect.close_code:
            given, wanted = ticket.close_code, expect.close_code
            found.append(_wrong("ticket_close_code_wrong", cid, number, given, wanted))
    text = _texts(ticket)
    missing = [fact.name for fact in expect.facts if not _holds(fact, text)]
    if missing:
        found.append(reason("ticket_facts_missing", contact=cid, ticket=number, facts=missing))
    if expect.inform and not ticket.customer_informed:
        found.append(reason("customer_not_informed", contact=cid, ticket=number))
    return found


def _wrong(
    code: ReasonCode, contact: str, ticket: str, given: str | None, expected: str | None
) -> Reason:
    return reason(code, contact=contact, ticket=ticket, given=given, expected=expected)


def _texts(ticket: Ticket) -> str:
    """Everything written on the ticket: subject, notes, solution."""
    parts = [entry.get(key) for entry in ticket.history for key in ("subject", "note", "solution")]
    return "\n".join(p for p in parts if p)


def _holds(fact: Fact, text: str) -> bool:
    return fact.held_in(text) is not None
