"""The session journal: an append-only JSON Lines log of everything that happened.

Line 1 is a header (exercise id and content hash, trainee, mode, app version, start time);
every further line is one event stamped with ``t``, seconds on the session's monotonic clock.
The journal is the source of truth: a result is ``score(exercise, journal)``, so a session can
be re-scored, replayed or recovered after a crash from this file alone.

Reading is strict and forgiving: without a valid header nothing can be scored (``JournalError``),
but a damaged line after it (not JSON, not an event, after the end, a time that is not a number
of seconds into the session or that runs backwards) is skipped and listed in
``Journal.damage``, and the rest still counts.

Writing (``journal_writer``) flushes every event at once and fsyncs at least every second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from trainer.core.bounded_files import MAX_JOURNAL_BYTES, MIB, FileRefused, read_bytes
from trainer.core.messages import Message, Said

JOURNAL_FORMAT = 1
# no session runs for a week: a time beyond it is damage, not a long session
MAX_EVENT_SECONDS = 7 * 24 * 3600.0
# A heard time (an audio ``start`` or ``end``) is the sound card's estimate of when the sound
# reached the headset, mapped onto the session clock: it can lie ahead of the lines written
# after it by the device's latency, and a clip read as a subtitle after a pulled headset starts
# at the session clock again. So heard times may step back this much before it is damage.
HEARD_TOLERANCE = 1.0

DamageCode = Literal[
    "not_json", "not_an_event", "after_end", "time_not_finite", "time_out_of_range",
    "time_backwards",
]  # fmt: skip

EndReason = Literal["finished", "time_up", "abandoned", "recovered"]
Mode = Literal["practice", "exam"]


class _Event(BaseModel):
    # NaN and infinity are not a time (nor a position or a speed): refused when read; the
    # validators are built when an event is first made or read, not at import
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


class Header(_Event):
    """The first line: what was trained, by whom, and when."""

    type: Literal["header"] = "header"
    format: int = JOURNAL_FORMAT
    exercise_id: str
    exercise_hash: str
    trainee: str
    mode: Mode = "practice"
    app_version: str
    started_at: str = Field(description="wall-clock start, ISO 8601 with time zone")
    workstation: str = Field(
        default="", description="the computer that ran it, named when another one asks"
    )


class KeyEvent(_Event):
    """One keystroke: the text it produced, or the editing key it was. On a screen with
    several inputs (a call's form, a chat's reply boxes) ``field`` names the one it went to, so
    text typed and not yet committed can be rebuilt; a drill's keys, and journals written
    before it, have none."""

    type: Literal["key"] = "key"
    t: float
    text: str | None = None
    key: Literal["Backspace", "Delete"] | None = None
    field: str | None = None


class PauseEvent(_Event):
    """The drill was paused (a dialog, a lost device) or resumed; ``paused`` says which."""

    type: Literal["pause"] = "pause"
    t: float
    paused: bool
    reason: str = ""


class AudioEvent(_Event):
    """What the customer's audio did: ``t`` is when it was heard (the stream's clock mapped
    onto the session clock) or, for commands, when the trainee gave them; ``position`` is
    seconds into the clip at normal speed. A call's ``start`` also gives the clip's
    ``length`` (seconds of recording), so a score can tell when it would have ended without a
    dropout, and ``subtitle`` when it was shown as text instead of heard."""

    type: Literal["audio"] = "audio"
    t: float
    action: Literal["play", "pause", "seek", "speed", "start", "end", "status"]
    clip: str
    position: float = 0.0
    speed: float = 1.0
    underflows: int = 0  # dropouts so far (blocks the sound card got too late)
    length: float | None = None
    subtitle: bool | None = None


class FieldEvent(_Event):
    """A form field committed (Enter, Tab away): its value as typed. fsync'ed at once."""

    type: Literal["field"] = "field"
    t: float
    field: str
    value: str


# Everything a trainee can do on the agent desktop: one closed set for the call engine that
# writes them, the journal that refuses any other (written or read: an unknown action is a
# damaged line), the timeline that can wait for them and the scoring that judges them.
DeskAction = Literal[
    "answered",
    "hold",
    "resumed",
    "ask_repeat",
    "verified",
    "mismatch",
    "look_up",  # target: the file it opened ('' none), value: what was typed
    "transferred",  # target: the team
    "closed",
    "acknowledged",  # target: the message's event id
    "step",  # target: the script step ticked
    "open_article",  # target: the knowledge-base article
    "wrapup",  # target: closing code, value: contact result
    # an outbound call (the trainee places it): 'answered' is then the customer picking up
    "dialled",  # target: the number as typed, value: what it reached (DialResult)
    "message_start",  # a voicemail's beep: the trainee's spoken message starts
    "message_end",  # the trainee hung up after their message (the rubric plays start..end)
    "hang_up",  # an attempt hung up before anyone was reached (target: dialling, busy, voicemail)
]
DESK_ACTIONS: tuple[DeskAction, ...] = get_args(DeskAction)


class ActionEvent(_Event):
    """Something the trainee did on the agent desktop: answer, hold, verify, transfer (to
    ``target``), tick a script step (``target``: the step), acknowledge an alert (``target``:
    the event id), wrap up (``target``: closing code, ``value``: contact result), close."""

    type: Literal["action"] = "action"
    t: float
    action: DeskAction
    target: str = ""
    value: str = ""


class ScenarioEvent(_Event):
    """A timeline event fired: ``t`` when it was shown or started, ``due`` when the timeline
    had it due (the difference is the app's timer latency)."""

    type: Literal["scenario"] = "scenario"
    t: float
    event: str
    due: float | None = None


# What the trainee can do to a ticket of the simulated helpdesk system
TicketOp = Literal[
    "create",  # values: the ticket's fields as filled in (category, impact, urgency, ...)
    "update",  # values: what changed (status, note, customer_informed, ...)
    "assign",  # values: team
    "link",  # values: problem (a known problem's id)
    "resolve",  # values: close_code, solution
    "close",
    "reopen",
    "no_ticket",  # the contact needs no ticket (``contact`` names it)
    "propose_article",  # values: title, body (a new or changed knowledge-base article)
]
TICKET_OPS: tuple[TicketOp, ...] = get_args(TicketOp)


class TicketEvent(_Event):
    """Something the trainee did in the simulated helpdesk system (queue, chat and call
    sessions): ``ticket`` is the ticket's number ('' before it has one), ``contact`` the
    arrival (mail, call, chat) it answers, ``values`` the fields the action set, as codes
    (category, impact, urgency, status, team, problem, close_code) or texts (note, solution)."""

    type: Literal["ticket"] = "ticket"
    t: float
    op: TicketOp
    ticket: str = ""
    contact: str = ""
    values: dict[str, str] = Field(default_factory=dict)


class ChatEvent(_Event):
    """Written contact with a customer (kind ``chat``): ``chat`` names the conversation.
    ``opened``: the trainee turned to it. ``sent``: the trainee's reply (``text``, and
    ``template`` when it began from a canned response). ``inserted``: a canned response
    (``template``) put into the reply box as ``text``, filled in (the replay shows the box as it
    was; nothing scores it). ``left``: the customer gave up waiting. A customer's own messages
    are timeline events (``ScenarioEvent``)."""

    type: Literal["chat"] = "chat"
    t: float
    chat: str
    action: Literal["opened", "sent", "left", "inserted"]
    text: str = ""
    template: str = ""


# Why a call has no recording of the trainee, or why it stopped early
VoiceReason = Literal["", "off", "no_microphone", "microphone_lost", "disk_full", "write_failed"]


class VoiceEvent(_Event):
    """The trainee's microphone during a call. Journals from before it have no such lines
    (no recording); scoring ignores them.

    ``start``: ``t`` is when the file's first sample was taken (the input stream's clock
    mapped onto the session clock), ``file`` its name beside the journal, ``rate`` its sample
    rate. ``sync``: from file frame ``frame`` on, frame ``frame`` was taken at ``t`` (after the
    session clock stood still). ``end``: the file holds ``frame`` frames, ``lost`` of them
    silence where the input was dropped, and ``t`` is when its last one was taken; ``reason``
    says why it stopped before the call ended. ``none``: no recording, and why (``reason``)."""

    type: Literal["voice"] = "voice"
    t: float
    action: Literal["start", "sync", "end", "none"]
    file: str = ""
    rate: int = 0
    frame: int = 0
    lost: int = 0
    reason: VoiceReason = ""


class EndEvent(_Event):
    """The session ended, and why."""

    type: Literal["end"] = "end"
    t: float
    reason: EndReason
    ended_at: str = ""


AnyEvent = (
    KeyEvent | PauseEvent | AudioEvent | FieldEvent | ActionEvent | ScenarioEvent | VoiceEvent
    | TicketEvent | ChatEvent | EndEvent
)  # fmt: skip
Event = Annotated[AnyEvent, Field(discriminator="type")]


@cache
def _event_adapter() -> TypeAdapter[Event]:
    """The events' reader, made when a journal is first read: importing this module (for its
    event types, as the exercise models do while the home screen's list is read) builds no
    validator."""
    return TypeAdapter(Event)


class JournalError(Said):
    """A journal that cannot be read; the message names the file (``path``) and line."""


def _refused(path: Path, exc: FileRefused) -> JournalError:
    """A file ``read_bytes`` would not read, said of a journal."""
    where = str(path)
    if exc.code == "missing":
        return JournalError(Message("journal_missing", {"path": where}))
    if exc.code == "folder":
        return JournalError(Message("journal_is_folder", {"path": where}))
    if exc.code == "not_regular":
        return JournalError(Message("journal_not_regular", {"path": where}))
    if exc.code == "too_large":
        try:
            size = round(path.stat().st_size / MIB, 1)
        except OSError:
            size = 0.0
        limit = round(exc.limit / MIB, 1)
        return JournalError(
            Message("journal_too_large", {"path": where, "size": size, "limit": limit})
        )
    # raised "from None": the operating system's error is still its context
    cause = exc.__context__
    detail = cause.strerror if isinstance(cause, OSError) and cause.strerror else exc.reason
    return JournalError(Message("journal_unreadable", {"path": where, "detail": detail}))


def now_iso() -> str:
    """Wall-clock time for headers and end events."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Damage:
    """A line of a journal that was skipped: its number (1 is the header), why (``code``,
    kept in a result) and the ``message`` a person reads (the UI words it)."""

    line: int
    code: DamageCode
    message: Message


@dataclass
class Journal:
    """A journal read back: its header, its events in order, and the lines skipped as damaged."""

    path: Path
    header: Header
    events: list[AnyEvent] = field(default_factory=list)
    truncated: bool = False
    damage: list[Damage] = field(default_factory=list)

    @property
    def end(self) -> EndEvent | None:
        """The end event, or None when the session never ended (a crash)."""
        return next((e for e in reversed(self.events) if isinstance(e, EndEvent)), None)

    @property
    def audio(self) -> list[AudioEvent]:
        """What the audio did, in order."""
        return [e for e in self.events if isinstance(e, AudioEvent)]

    @property
    def keys(self) -> list[KeyEvent]:
        """The keystrokes, in order."""
        return [e for e in self.events if isinstance(e, KeyEvent)]


def read_journal(path: Path) -> Journal:
    """Read a journal: a header, then the events that count.

    A torn last line (the app was killed mid-write) is dropped and sets ``truncated``; it is
    not damage. Any other line that cannot count is skipped and listed in ``damage``. Only a
    file that is not a journal at all (no valid header; not a regular file; too large) raises
    JournalError, naming the file and line.
    """
    try:
        raw = read_bytes(path, MAX_JOURNAL_BYTES, "journal")
    except FileRefused as exc:
        raise _refused(path, exc) from None
    lines = raw.split(b"\n")
    truncated = bool(lines[-1])  # a complete file ends with a newline
    numbered = [(n, ln) for n, ln in enumerate(lines[:-1], start=1) if ln.strip()]
    if not numbered:
        raise JournalError(Message("journal_empty", {"path": str(path)}))
    number, first = numbered[0]
    try:
        header = Header.model_validate_json(first)
    except ValidationError as exc:
        said = Message(
            "journal_no_header",
            {"path": str(path), "line": number, "detail": _first_message(exc)},
        )
        raise JournalError(said) from None
    journal = Journal(path, header, truncated=truncated)
    order = _Order()
    for number, line in numbered[1:]:
        event, damage = _event_of(number, line)
        if event is not None:
            damage = order.check(number, event)
        if damage is not None:
            journal.damage.append(damage)
        elif event is not None:
            journal.events.append(event)
    return journal


def _event_of(number: int, line: bytes) -> tuple[AnyEvent | None, Damage | None]:
    """The event on a line, or why the line holds none."""
    try:
        return _event_adapter().validate_json(line), None
    except ValidationError as exc:
        errors, message = exc.errors(), _first_message(exc)
    if any(e["type"] == "json_invalid" for e in errors):
        return None, Damage(number, "not_json", Message("journal_line_not_json"))
    if any(e["type"] == "finite_number" and e["loc"][-1:] == ("t",) for e in errors):
        return None, Damage(number, "time_not_finite", Message("journal_line_time_not_finite"))
    said = Message("journal_line_not_an_event", {"detail": message})
    return None, Damage(number, "not_an_event", said)


def _track(event: AnyEvent) -> str:
    """Events that must keep time with each other: each kind is written by its own part of the
    app, in order; a clip's heard start and end come from the sound card's clock."""
    if isinstance(event, AudioEvent) and event.action in ("start", "end"):
        return "heard"
    if isinstance(event, VoiceEvent) and event.action != "none":
        return "voice"  # stamped by the microphone's clock, as heard times by the headset's
    return event.type


class _Order:
    """What came before, to tell an event that cannot count: after the end, out of range, or
    earlier than the last counted event of its kind. The end must not be earlier than any
    event stamped when it was written (every kind but heard times)."""

    def __init__(self) -> None:
        self.ended_at: int | None = None  # the line of the end event
        self.last: dict[str, tuple[float, int]] = {}  # track -> (t, line) of its last event

    def check(self, number: int, event: AnyEvent) -> Damage | None:
        """None when the event counts (and is remembered), else the damage it is."""
        t = event.t
        if self.ended_at is not None:
            said = Message("journal_line_after_end", {"end": self.ended_at})
            return Damage(number, "after_end", said)
        if not 0.0 <= t <= MAX_EVENT_SECONDS:
            # the times as the journal writes them (201.25, not rounded to 201.3)
            said = Message(
                "journal_line_time_out_of_range", {"t": f"{t:g}", "max": f"{MAX_EVENT_SECONDS:g}"}
            )
            return Damage(number, "time_out_of_range", said)
        track = _track(event)
        if isinstance(event, EndEvent):
            before = [v for k, v in self.last.items() if k not in ("heard", "voice")]
            last = max(before, default=None)
            tolerance = 0.0
        else:
            last = self.last.get(track)
            tolerance = HEARD_TOLERANCE if track in ("heard", "voice") else 0.0
        if last is not None and t < last[0] - tolerance:
            said = Message(
                "journal_line_time_backwards",
                {"t": f"{t:g}", "before": f"{last[0]:g}", "line": last[1]},
            )
            return Damage(number, "time_backwards", said)
        if isinstance(event, EndEvent):
            self.ended_at = number
        self.last[track] = (t, number)
        return None


def _first_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])
