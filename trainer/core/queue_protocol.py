"""The words of a queue shift between the screen and its engine: the actions (what the trainee
did, or time passing) and the effects (what to show, what to journal, why not).

``trainer.core.queue_engine`` decides; these are the closed sets it decides with, as
``call_protocol`` is for a call. The engine module re-exports every name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from trainer.core.journal import ActionEvent, AudioEvent, ScenarioEvent, TicketEvent, TicketOp
from trainer.core.queue_scenario import Arrival, Requester


# actions: what happened ----------------------------------------------------------------------
@dataclass(frozen=True)
class Tick:
    """Time passed (the controller's timer, aimed at ``next_due()``, or its poll): contacts
    that are due arrive, SLA timers that crossed a line are told, the shift may end."""


@dataclass(frozen=True)
class Pick:
    """The trainee takes a contact that has arrived (F2): reads the mail or form, answers the
    phone, opens the chat. Taking it again (to go back to it) only shows it again."""

    contact: str


@dataclass(frozen=True)
class TicketAction:
    """Something done in the helpdesk system (the ticket form): ``op`` on ``ticket`` (its
    number; '' to create) for ``contact`` (the arrival it answers; '' when working an open
    ticket), with ``values`` as the journal's ``TicketEvent`` holds them (codes for category,
    impact, urgency, status, team, problem, close_code, customer_informed 'yes'; texts for
    note and solution)."""

    op: TicketOp
    ticket: str = ""
    contact: str = ""
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class EndShift:
    """The trainee ends the shift (the screen asked first)."""


@dataclass(frozen=True)
class ClipHeard:
    """The headset reports the caller's clip heard from ``position`` seconds into it at ``t``
    (when it reached the headset, not when it was asked for)."""

    position: float = 0.0


@dataclass(frozen=True)
class ClipFinished:
    """The headset reports the caller's clip's last frame heard at ``t``."""


@dataclass(frozen=True)
class SoundLost:
    """The headset went away (``error``: what the device said); ``position``: seconds into the
    caller's clip it cut off (None: nothing was playing)."""

    error: str
    position: float | None = None


@dataclass(frozen=True)
class JournalHeld:
    """The journal cannot be written (True: the shift stands still until it can) or can
    again (False)."""

    held: bool


Action = (
    Tick | Pick | TicketAction | EndShift | ClipHeard | ClipFinished | SoundLost | JournalHeld
)  # fmt: skip


# effects: what to do ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Record:
    """Write this event to the journal."""

    event: ActionEvent | AudioEvent | ScenarioEvent | TicketEvent


@dataclass(frozen=True)
class ContactArrived:
    """A contact comes into the queue (a phone rings, a chat blinks, a mail is listed)."""

    arrival: Arrival
    requester: Requester | None


@dataclass(frozen=True)
class ContactShown:
    """The contact the trainee took, with who sent it (their record) and the open tickets of
    that person (numbers), to show beside it. ``words`` says how what they said is given:
    ``text`` (written, or a call without a recording: its text shown), ``voice`` (the caller
    is heard in the headset: their words are not shown) or ``subtitle`` (a call's recording
    that cannot be heard, no headset or a lost one: its words shown instead)."""

    arrival: Arrival
    requester: Requester | None
    their_tickets: tuple[str, ...]
    words: Literal["text", "voice", "subtitle"] = "text"


@dataclass(frozen=True)
class PlayClip:
    """The caller says ``clip`` in the headset, from its start (the one caller heard: a clip
    still playing stops)."""

    clip: str


@dataclass(frozen=True)
class StopClip:
    """The caller in the headset falls silent (another call was taken, the shift ended)."""


@dataclass(frozen=True)
class HoldClip:
    """The caller stops mid-sentence while the shift stands still (``on``: the journal cannot
    be written) and goes on from there after (``on`` False)."""

    on: bool


@dataclass(frozen=True)
class Notice:
    """Something about the sound the trainee must be told: ``sound_lost`` (the headset went
    away; the shift goes on, callers are shown as text) or ``no_sound`` (a call taken without
    a headset: its words as text)."""

    code: Literal["sound_lost", "no_sound"]


@dataclass(frozen=True)
class TicketChanged:
    """A ticket was created or changed: refresh its row and, if shown, its form."""

    number: str


TimerName = Literal["response", "resolution"]


@dataclass(frozen=True)
class SlaNotice:
    """A ticket's SLA timer crossed a line: ``warning`` (a coming breach) or ``breached``."""

    ticket: str
    timer: TimerName
    status: Literal["warning", "breached"]


QueueRefusal = Literal[
    "shift_over",  # the shift has ended: nothing more can be done
    "not_arrived",  # no such contact in the queue (yet)
    "not_picked",  # a ticket action for a contact the trainee has not taken
]


@dataclass(frozen=True)
class Refuse:
    """The action may not be done now; ``code`` says why: one of ``QueueRefusal`` or the
    helpdesk's own refusal codes (``trainer.core.helpdesk.RefusalCode``), with ``field`` the
    value it is about when the helpdesk names one."""

    code: str
    field: str = ""


@dataclass(frozen=True)
class Finish:
    """The shift is over: ``finished`` (the trainee ended it) or ``time_up``; the controller
    writes the journal's end with this reason."""

    reason: Literal["finished", "time_up"]


Effect = (
    Record | ContactArrived | ContactShown | PlayClip | StopClip | HoldClip | Notice
    | TicketChanged | SlaNotice | Refuse | Finish
)  # fmt: skip
