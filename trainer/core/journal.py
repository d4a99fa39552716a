"""The session journal: an append-only JSON Lines log of everything that happened.

Line 1 is a header (exercise id and content hash, trainee, mode, app version, start time);
every further line is one event stamped with ``t``, seconds on the session's monotonic clock.
The journal is the source of truth: a result is ``score(exercise, journal)``, so a session can
be re-scored, replayed or recovered after a crash from this file alone.

Writes are flushed at once (a killed app loses nothing the OS has) and fsync'ed at least every
second (``sync_pending``, called by the app's timer) and at every field commit, so even a
power cut loses at most the last second.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

JOURNAL_FORMAT = 1
SYNC_INTERVAL = 1.0

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


class SessionClock:
    """Seconds since the session started, on a monotonic clock (never jumps with wall time)."""

    def __init__(self, source: Callable[[], float] = time.perf_counter) -> None:
        self._source = source
        self._zero = source()
        self._paused_at: float | None = None

    def now(self) -> float:
        """Seconds since the clock was made, not counting the time it stood still."""
        at = self._source() if self._paused_at is None else self._paused_at
        return at - self._zero

    @property
    def paused(self) -> bool:
        """Whether the clock stands still."""
        return self._paused_at is not None

    def pause(self) -> None:
        """Stop the clock (a call waiting for its headset): ``now`` stays where it is."""
        if self._paused_at is None:
            self._paused_at = self._source()

    def resume(self) -> None:
        """Run on from where it stopped: the pause is not counted."""
        if self._paused_at is not None:
            self._zero += self._source() - self._paused_at
            self._paused_at = None


class JournalWriter:
    """Appends events to a journal file; owned by one thread (the GUI thread in the app)."""

    def __init__(self, path: Path, header: Header) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = open(path, "x", encoding="utf-8", newline="\n")  # noqa: SIM115 - kept open
        self._dirty = False
        self._last_sync = time.monotonic()
        self._write_line(header.model_dump(mode="json"))
        self.sync()

    def _write_line(self, data: dict[str, Any]) -> None:
        self._file.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._file.flush()
        self._dirty = True

    def write(self, event: _Event) -> None:
        """Append one event (flushed at once, fsync'ed within a second; a field commit at once)."""
        self._write_line(event.model_dump(mode="json", exclude_none=True))
        if isinstance(event, FieldEvent):
            self.sync()
        else:
            self.sync_if_due()

    def sync_if_due(self) -> None:
        """fsync when something is unsynced and the last fsync is a second old."""
        if self._dirty and time.monotonic() - self._last_sync >= SYNC_INTERVAL:
            self.sync()

    def sync_pending(self) -> None:
        """fsync if anything is unsynced; the app calls this every second."""
        if self._dirty:
            self.sync()

    def sync(self) -> None:
        """fsync now (at field commits and at the end)."""
        if self._file.closed:
            return
        os.fsync(self._file.fileno())
        self._dirty = False
        self._last_sync = time.monotonic()

    def close(self, end: EndEvent | None = None) -> None:
        """Write the end event (if given), fsync and close. Safe to call twice."""
        if self._file.closed:
            return
        if end is not None:
            self._write_line(end.model_dump(mode="json", exclude_none=True))
        self.sync()
        self._file.close()

    @property
    def closed(self) -> bool:
        """True once ``close`` ran."""
        return self._file.closed


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
