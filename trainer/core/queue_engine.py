"""A shift in a helpdesk queue as a state machine, without Qt: what each action may do when.

``QueueEngine.handle(action, t)`` takes what happened at session time ``t`` (time passing, a
contact taken, an action in the helpdesk system, the end of the shift) and gives back the
effects, in order: journal this event, show this contact, refresh this ticket, tell this SLA
warning or breach, refuse with this code, end. The Qt controller turns keys into actions and
effects into widgets; it decides nothing itself. So a whole shift, its journal and its score
can be driven in ``tests/core`` by a simulated operator.

Every action first lets time pass to ``t``: the contacts due by then arrive (each journaled
as a ``ScenarioEvent`` with the time it was due), the SLA timers that crossed a line (a coming
breach, a breach) are told once each, and at the shift's end (``shift`` seconds) the engine
finishes with ``time_up``; after that it refuses everything. The tickets are the
``trainer.core.helpdesk.Helpdesk``'s, begun from the tickets open at the start
(``queue_scenario.start_events``); the trainee's actions go to it as the journal's
``TicketEvent``s and are journaled only when it carried them out, so the journal replays to
the same tickets. Deterministic: the same actions at the same times give the same effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil
from typing import Literal

from trainer.core.helpdesk import Changed, Created, Helpdesk, Refused
from trainer.core.journal import ActionEvent, DeskAction, ScenarioEvent, TicketEvent
from trainer.core.queue_protocol import (
    Action,
    ContactArrived,
    ContactShown,
    Effect,
    EndShift,
    Finish,
    Pick,
    QueueRefusal,
    Record,
    Refuse,
    SlaNotice,
    Tick,
    TicketAction,
    TicketChanged,
    TimerName,
)
from trainer.core.queue_scenario import Arrival, QueueExercise, start_events
from trainer.core.sla import DONE_STATUSES, Timer, to_ms

__all__ = [
    "Action",
    "ContactArrived",
    "ContactShown",
    "Effect",
    "EndShift",
    "Finish",
    "Pick",
    "QueueEngine",
    "QueueRefusal",
    "Record",
    "Refuse",
    "SlaNotice",
    "Tick",
    "TicketAction",
    "TicketChanged",
    "TimerName",
    "opening_helpdesk",
]


def opening_helpdesk(exercise: QueueExercise) -> Helpdesk:
    """The helpdesk system as the shift finds it: the tickets open at the start."""
    desk = Helpdesk(exercise.helpdesk)
    for event in start_events(exercise):
        desk.apply(event)
    return desk


@dataclass
class QueueEngine:
    """One shift's rules and state. Not thread-safe: one owner (the GUI thread in the app)."""

    exercise: QueueExercise
    arrived: dict[str, float] = field(default_factory=dict)  # contact -> when it came in
    picked: dict[str, float] = field(default_factory=dict)  # contact -> first taken
    current: str | None = None  # the contact on screen
    over: bool = False

    def __post_init__(self) -> None:
        self.helpdesk = opening_helpdesk(self.exercise)
        order = {a.id: i for i, a in enumerate(self.exercise.arrivals)}
        self._coming: list[Arrival] = sorted(
            self.exercise.arrivals, key=lambda a: (a.at, order[a.id])
        )
        self._told: dict[tuple[str, TimerName], str] = {}  # the last SLA state told
        self._out: list[Effect] = []
        self._now = 0.0  # the latest time handled

    # the one entry ---------------------------------------------------------------------------
    def handle(self, action: Action, t: float) -> list[Effect]:
        """What ``action`` at session time ``t`` does: the effects, in order."""
        self._out = []
        if self.over:
            if not isinstance(action, Tick):
                self._refuse("shift_over")
            return self._out
        self._pass_time(t)
        if self.over:
            return self._out
        match action:
            case Tick():
                pass
            case Pick(contact=contact):
                self._pick(contact, t)
            case TicketAction():
                self._ticket(action, t)
            case EndShift():
                self._finish("finished")
        return self._out

    def next_due(self) -> float | None:
        """When something happens next without the trainee: a contact arrives, an SLA timer
        crosses a line, the shift ends (None once the shift is over)."""
        if self.over:
            return None
        times = [self.exercise.shift]
        if self._coming:
            times.append(self._coming[0].at)
        times += self._sla_lines()
        return min(times)

    @property
    def waiting(self) -> list[str]:
        """The contacts that came in and were not taken yet, in order of arrival."""
        return [c for c in self.arrived if c not in self.picked]

    # time --------------------------------------------------------------------------------
    def _pass_time(self, t: float) -> None:
        shift = self.exercise.shift
        self._now = max(self._now, min(t, shift))
        while self._coming and self._coming[0].at <= min(t, shift):
            arrival = self._coming.pop(0)
            self.arrived[arrival.id] = t
            self._emit(Record(ScenarioEvent(t=t, event=arrival.id, due=arrival.at)))
            self._emit(ContactArrived(arrival, self.exercise.customer(arrival.requester)))
        self._tell_sla(min(t, shift))
        if t >= shift:
            self._finish("time_up")

    def _tell_sla(self, t: float) -> None:
        """Each SLA timer that became a warning or a breach since last told, once."""
        for ticket in self.helpdesk.tickets:
            if ticket.status in DONE_STATUSES:
                continue
            timers = self.helpdesk.sla(ticket.number, t)
            named: tuple[tuple[TimerName, Timer], ...] = (
                ("response", timers.response),
                ("resolution", timers.resolution),
            )
            for name, timer in named:
                key = (ticket.number, name)
                before = self._told.get(key)
                self._told[key] = timer.status
                if timer.status in ("warning", "breached") and timer.status != before:
                    status: Literal["warning", "breached"] = (
                        "warning" if timer.status == "warning" else "breached"
                    )
                    self._emit(SlaNotice(ticket.number, name, status))

    def _sla_lines(self) -> list[float]:
        """When running timers next cross a line (their warning, their breach), if nothing
        changes before: always after the last time handled."""
        warn = Fraction(self.exercise.helpdesk.sla.warn_at)
        now_ms = to_ms(self._now)
        lines: list[float] = []
        for ticket in self.helpdesk.tickets:
            if ticket.status in DONE_STATUSES:
                continue
            timers = self.helpdesk.sla(ticket.number, self._now)
            for timer in (timers.response, timers.resolution):
                lines += [ms / 1000 for ms in _timer_lines(timer, now_ms, warn)]
        return lines

    # the trainee -------------------------------------------------------------------------
    def _pick(self, contact: str, t: float) -> None:
        arrival = self.exercise.arrival(contact)
        if arrival is None or contact not in self.arrived:
            self._refuse("not_arrived")
            return
        if contact not in self.picked:
            self.picked[contact] = t
            # a phone call is answered; any other contact is taken up (as a screen message is)
            action: DeskAction = "answered" if arrival.channel == "phone" else "acknowledged"
            self._emit(Record(ActionEvent(t=t, action=action, target=contact)))
        self.current = contact
        theirs = tuple(
            ticket.number
            for ticket in self.helpdesk.tickets
            if ticket.requester == arrival.requester and ticket.status != "closed"
        )
        self._emit(ContactShown(arrival, self.exercise.customer(arrival.requester), theirs))

    def _ticket(self, action: TicketAction, t: float) -> None:
        contact = action.contact
        if contact:
            if contact not in self.arrived:
                self._refuse("not_arrived")
                return
            if contact not in self.picked:
                self._refuse("not_picked")
                return
        values = {k: v for k, v in action.values.items()}
        number = action.ticket
        if action.op == "create":
            arrival = self.exercise.arrival(contact) if contact else None
            if arrival is not None and "channel" not in values:
                values["channel"] = arrival.channel  # the system knows how it came in
            number = self.helpdesk.next_number()  # journaled with the number it gets
        event = TicketEvent(t=t, op=action.op, ticket=number, contact=contact, values=values)
        outcomes = self.helpdesk.apply(event)
        refusals = [o for o in outcomes if isinstance(o, Refused)]
        if refusals:
            for refusal in refusals:
                self._emit(Refuse(refusal.code, refusal.field))
            return
        self._emit(Record(event))
        for outcome in outcomes:
            if isinstance(outcome, Created | Changed):
                self._emit(TicketChanged(outcome.ticket))
        self._tell_sla(t)

    # effects -----------------------------------------------------------------------------
    def _finish(self, reason: Literal["finished", "time_up"]) -> None:
        self.over = True
        self._emit(Finish(reason))

    def _refuse(self, code: QueueRefusal) -> None:
        self._emit(Refuse(code))

    def _emit(self, effect: Effect) -> None:
        self._out.append(effect)


def _timer_lines(timer: Timer, at_ms: int, warn: Fraction) -> list[int]:
    """When a timer measured at ``at_ms`` warns (``used`` reaches ``warn_at`` of its target)
    and breaches (one ms past its target), while it runs."""
    if timer.due_ms is None or timer.status == "breached":
        return []
    lines = [timer.due_ms + 1]
    warn_used = ceil(timer.target_ms * warn)
    if timer.used_ms < warn_used:
        lines.append(at_ms + warn_used - timer.used_ms)
    return lines
