"""The session journal: an append-only JSON Lines log of everything that happened.

Line 1 is a header (exercise id and content hash, trainee, mode, app version, start time);
every further line is one event stamped with ``t``, seconds on the session's monotonic clock.
The journal is the source of truth: a result is ``score(exercise, journal)``, so a session can
be re-scored, replayed or recovered after a crash from this file alone.

Writing (``journal_writer``) flushes every event at once and fsyncs at least every second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

JOURNAL_FORMAT = 1

EndReason = Literal["finished", "time_up", "abandoned", "recovered"]
Mode = Literal["practice", "exam"]


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
    """One keystroke: the text it produced, or the editing key it was."""

    type: Literal["key"] = "key"
    t: float
    text: str | None = None
    key: Literal["Backspace", "Delete"] | None = None


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


class ActionEvent(_Event):
    """Something the trainee did on the agent desktop: answer, hold, verify, transfer (to
    ``target``), tick a script step (``target``: the step), acknowledge an alert (``target``:
    the event id), wrap up (``target``: closing code, ``value``: contact result), close."""

    type: Literal["action"] = "action"
    t: float
    action: str
    target: str = ""
    value: str = ""


class ScenarioEvent(_Event):
    """A timeline event fired: ``t`` when it was shown or started, ``due`` when the timeline
    had it due (the difference is the app's timer latency)."""

    type: Literal["scenario"] = "scenario"
    t: float
    event: str
    due: float | None = None


class EndEvent(_Event):
    """The session ended, and why."""

    type: Literal["end"] = "end"
    t: float
    reason: EndReason
    ended_at: str = ""


AnyEvent = KeyEvent | PauseEvent | AudioEvent | FieldEvent | ActionEvent | ScenarioEvent | EndEvent
Event = Annotated[AnyEvent, Field(discriminator="type")]
_event_adapter: TypeAdapter[Event] = TypeAdapter(Event)


class JournalError(Exception):
    """A journal that cannot be read; the message names the file and line."""


def now_iso() -> str:
    """Wall-clock time for headers and end events."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


@dataclass
class Journal:
    """A journal read back: its header and its events, in order."""

    path: Path
    header: Header
    events: list[AnyEvent] = field(default_factory=list)
    truncated: bool = False

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
    """Read a journal. A torn last line (the app was killed mid-write) is dropped, not an error."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise JournalError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise JournalError(f"{path}: not a journal (not UTF-8 text)") from None
    lines = raw.split("\n")
    truncated = bool(lines and lines[-1])  # a complete file ends with a newline
    if truncated:
        lines = lines[:-1]
    lines = [ln for ln in lines if ln.strip()] if lines else []
    if not lines:
        raise JournalError(f"{path}:1: the journal is empty")
    try:
        header = Header.model_validate_json(lines[0])
    except ValidationError as exc:
        raise JournalError(f"{path}:1: not a journal header ({_first_message(exc)})") from None
    journal = Journal(path, header, truncated=truncated)
    for number, line in enumerate(lines[1:], start=2):
        try:
            journal.events.append(_event_adapter.validate_json(line))
        except ValidationError as exc:
            raise JournalError(
                f"{path}:{number}: not a journal event ({_first_message(exc)})"
            ) from None
    return journal


def _first_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])
