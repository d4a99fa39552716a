"""The session replay for coaches: what a session looked and sounded like at any moment.

``replay_of(exercise, journal, result)`` reads a journal once and keeps, per time on the session
clock, what changes: the text typed (a copy drill, a dictation), each desk field's committed
value and the screen messages shown (a call), the customer's clips and the trainee's voice
recording that sound then and from where in their files. ``Replay.state_at(t)`` answers from
that by bisection (and a snapshot of the text every ``SNAPSHOT_KEYS`` keystrokes), so scrubbing
a 30-minute drill costs the same as a short one. ``Replay.marks`` are the moments to jump to:
each error the results page lists (in its order, at the moment its last wrong key was
typed), each screen event, each action of the trainee, each field committed wrong.

Headless: codes and numbers only (the UI words them).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Literal

from trainer.core.call_scoring import CallResult
from trainer.core.exercise import ExerciseBase
from trainer.core.journal import (
    ActionEvent,
    AudioEvent,
    FieldEvent,
    Journal,
    KeyEvent,
    ScenarioEvent,
    VoiceEvent,
)
from trainer.core.reasons import Reason
from trainer.core.scenario import CallExercise, ScreenMessage
from trainer.core.scoring import SessionResult
from trainer.core.typing_metrics import TypingResult, align

# the typed text is kept whole every this many keystrokes: a state replays at most this many
SNAPSHOT_KEYS = 256
# two marks closer than this are one moment: "next" from a mark goes past it
MARK_EPSILON = 1e-6

# (a queue shift's and a chat's: "arrival", a contact or a customer's message; "reason", a
# reason of the score at its moment: trainer.core.replay_desk)
MarkKind = Literal["error", "screen", "action", "field", "arrival", "reason"]
Source = Literal["customer", "trainee"]


@dataclass(frozen=True)
class ReplayMark:
    """A moment to jump to. ``name``: an error's type (as the results page lists it), a
    screen event's id, an action, a field's id. ``detail``/``value``: what an error expected
    and what was typed, a screen event's kind (ring, say, chat, alert...), an action's target
    and value, a wrong field's verdict and value. ``index``: an error's row on the results
    page. ``reason``: a reason mark's reason of the score (``name`` its code, ``detail`` its
    contact or chat, ``value`` its ticket)."""

    t: float
    kind: MarkKind
    name: str
    detail: str = ""
    value: str = ""
    index: int = -1
    reason: Reason | None = None


@dataclass(frozen=True)
class Sounding:
    """A stretch of one audio file heard in the session: from ``start`` to ``stop`` on the
    session clock, from ``offset`` seconds into the file (at normal speed), at ``speed``.
    ``file``: the clip id (the customer) or the recording's file name beside the journal
    (the trainee). A ``subtitle`` was shown as text, not heard."""

    source: Source
    file: str
    start: float
    stop: float
    offset: float
    speed: float = 1.0
    subtitle: bool = False

    def offset_at(self, t: float) -> float:
        """Seconds into the file at session time ``t``."""
        return self.offset + (t - self.start) * self.speed


@dataclass(frozen=True)
class ShownEvent:
    """A screen message on the desk: fired at ``fired_at``, acknowledged at
    ``acknowledged_at`` (None when not, or not yet at the moment asked about)."""

    id: str
    do: str
    text: str
    fired_at: float
    acknowledged_at: float | None


@dataclass(frozen=True)
class ReplayState:
    """The session at one moment: ``typed`` (a drill's text so far), ``fields`` (a call's
    committed values by field id), the screen messages shown so far, what sounds (each with
    its offset into the file) and how many marks lie at or before it."""

    t: float
    typed: str
    fields: dict[str, str]
    events: tuple[ShownEvent, ...]
    sounding: tuple[tuple[Sounding, float], ...]
    marks_passed: int


@dataclass
class _Keys:
    """The keystrokes with snapshots of the text they made."""

    times: list[float] = field(default_factory=list)
    keys: list[KeyEvent] = field(default_factory=list)
    snapshots: list[str] = field(default_factory=lambda: [""])  # after 0, K, 2K... keys


def _apply(chars: list[str], key: KeyEvent) -> None:
    if key.key == "Backspace":
        if chars:
            chars.pop()
    elif key.key is None:
        chars.extend(unicodedata.normalize("NFC", key.text or ""))
    # Delete removes nothing: the cursor stays at the end (as the scorer reads it)


def _keys(journal: Journal) -> tuple[_Keys, list[float]]:
    """The keystrokes, snapshots of the text, and for each character of the final text the
    time its key was typed."""
    out = _Keys()
    chars: list[str] = []
    times: list[float] = []
    for n, key in enumerate(journal.keys, start=1):
        before = len(chars)
        _apply(chars, key)
        if len(chars) < before:
            del times[len(chars) :]
        times.extend([key.t] * (len(chars) - len(times)))
        out.times.append(key.t)
        out.keys.append(key)
        if n % SNAPSHOT_KEYS == 0:
            out.snapshots.append("".join(chars))
    return out, times


def _typed_index(reference: str, typing: TypingResult) -> list[int]:
    """For each offset of the counted reference (and its end), the index in the typed text
    that stands there in the scorer's alignment."""
    at: list[int] = []
    typed = 0
    for pair in align(reference, typing.transcribed):
        # one character on each side, or two (a transposition), or none on one side
        for n in range(len(pair.expected)):
            at.append(typed + min(n, len(pair.typed)))
        typed += len(pair.typed)
    at.append(typed)
    return at


def _time_of(times: list[float], first: int, last: int, fallback: float) -> float:
    """When the characters ``first``..``last`` (typed indexes, ``last`` exclusive) were done:
    the last one's key, or for nothing typed (a character left out) the one before."""
    index = last - 1 if last > first else first - 1
    if not times:
        return fallback
    return times[max(0, min(index, len(times) - 1))]


def error_marks(
    reference: str, typing: TypingResult, char_times: list[float], fallback: float = 0.0
) -> list[ReplayMark]:
    """One mark per error the results page lists (the wrong words with unit ``word``, else
    the wrong characters), in its order, at the moment the last key of the error was typed.
    ``reference``: the exercise's text (as given to the scorer)."""
    marks: list[ReplayMark] = []
    if typing.unit == "char":
        for n, e in enumerate(typing.errors):
            first, last = e.typed_position, e.typed_position + len(e.typed)
            t = _time_of(char_times, first, last, fallback)
            marks.append(ReplayMark(t, "error", e.type, e.expected, e.typed, n))
        return marks
    counted = unicodedata.normalize("NFC", reference).rstrip()[: typing.reference_chars_counted]
    typed_at = _typed_index(counted, typing)
    for n, w in enumerate(typing.word_error_list):
        start = min(w.offset, len(typed_at) - 1)
        end = min(w.offset + len(w.expected), len(typed_at) - 1)
        first, last = typed_at[start], typed_at[end]
        if w.type == "insertion":  # the extra word stands before the word at ``offset``
            last = first
            while last > 0 and typing.transcribed[last - 1 : last].isspace():
                last -= 1
            first = last - len(w.typed)
        t = _time_of(char_times, first, last, fallback)
        marks.append(ReplayMark(t, "error", w.type, w.expected, w.typed, n))
    return marks


def _customer(journal: Journal, duration: float) -> list[Sounding]:
    """The customer's clips as heard: a heard ``start`` opens a stretch; a pause, an end, a
    play of another clip closes it; a seek or a change of speed while it sounds starts a new
    one from there. A stretch never closed ends with its clip's length or the session."""
    out: list[Sounding] = []
    open_: AudioEvent | None = None
    opened_at = 0.0
    offset = 0.0
    speed = 1.0

    def close(t: float) -> None:
        nonlocal open_
        if open_ is not None and t > opened_at:
            subtitle = bool(open_.subtitle)
            out.append(Sounding("customer", open_.clip, opened_at, t, offset, speed, subtitle))
        open_ = None

    for e in journal.events:
        if not isinstance(e, AudioEvent) or e.action == "status":
            continue
        if e.action == "start":
            close(e.t)
            open_, opened_at, offset, speed = e, e.t, e.position, e.speed
        elif open_ is None:
            continue
        elif e.action in ("seek", "speed") and e.clip == open_.clip:
            start = open_
            close(e.t)
            open_, opened_at, offset, speed = start, e.t, e.position, e.speed
        elif e.action in ("pause", "end") or (e.action == "play" and e.clip != open_.clip):
            close(e.t)
    if open_ is not None:
        left = (open_.length - offset) / speed if open_.length is not None else duration
        close(min(duration, opened_at + max(0.0, left)))
    return out


def _trainee(journal: Journal, duration: float) -> list[Sounding]:
    """The trainee's recording: from its first sample on, one stretch per mapping of the
    file's frames to the session clock (a ``sync`` after the clock stood still), to the time
    its last frame was taken."""
    out: list[Sounding] = []
    start: VoiceEvent | None = None
    maps: list[tuple[float, int]] = []  # (session time, file frame)
    end: VoiceEvent | None = None
    for e in journal.events:
        if not isinstance(e, VoiceEvent):
            continue
        if e.action == "start" and e.rate > 0 and start is None:
            start, maps = e, [(e.t, 0)]
        elif e.action == "sync" and start is not None:
            maps.append((e.t, e.frame))
        elif e.action == "end" and start is not None:
            end = e
    if start is None:
        return out
    last_t = end.t if end is not None else duration
    for n, (t, frame) in enumerate(maps):
        stop = last_t
        if n + 1 < len(maps):
            next_t, next_frame = maps[n + 1]
            stop = min(next_t, t + (next_frame - frame) / start.rate)
        if stop > t:
            out.append(Sounding("trainee", start.file, t, stop, frame / start.rate))
    return out


class Replay:
    """A session to scrub through; make it with ``replay_of``."""

    def __init__(
        self,
        *,
        duration: float,
        keys: _Keys,
        commits: dict[str, tuple[list[float], list[str]]],
        shown: list[ShownEvent],
        sounds: list[Sounding],
        marks: list[ReplayMark],
    ) -> None:
        self.duration = duration
        self._keys = keys
        self._commits = commits
        self._shown = shown
        self._shown_times = [e.fired_at for e in shown]
        self.sounds = sorted(sounds, key=lambda s: s.start)
        self._by_source: dict[Source, tuple[list[float], list[Sounding]]] = {}
        for s in self.sounds:
            starts, items = self._by_source.setdefault(s.source, ([], []))
            starts.append(s.start)
            items.append(s)
        self.marks = sorted(marks, key=lambda m: m.t)
        self._mark_times = [m.t for m in self.marks]

    def typed_at(self, t: float) -> str:
        """The text typed by time ``t`` (every key stamped at or before it)."""
        k = self._keys
        n = bisect_right(k.times, t)
        snap = n // SNAPSHOT_KEYS
        chars = list(k.snapshots[snap])
        for key in k.keys[snap * SNAPSHOT_KEYS : n]:
            _apply(chars, key)
        return unicodedata.normalize("NFC", "".join(chars))

    def fields_at(self, t: float) -> dict[str, str]:
        """Each field's committed value at time ``t`` (fields not yet committed left out)."""
        out: dict[str, str] = {}
        for name, (times, values) in self._commits.items():
            n = bisect_right(times, t)
            if n:
                out[name] = values[n - 1]
        return out

    def events_at(self, t: float) -> tuple[ShownEvent, ...]:
        """The screen messages fired by ``t``, acknowledged only if that too was by ``t``."""
        shown = self._shown[: bisect_right(self._shown_times, t)]
        return tuple(
            e
            if e.acknowledged_at is None or e.acknowledged_at <= t
            else ShownEvent(e.id, e.do, e.text, e.fired_at, None)
            for e in shown
        )

    def sounding_at(self, t: float) -> tuple[tuple[Sounding, float], ...]:
        """What sounds at ``t`` and where in its file (stretches of one source never overlap:
        the last one begun is the only candidate)."""
        out = []
        for starts, items in self._by_source.values():
            n = bisect_right(starts, t)
            if n and t < items[n - 1].stop:
                out.append((items[n - 1], items[n - 1].offset_at(t)))
        return tuple(out)

    def state_at(self, t: float) -> ReplayState:
        """The whole session at time ``t`` (clamped to the session)."""
        t = min(max(t, 0.0), self.duration)
        return ReplayState(
            t=t,
            typed=self.typed_at(t),
            fields=self.fields_at(t),
            events=self.events_at(t),
            sounding=self.sounding_at(t),
            marks_passed=bisect_right(self._mark_times, t + MARK_EPSILON),
        )

    def next_mark(self, t: float) -> ReplayMark | None:
        """The first mark after ``t``, if any."""
        n = bisect_right(self._mark_times, t + MARK_EPSILON)
        return self.marks[n] if n < len(self.marks) else None

    def previous_mark(self, t: float) -> ReplayMark | None:
        """The last mark before ``t``, if any."""
        n = bisect_left(self._mark_times, t - MARK_EPSILON)
        return self.marks[n - 1] if n else None


def _call_parts(
    call: CallExercise, journal: Journal, result: CallResult
) -> tuple[dict[str, tuple[list[float], list[str]]], list[ShownEvent], list[ReplayMark]]:
    commits: dict[str, tuple[list[float], list[str]]] = {}
    messages = {e.id: e for e in call.timeline if isinstance(e, ScreenMessage)}
    kinds = {e.id: e.do for e in call.timeline}
    acks: dict[str, list[float]] = {}
    marks: list[ReplayMark] = []
    fired: list[ScenarioEvent] = []
    for e in journal.events:
        if isinstance(e, FieldEvent):
            times, values = commits.setdefault(e.field, ([], []))
            times.append(e.t)
            values.append(e.value)
        elif isinstance(e, ScenarioEvent):
            fired.append(e)
            marks.append(ReplayMark(e.t, "screen", e.event, kinds.get(e.event, "")))
        elif isinstance(e, ActionEvent):
            if e.action == "acknowledged":
                acks.setdefault(e.target, []).append(e.t)
            marks.append(ReplayMark(e.t, "action", e.action, e.target, e.value))
    shown: list[ShownEvent] = []
    for e in fired:
        message = messages.get(e.event)
        if message is None:
            continue  # a ring, a clip, a sound: heard, not shown
        ack = next((a for a in acks.get(e.event, []) if a >= e.t), None)
        shown.append(ShownEvent(e.event, message.do, message.text, e.t, ack))
    for f in result.fields:
        if f.verdict in ("wrong", "misplaced") and f.committed_at is not None:
            marks.append(ReplayMark(f.committed_at, "field", f.id, f.verdict, f.value or ""))
    return commits, shown, marks


def replay_of(
    exercise: ExerciseBase,
    journal: Journal,
    result: SessionResult | CallResult,
    reference: str | None = None,
) -> Replay:
    """The replay of a session: ``result`` is ``score(exercise, journal)`` (or the stored
    result); ``reference`` the text that was to be typed (a copy drill, a dictation)."""
    duration = max(result.duration, max((e.t for e in journal.events), default=0.0))
    keys, char_times = _keys(journal)
    commits: dict[str, tuple[list[float], list[str]]] = {}
    shown: list[ShownEvent] = []
    marks: list[ReplayMark] = []
    if isinstance(result, CallResult) and isinstance(exercise, CallExercise):
        commits, shown, marks = _call_parts(exercise, journal, result)
    elif isinstance(result, SessionResult):
        marks = error_marks(reference or "", result.typing, char_times)
    sounds = _customer(journal, duration) + _trainee(journal, duration)
    return Replay(
        duration=duration, keys=keys, commits=commits, shown=shown, sounds=sounds, marks=marks
    )
