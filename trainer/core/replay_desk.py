"""The replay of a queue shift and of a chat session: the desk at any moment of the session.

``queue_replay_of(exercise, journal, result)`` (here) keeps, per time on the session clock, the
contacts that came in and were taken, the tickets as the helpdesk held them after each of the
trainee's actions (``Helpdesk.replay`` step by step, from the tickets open at the start), and
what was being typed into the ticket form; ``QueueReplay.queue_at(t)`` answers by bisection,
each ticket with both SLA timers at ``t``. ``chat_replay_of`` keeps each conversation's
messages (the customer's from the scenario events, the trainee's replies as sent), each reply
box's text as typed and the customers who left; ``ChatReplay.chats_at(t)``
(``trainer.core.replay_chat``, with the helpers here).

Both are a ``Replay`` (``trainer.core.replay``): the same clock, sounds (a phone contact's clip
journaled as a call's), screen messages and marks, so the replay window's keys work on them.
The marks: each contact's arrival or customer's message, each action of the trainee (a
contact taken, an action on a ticket, a reply sent), and each reason of the score that
belongs to a moment (an SLA breached, a wrong team, a late reply, a customer who left...),
carried as the ``Reason`` itself for the UI to word.

Limits: text is taken as typed at the end of its box (as the scorer reads keys), a canned
response too (journaled ``inserted``; in a journal written before that, the box shows the keys
only); the ticket form's text is the keys typed into each field since the last action carried
out on a ticket (a ticket opened from the list, which is not journaled, does not clear it).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from trainer.core.helpdesk import Ticket
from trainer.core.journal import (
    ActionEvent,
    Journal,
    KeyEvent,
    ScenarioEvent,
    TicketEvent,
)
from trainer.core.queue_engine import opening_helpdesk
from trainer.core.queue_scenario import QueueExercise
from trainer.core.queue_scoring import QueueResult
from trainer.core.reasons import Reason
from trainer.core.replay import (
    Replay,
    ReplayMark,
    _customer,
    _Keys,
    _trainee,
)
from trainer.core.sla import DONE_STATUSES, PAUSED_STATUSES, Timers, timers, to_ms

# the ticket form's inputs whose text is typed (the others are choices)
TYPED_FIELDS = ("ticket.requester", "ticket.subject", "ticket.note", "ticket.solution")
# a target is breached once more than it is used (the timers count whole milliseconds): its
# mark stands at the first millisecond over it, where the ticket shows it breached
BREACH_AFTER = 0.001
# a reason's ticket field -> the values of an action that set it (its mark: that action)
_SET_BY: dict[str, tuple[str, ...]] = {
    "team_wrong": ("team",),
    "priority_wrong": ("impact", "urgency"),
    "category_wrong": ("category",),
    "requester_wrong": ("requester",),
    "problem_not_linked": ("problem",),
    "ticket_close_code_wrong": ("close_code",),
}


class Texts:
    """Inputs typed into, each as the text it held after every key (and emptied at a reset):
    the text at ``t`` by bisection."""

    def __init__(self) -> None:
        self._now: dict[str, list[str]] = {}
        self._times: dict[str, list[float]] = {}
        self._texts: dict[str, list[str]] = {}

    def key(self, name: str, key: KeyEvent) -> None:
        chars = self._now.setdefault(name, [])
        if key.key == "Backspace":
            if chars:
                chars.pop()
        elif key.key is None:
            chars.extend(unicodedata.normalize("NFC", key.text or ""))
        # Delete removes nothing: the cursor stays at the end (as the scorer reads it)
        self._add(name, key.t, "".join(chars))

    def insert(self, name: str, t: float, text: str) -> None:
        """Text put in whole (a canned response), at the end as keys are."""
        chars = self._now.setdefault(name, [])
        chars.extend(unicodedata.normalize("NFC", text))
        self._add(name, t, "".join(chars))

    def reset(self, name: str, t: float) -> None:
        if self._now.get(name):
            self._now[name] = []
            self._add(name, t, "")

    def _add(self, name: str, t: float, text: str) -> None:
        self._times.setdefault(name, []).append(t)
        self._texts.setdefault(name, []).append(text)

    def at(self, name: str, t: float) -> str:
        n = bisect_right(self._times.get(name, []), t)
        return self._texts[name][n - 1] if n else ""

    def names(self) -> list[str]:
        return list(self._times)


def unique_reasons(competences_reasons: list[list[Reason]]) -> list[Reason]:
    """Every reason once, in order (a reason counts against several competences)."""
    out: list[Reason] = []
    for reasons in competences_reasons:
        for r in reasons:
            if r not in out:
                out.append(r)
    return out


def reason_mark(t: float, r: Reason) -> ReplayMark:
    where = str(r.params.get("contact") or r.params.get("chat") or "")
    return ReplayMark(t, "reason", r.code, where, str(r.params.get("ticket") or ""), reason=r)


# the queue -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TicketAt:
    """A ticket as the helpdesk held it at a moment, with both SLA timers then."""

    ticket: Ticket
    timers: Timers


@dataclass(frozen=True)
class QueueState:
    """The queue at one moment: the contacts ``arrived`` (in the order they came), ``waiting``
    (arrived, not taken) and ``taken`` (each with when), ``current`` the contact last taken
    up or worked on, the tickets, ``ticket`` the one last acted on (the form showed it), and
    ``typed`` each ticket-form input's text typed since the last action on a ticket."""

    t: float
    arrived: tuple[tuple[str, float], ...]
    waiting: tuple[str, ...]
    taken: tuple[tuple[str, float], ...]
    current: str | None
    tickets: tuple[TicketAt, ...]
    ticket: str | None
    typed: dict[str, str]


class QueueReplay(Replay):
    """A queue shift to scrub through; make it with ``queue_replay_of``."""

    def __init__(
        self,
        exercise: QueueExercise,
        arrivals: list[tuple[float, str]],
        taken: list[tuple[float, str]],
        desk_times: list[float],
        desks: list[tuple[tuple[Ticket, ...], str | None, str | None]],
        typed: Texts,
        **replay: Any,
    ) -> None:
        super().__init__(**replay)
        self.exercise = exercise
        self._arrivals = arrivals
        self._arrival_times = [t for t, _ in arrivals]
        self._taken = taken
        self._taken_times = [t for t, _ in taken]
        self._desk_times = desk_times
        self._desks = desks
        self._typed = typed

    def queue_at(self, t: float) -> QueueState:
        """The queue at ``t`` (clamped to the session)."""
        t = min(max(t, 0.0), self.duration)
        arrived = tuple((c, at) for at, c in self._arrivals[: bisect_right(self._arrival_times, t)])
        taken = tuple((c, at) for at, c in self._taken[: bisect_right(self._taken_times, t)])
        took = {c for c, _ in taken}
        n = max(0, bisect_right(self._desk_times, t) - 1)
        tickets, last, contact = self._desks[n]
        last_taken = taken[-1] if taken else None
        current = contact
        if last_taken is not None and (n == 0 or last_taken[1] >= self._desk_times[n]):
            current = last_taken[0]
        sla = self.exercise.helpdesk.sla
        at = to_ms(t)
        return QueueState(
            t=t,
            arrived=arrived,
            waiting=tuple(c for c, _ in arrived if c not in took),
            taken=taken,
            current=current,
            tickets=tuple(
                TicketAt(k, timers(sla, k.priority_at(at), k.statuses, at)) for k in tickets
            ),
            ticket=last,
            typed={name: self._typed.at(name, t) for name in TYPED_FIELDS},
        )


def _resolution_breach(ticket: Ticket, goal_ms: int) -> float | None:
    """When the resolution timer of ``ticket`` (as it ended) used ``goal_ms``: time in new or
    open counts, pending, on hold, resolved or closed does not."""
    used = 0
    spells = [*ticket.statuses[1:], (None, "new")]
    for (start, status), (end, _) in zip(ticket.statuses, spells, strict=True):
        if status in PAUSED_STATUSES or status in DONE_STATUSES:
            continue
        if end is None or used + (end - start) >= goal_ms:
            return (start + max(0, goal_ms - used)) / 1000
        used += end - start
    return None


def _queue_marks(
    exercise: QueueExercise,
    result: QueueResult,
    events: list[TicketEvent],
    final: dict[str, Ticket],
    duration: float,
) -> list[ReplayMark]:
    """Each reason of a contact at its moment: an SLA target at the moment it was missed
    (counted from the contact's arrival, as the score counts it), a wrong value at the action
    that set it, any other at the contact's last action (or when it was taken, or came)."""
    contacts = {c.id: c for c in result.contacts}
    marks: list[ReplayMark] = []
    for r in result.reasons:
        contact = str(r.params.get("contact") or "")
        number = str(r.params.get("ticket") or "")
        c = contacts.get(contact)
        if c is None and not number:
            continue  # the shift's own reasons (spelling, not completed): no one moment
        arrived = c.arrived_at if c is not None else 0.0
        target = float(r.params.get("target") or 0)  # type: ignore[arg-type]
        t: float | None = None
        if r.code == "sla_response_breached":
            t = arrived + target + BREACH_AFTER
        elif r.code == "sla_resolution_breached":
            ticket = final.get(number)
            if ticket is not None:
                ahead = ticket.created_ms - to_ms(arrived)  # counted from the arrival
                t = _resolution_breach(ticket, to_ms(target) - ahead)
            t = (arrived + target if t is None else t) + BREACH_AFTER
        elif r.code == "live_contact_waited":
            t = arrived + float(r.params.get("norm") or 0)  # type: ignore[arg-type]
        elif r.code in _SET_BY:
            keys = _SET_BY[r.code]
            t = max(
                (e.t for e in events if e.ticket == number and any(k in e.values for k in keys)),
                default=None,
            )
        if t is None and c is not None:
            t = c.done_at or c.picked_at or c.arrived_at
        marks.append(reason_mark(min(t if t is not None else duration, duration), r))
    return marks


def queue_replay_of(exercise: QueueExercise, journal: Journal, result: QueueResult) -> QueueReplay:
    """The replay of a shift: ``result`` is ``score(exercise, journal)`` or the stored one."""
    duration = max(result.duration, max((e.t for e in journal.events), default=0.0))
    desk = opening_helpdesk(exercise)
    arrivals: list[tuple[float, str]] = []
    taken: list[tuple[float, str]] = []
    desk_times: list[float] = [0.0]
    desks: list[tuple[tuple[Ticket, ...], str | None, str | None]] = [(desk.tickets, None, None)]
    events: list[TicketEvent] = []
    typed = Texts()
    marks: list[ReplayMark] = []
    for e in journal.events:
        if isinstance(e, ScenarioEvent) and exercise.arrival(e.event) is not None:
            arrival = exercise.arrival(e.event)
            arrivals.append((e.t, e.event))
            channel = arrival.channel if arrival is not None else ""
            marks.append(ReplayMark(e.t, "arrival", e.event, channel))
        elif isinstance(e, ActionEvent) and e.action in ("answered", "acknowledged"):
            taken.append((e.t, e.target))
            marks.append(ReplayMark(e.t, "action", "taken", e.target))
            for name in TYPED_FIELDS:  # a contact taken: a new form
                typed.reset(name, e.t)
        elif isinstance(e, KeyEvent) and e.field in TYPED_FIELDS:
            typed.key(e.field, e)
        elif isinstance(e, TicketEvent):
            desk.apply(e)  # (journaled only when carried out: it is again)
            events.append(e)
            marks.append(ReplayMark(e.t, "action", e.op, e.ticket, e.contact))
            number = e.ticket if e.op != "no_ticket" else None
            desk_times.append(e.t)
            desks.append((desk.tickets, number, e.contact or None))
            for name in TYPED_FIELDS:  # the form shows the ticket as it now stands
                typed.reset(name, e.t)
    final = {k.number: k for k in desk.tickets}
    marks += _queue_marks(exercise, result, events, final, duration)
    sounds = _customer(journal, duration) + _trainee(journal, duration)
    return QueueReplay(
        exercise, arrivals, taken, desk_times, desks, typed,
        duration=duration, keys=_Keys(), commits={}, shown=[], sounds=sounds, marks=marks,
    )  # fmt: skip
