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

A phone call with a recording (``Arrival.clip``) speaks when it is taken, as a call's customer
does: the engine asks the headset (``call_protocol.SoundInfo``) whether the clip can be heard
and plays it (``PlayClip``, journaled ``play``, then ``start`` and ``end`` as the headset
reports them, with the clip's length), or gives its words as a subtitle (a ``start`` marked
``subtitle``) when there is no headset or the clip cannot be read. One caller speaks at a time:
taking another call stops the first, whose words are then shown as text from where it was
cut. A headset lost mid-shift stops nothing of the shift (the queue keeps running, unlike a
call): the caller speaking is given as a subtitle from where the sound stopped, and told.
While the journal cannot be written the shift stands still, and the caller with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil
from typing import Literal

from trainer.core.call_protocol import SoundInfo
from trainer.core.helpdesk import Changed, Created, Helpdesk, Refused
from trainer.core.journal import ActionEvent, AudioEvent, DeskAction, ScenarioEvent, TicketEvent
from trainer.core.queue_protocol import (
    Action,
    ClipFinished,
    ClipHeard,
    ContactArrived,
    ContactShown,
    Effect,
    EndShift,
    Finish,
    HoldClip,
    JournalHeld,
    Notice,
    Pick,
    PlayClip,
    QueueRefusal,
    Record,
    Refuse,
    SlaNotice,
    SoundLost,
    StopClip,
    Tick,
    TicketAction,
    TicketChanged,
    TimerName,
)
from trainer.core.queue_scenario import Arrival, QueueExercise, start_events
from trainer.core.sla import DONE_STATUSES, Timer, to_ms

__all__ = [
    "Action",
    "ClipFinished",
    "ClipHeard",
    "ContactArrived",
    "ContactShown",
    "Effect",
    "EndShift",
    "Finish",
    "HoldClip",
    "JournalHeld",
    "Notice",
    "Pick",
    "PlayClip",
    "QueueEngine",
    "QueueRefusal",
    "Record",
    "Refuse",
    "SlaNotice",
    "SoundInfo",
    "SoundLost",
    "StopClip",
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
class _Speaking:
    """The caller heard in the headset now: their contact, their clip, and where the clip
    was heard from at what time (None: asked for, not heard yet)."""

    contact: str
    clip: str
    heard_at: float | None = None
    position: float = 0.0


@dataclass
class QueueEngine:
    """One shift's rules and state. Not thread-safe: one owner (the GUI thread in the app).
    ``sound`` is the headset (None: none at all, every caller shown as text)."""

    exercise: QueueExercise
    sound: SoundInfo | None = None
    arrived: dict[str, float] = field(default_factory=dict)  # contact -> when it came in
    picked: dict[str, float] = field(default_factory=dict)  # contact -> first taken
    current: str | None = None  # the contact on screen
    over: bool = False
    # a call with a recording, once taken: heard ('voice') or its words as text ('subtitle')
    voices: dict[str, Literal["voice", "subtitle"]] = field(default_factory=dict)
    speaking: _Speaking | None = None

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
            if isinstance(action, Pick | TicketAction | EndShift):  # (the headset's: ignored)
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
            case _:
                self._voice(action, t)
        return self._out

    def _voice(self, action: ClipHeard | ClipFinished | SoundLost | JournalHeld, t: float) -> None:
        """What the headset reports, and the shift standing still for its journal."""
        match action:
            case ClipHeard(position=position):
                self._clip_heard(position, t)
            case ClipFinished():
                self._clip_finished(t)
            case SoundLost(position=position):
                self._sound_lost(position, t)
            case JournalHeld(held=held):
                if self.speaking is not None:  # the caller waits with the shift
                    self._emit(HoldClip(held))

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
        first = contact not in self.picked
        if first:
            self.picked[contact] = t
            # a phone call is answered; any other contact is taken up (as a screen message is)
            action: DeskAction = "answered" if arrival.channel == "phone" else "acknowledged"
            self._emit(Record(ActionEvent(t=t, action=action, target=contact)))
        self.current = contact
        if first and arrival.clip is not None:
            self._answer_voice(contact, arrival.clip, t)
        else:
            self._show(arrival)

    def _show(self, arrival: Arrival) -> None:
        """The contact on screen, with how what its sender said is given."""
        theirs = tuple(
            ticket.number
            for ticket in self.helpdesk.tickets
            if ticket.requester == arrival.requester and ticket.status != "closed"
        )
        words: Literal["text", "voice", "subtitle"] = self.voices.get(arrival.id, "text")
        shown = ContactShown(arrival, self.exercise.customer(arrival.requester), theirs, words)
        self._emit(shown)

    # the caller's voice ------------------------------------------------------------------
    def _answer_voice(self, contact: str, clip: str, t: float) -> None:
        """A call with a recording answered: the caller speaks in the headset, or their
        words are shown when it cannot be heard (no headset, an unreadable clip)."""
        arrival = self.exercise.arrival(contact)
        assert arrival is not None
        self._cut_off(t)  # one caller at a time in the ear
        self._audio("play", clip, t)
        sound = self.sound
        if sound is not None and sound.hearable(clip):
            self.voices[contact] = "voice"
            self.speaking = _Speaking(contact, clip)
            self._show(arrival)
            self._emit(PlayClip(clip))
            return
        self.voices[contact] = "subtitle"
        self._audio("start", clip, t, subtitle=True)
        self._show(arrival)
        self._emit(Notice("no_sound"))

    def _cut_off(self, t: float) -> None:
        """The caller speaking falls silent (another call taken): from where they were, their
        words are given as text (shown when the trainee goes back to them)."""
        speaking = self.speaking
        if speaking is None:
            return
        self._emit(StopClip())
        self._to_subtitle(speaking, self._where(speaking, t), t)

    def _where(self, speaking: _Speaking, t: float) -> float:
        """Seconds into the clip the caller has come by ``t`` (as far as the engine knows:
        from where the headset said it was heard, at normal speed)."""
        if speaking.heard_at is None:
            return 0.0
        length = self._seconds(speaking.clip)
        return round(min(length, speaking.position + max(0.0, t - speaking.heard_at)), 4)

    def _to_subtitle(self, speaking: _Speaking, position: float, t: float) -> None:
        self.speaking = None
        self.voices[speaking.contact] = "subtitle"
        self._audio("start", speaking.clip, t, position, subtitle=True)

    def _clip_heard(self, position: float, t: float) -> None:
        speaking = self.speaking
        if speaking is not None:
            speaking.heard_at, speaking.position = t, position
            self._audio("start", speaking.clip, t, position)

    def _clip_finished(self, t: float) -> None:
        speaking, self.speaking = self.speaking, None
        if speaking is not None:
            self._audio("end", speaking.clip, t)

    def _sound_lost(self, position: float | None, t: float) -> None:
        """The headset went away: the shift goes on; the caller speaking is given as text
        from where the sound stopped, and the trainee is told."""
        speaking = self.speaking
        if speaking is not None:
            at = position if position is not None else self._where(speaking, t)
            self._to_subtitle(speaking, at, t)
            arrival = self.exercise.arrival(speaking.contact)
            if arrival is not None and self.current == speaking.contact:
                self._show(arrival)  # the rest of their words on screen now
        self._emit(Notice("sound_lost"))

    def _seconds(self, clip: str) -> float:
        return self.sound.seconds(clip) if self.sound is not None else 0.0

    def _audio(
        self,
        action: Literal["play", "start", "end"],
        clip: str,
        t: float,
        position: float = 0.0,
        *,
        subtitle: bool = False,
    ) -> None:
        """An audio line as a call journals it: a start gives the clip's length (so a score
        can tell when it would have ended) and whether it was read instead of heard."""
        start = action == "start"
        length = self._seconds(clip) if start and self.sound is not None else None
        underflows = self.sound.underflows() if self.sound is not None else 0
        event = AudioEvent(
            t=t,
            action=action,
            clip=clip,
            position=round(position, 4),
            underflows=underflows,
            length=round(length, 4) if length is not None else None,
            subtitle=True if start and subtitle else None,
        )
        self._emit(Record(event))

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
        if self.speaking is not None:  # the shift is over: the caller is cut off
            self.speaking = None
            self._emit(StopClip())
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
