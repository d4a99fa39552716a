"""The words of a call between the desk and its engine: the actions (what happened), the
effects (what to do), the phase, and what the engine may ask of the headset.

``trainer.core.call_engine`` decides; these are the closed sets it decides with. The engine
module re-exports every name, so ``call_engine.Key`` and ``call_engine.Refuse`` read as one
vocabulary where the controller and the tests use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Literal, Protocol

from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    FieldEvent,
    PauseEvent,
    ScenarioEvent,
    TicketEvent,
)
from trainer.core.scenario import CustomerRecord, ScreenMessage


class Phase(Enum):
    """Where the call stands."""

    WAITING = "waiting"  # nothing yet
    RINGING = "ringing"
    TALKING = "talking"
    HOLD = "hold"  # the caller on hold
    DIALLING = "dialling"  # outbound: the line rings at the other end (or a stranger speaks)
    BUSY = "busy"  # outbound: the busy tone (or a number not in use) until the trainee hangs up
    VOICEMAIL = "voicemail"  # outbound: the greeting, the beep, the trainee's message
    HUNG_UP = "hung_up"  # the customer hung up; the trainee still ends and wraps up
    ENDED = "ended"  # closed or transferred: the wrap-up remains
    DONE = "done"  # wrapped up: the session is over


IN_CALL = (Phase.TALKING, Phase.HOLD)


class SoundInfo(Protocol):
    """What the engine may ask of the headset while it decides."""

    def device_open(self) -> bool:
        """A headset is open."""

    def hearable(self, clip: str) -> bool:
        """A headset is open and this clip is ready to play."""

    def seconds(self, clip: str) -> float:
        """The clip's length in seconds (estimated from its transcript when unreadable)."""

    def underflows(self) -> int:
        """Dropouts so far (0 without a device)."""


# actions: what happened ----------------------------------------------------------------------
@dataclass(frozen=True)
class Due:
    """The controller's timer (aimed at ``next_due()``), and the start: fire what is due."""


@dataclass(frozen=True)
class Tick:
    """Time passed (the 50 ms poll): a subtitled clip ends when its time is up."""


@dataclass(frozen=True)
class Key:
    """A key or button of the call bar (F2-F11)."""

    name: Literal[
        "answer",
        "hold",
        "ask_repeat",
        "verified",
        "mismatch",
        "transfer",
        "end",
        "acknowledge",
        "resume_sound",
        "resume_subtitles",
    ]
    team: str = ""  # transfer: the team chosen in the list


@dataclass(frozen=True)
class Dial:
    """Outbound: the dial key, with the number typed in the dial field."""

    number: str


@dataclass(frozen=True)
class LookUp:
    """Ctrl+K, Enter: what the trainee typed to find the caller."""

    typed: str


@dataclass(frozen=True)
class Acknowledge:
    """A message answered by clicking it."""

    event_id: str


@dataclass(frozen=True)
class TickStep:
    """A script step ticked by the trainee."""

    step: str


@dataclass(frozen=True)
class OpenArticle:
    """A knowledge-base article shown."""

    article_id: str


@dataclass(frozen=True)
class ProposeArticle:
    """A knowledge-base article proposed for the coach: new, or a change to ``article``."""

    title: str
    body: str
    article: str = ""


@dataclass(frozen=True)
class CommitField:
    """A field left or confirmed with this value."""

    field_id: str
    value: str


@dataclass(frozen=True)
class WrapUp:
    """Ctrl+Enter: the contact result, the closing code and every field as it stands."""

    contact_result: str
    closing_code: str
    fields: Mapping[str, str]


@dataclass(frozen=True)
class ClipHeard:
    """The headset reports the current clip heard from ``position`` seconds into it at ``t``
    (its start, or where it went on after a hold)."""

    position: float = 0.0


@dataclass(frozen=True)
class ClipFinished:
    """The headset reports the current clip's last frame heard at ``t``."""


@dataclass(frozen=True)
class SoundLost:
    """The headset went away; ``position``: seconds into the clip it cut off."""

    error: str
    position: float | None


@dataclass(frozen=True)
class SoundOpened:
    """After an ``OpenSound`` effect: a device is open again (False: still none)."""

    ok: bool


@dataclass(frozen=True)
class JournalHeld:
    """The journal cannot be written (True) or can again (False)."""

    held: bool


Action = (
    Due
    | Tick
    | Key
    | Dial
    | LookUp
    | Acknowledge
    | TickStep
    | OpenArticle
    | ProposeArticle
    | CommitField
    | WrapUp
    | ClipHeard
    | ClipFinished
    | SoundLost
    | SoundOpened
    | JournalHeld
)


# effects: what to do ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Record:
    """Write this event to the journal."""

    event: ActionEvent | AudioEvent | FieldEvent | PauseEvent | ScenarioEvent | TicketEvent


@dataclass(frozen=True)
class PlayClip:
    """The customer says ``clip`` from ``position`` seconds (0: from the start)."""

    clip: str
    position: float = 0.0
    waiting: bool = False  # made ready at ``position`` but not started (the caller on hold)


@dataclass(frozen=True)
class Customer:
    """The customer's voice: ``pause`` (hold, journal held), ``resume`` (where it stopped),
    ``silence`` (stop for good, forget the clip)."""

    do: Literal["pause", "resume", "silence"]


@dataclass(frozen=True)
class Loop:
    """The ring tone or the hold music on or off."""

    name: Literal["ring", "hold", "ringback", "busy"]
    on: bool


@dataclass(frozen=True)
class Beep:
    """A voicemail's beep: the trainee's message starts."""


@dataclass(frozen=True)
class Subtitle:
    """Show what the customer says in ``clip`` as text (None: hide it)."""

    clip: str | None


@dataclass(frozen=True)
class ShowMessage:
    """A timeline message appears (chat, alert, record change, queue)."""

    event: ScreenMessage


@dataclass(frozen=True)
class MessageAnswered:
    """A message that waited for an answer got it."""

    event_id: str


@dataclass(frozen=True)
class ShowRecord:
    """The customer file on screen: ``record`` (None: none open), verified or not, with the
    rows the back office changed marked."""

    record: CustomerRecord | None
    verified: bool
    changed: frozenset[str]


@dataclass(frozen=True)
class LookUpResult:
    """A look-up found a file (``found``) or nothing for ``typed``."""

    typed: str
    found: bool


@dataclass(frozen=True)
class StepTicked:
    """A script step shows as done."""

    step: str


@dataclass(frozen=True)
class StepReopened:
    """A script step shows as not done again (a new objection to handle)."""

    step: str


@dataclass(frozen=True)
class FieldHint:
    """Under a field: the format of ``kind`` was not met (None: nothing to say)."""

    field_id: str
    kind: str | None


RefusalCode = Literal[
    "no_ringing",  # F2 with no phone ringing
    "nothing_to_hold",
    "not_in_call",
    "verify_not_in_call",
    "look_up_first",
    "not_answered_yet",
    "transfer_not_possible",
    "nothing_to_end",
    "no_message_waiting",
    "call_not_ended",  # wrap-up before the call ended
    "no_contact_result",
    "call_paused",  # the headset was lost: only F10 or F11
    "nothing_to_resume",
    "still_no_sound",
    "cannot_dial",  # an inbound call, or a line already in use
    "no_number",  # the dial key with the dial field empty
]


@dataclass(frozen=True)
class Refuse:
    """The key may not do that now; the code says why."""

    code: RefusalCode


@dataclass(frozen=True)
class Notice:
    """Something to tell the trainee: ``sound_lost`` (the call stands still), ``subtitles``
    (on without sound), ``clear`` (nothing to say any more)."""

    code: Literal["sound_lost", "subtitles", "clear"]


@dataclass(frozen=True)
class PhaseChanged:
    """The call's phase (the state line, the buttons)."""

    phase: Phase


@dataclass(frozen=True)
class Paused:
    """The call stands still (the headset was lost) or runs again; the session clock with it."""

    paused: bool


@dataclass(frozen=True)
class Focus:
    """Where the cursor goes: the first field (answered) or the wrap-up (the call ended)."""

    where: Literal["first_field", "wrap_up"]


@dataclass(frozen=True)
class OpenSound:
    """Try to open the headset; answer with ``SoundOpened``."""


@dataclass(frozen=True)
class Finish:
    """The session is over."""


Effect = (
    Record
    | PlayClip
    | Customer
    | Loop
    | Beep
    | Subtitle
    | ShowMessage
    | MessageAnswered
    | ShowRecord
    | LookUpResult
    | StepTicked
    | StepReopened
    | FieldHint
    | Refuse
    | Notice
    | PhaseChanged
    | Paused
    | Focus
    | OpenSound
    | Finish
)
