"""A call cut off by a crash, rebuilt from its journal so that it can go on at the same point.

The call engine is deterministic: told the same actions at the same session times, it makes the
same journal lines. ``rebuild_call`` feeds a fresh engine the actions a journal shows (an
answer, a look-up with what was typed, a verification, each field committed, each message
acknowledged, each article proposed, hold, the timeline's events as they fired, each clip heard
and ended...) at their times, and checks every line the engine makes against the journal's own,
in order. Only when all agree is the rebuilt call the call that was cut off; any difference (a
line the engine would not write, one it writes that the journal lacks before later lines) is a
``CallRebuildError`` with the first line that differs, and the caller keeps to the old way (the
part scored with what its journal holds). Lines the controller writes itself (the keystrokes,
the voice recording, the sound's status, a journal held for a write problem) are kept but not
fed. A kill between two lines of one action leaves that action's later lines missing: they are
given back (``Rebuilt.missing``) to be written at the head of the new journal, as the engine
made them at their time.

At the cut the call stands still as it does when the headset is lost (``SoundLost`` with the
position the customer had reached in their clip, journaled as a pause 'exam interrupted'); the
desk that goes on with it answers that as F10 does (``SoundOpened``): the customer goes on
mid-sentence and the timeline from where it stood.

Text typed into a form field and not yet committed (no Enter, Tab or leaving it) is no line of
the engine's: it is rebuilt from the field's keystrokes (``KeyEvent.field``, ``typed_fields``)
and put back in the field, the cursor in the field typed into last.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trainer.core.call_engine import CallEngine, Phase
from trainer.core.call_protocol import (
    Acknowledge,
    Action,
    ClipFinished,
    ClipHeard,
    CommitField,
    Dial,
    Due,
    Effect,
    Key,
    LookUp,
    OpenArticle,
    ProposeArticle,
    Record,
    SoundInfo,
    SoundLost,
    SoundOpened,
    Tick,
    TickStep,
    WrapUp,
)
from trainer.core.exam_state import PartState
from trainer.core.exercise import ExerciseBase
from trainer.core.journal import (
    ActionEvent,
    AnyEvent,
    AudioEvent,
    FieldEvent,
    JournalError,
    KeyEvent,
    PauseEvent,
    ScenarioEvent,
    TicketEvent,
    read_journal,
)
from trainer.core.scenario import CallExercise

INTERRUPTED = "exam interrupted"  # the pause a crash is journaled as (as a copy part's)


class CallRebuildError(ValueError):
    """The journal's call cannot be rebuilt line for line (``index``: its first line that
    differs, among the engine's lines). Never told to a person: the caller keeps to scoring
    the part with what its journal holds."""

    def __init__(self, index: int, why: str) -> None:
        super().__init__(f"line {index}: {why}")
        self.index, self.why = index, why


@dataclass
class Rebuilt:
    """The call as it stood at the cut: its engine (standing still), the lines an action cut
    in two had not written yet, and the lines written at the cut (what fell due by then, and
    the stand-still itself)."""

    engine: CallEngine
    lines: list[AnyEvent]  # the journal's lines the engine wrote (and the cut's)
    used: float
    missing: list[AnyEvent]
    standstill: list[AnyEvent]
    effects: list[Effect]  # all the rebuild made: the desk shows them again (not the sound)

    def hear_with(self, sound: SoundInfo) -> None:
        """The desk's own sound from now on. A clip being read at the cut ends when its
        recording would, from that sound's length (the journal's is rounded to 0.1 ms)."""
        engine = self.engine
        engine.sound = sound
        s = engine.speaking
        if s is None or s.heard or s.silent_end is None:
            return
        start = _last_start(self.lines, s.say.clip)
        seconds = sound.seconds(s.say.clip)
        if start is not None and seconds > 0:
            s.silent_end = start.t + max(0.0, seconds - start.position)


def is_engines(event: AnyEvent) -> bool:
    """Whether the call engine writes such a line (else the desk's controller does)."""
    if isinstance(event, ActionEvent | FieldEvent | ScenarioEvent | TicketEvent):
        return True
    if isinstance(event, AudioEvent):
        return event.action in ("play", "start", "end")
    return isinstance(event, PauseEvent) and event.reason != "write_error"


class _JournalSound:
    """The sound as the journal says it was while the call is rebuilt: each clip heard or
    read as it was, its length and the dropouts as journaled."""

    def __init__(self, audio: Sequence[AudioEvent], real: SoundInfo) -> None:
        self._audio = deque(audio)
        self._real = real

    def device_open(self) -> bool:
        return True

    def hearable(self, clip: str) -> bool:
        # asked before its play line: read (not heard) when its next line is a subtitle
        after = list(self._audio)[1:2]
        return not (after and after[0].clip == clip and after[0].subtitle)

    def seconds(self, clip: str) -> float:
        head = self._audio[0] if self._audio else None
        if head is not None and head.clip == clip and head.length is not None:
            return head.length
        return self._real.seconds(clip)

    def underflows(self) -> int:
        return self._audio.popleft().underflows if self._audio else 0


def _action_for(
    event: AnyEvent, engine: CallEngine, after: Sequence[AnyEvent]
) -> tuple[Action, float]:
    """The action that made ``event`` the first line of its handling, and when it came."""
    match event:
        case ScenarioEvent(t=t) | AudioEvent(action="play", t=t):
            return Due(), t
        case AudioEvent(action="start", t=t, position=position):
            return ClipHeard(position), t
        case AudioEvent(action="end", t=t):
            s = engine.speaking
            if s is not None and s.heard:
                return ClipFinished(), t
            # a subtitle's time ran out at t, seen at the next poll: its next clip then. (Its
            # end as journaled: the length its start line gives is rounded to 0.1 ms)
            if s is not None:
                s.silent_end = t
            nxt = after[0] if after else None
            if isinstance(nxt, AudioEvent) and nxt.action == "play" and nxt.t >= t:
                return Tick(), nxt.t
            return Tick(), t
        case FieldEvent() | TicketEvent():
            return _own_work(event), event.t
        case PauseEvent(paused=True, t=t, reason=reason):
            return SoundLost(reason, _position_on(after, engine)), t
        case PauseEvent(paused=False, t=t):
            nxt = after[0] if after else None
            if isinstance(nxt, AudioEvent) and nxt.action == "start" and nxt.subtitle:
                return Key("resume_subtitles"), t
            return SoundOpened(True), t
        case ActionEvent(t=t, action=action, target=target, value=value):
            return _desk_action(action, target, value, outbound=engine.line is not None), t
    raise ValueError(type(event).__name__)


def _own_work(event: FieldEvent | TicketEvent) -> Action:
    """A field committed, or an article proposed (the one ticket op a call journals)."""
    if isinstance(event, FieldEvent):
        return CommitField(event.field, event.value)
    if event.op != "propose_article":
        raise ValueError(f"ticket {event.op}")
    values = event.values
    return ProposeArticle(values["title"], values["body"], values.get("article", ""))


def _desk_action(action: str, target: str, value: str, *, outbound: bool = False) -> Action:
    if action == "answered" and outbound:
        return Due()  # an outbound call: the customer answered when it was due
    keys = {"answered": "answer", "hold": "hold", "resumed": "hold", "ask_repeat": "ask_repeat"}
    if action in keys:
        return Key(keys[action])  # type: ignore[arg-type]  # the engine's key names
    if action in ("verified", "mismatch"):
        return Key(action)  # type: ignore[arg-type]
    if action == "transferred":
        return Key("transfer", target)
    if action in ("closed", "hang_up", "message_end"):  # (an outbound call's end key too)
        return Key("end")
    if action == "dialled":
        return Dial(target)
    if action == "look_up":
        return LookUp(value)
    if action == "acknowledged":
        return Acknowledge(target)
    if action == "step":
        return TickStep(target)
    if action == "open_article":
        return OpenArticle(target)
    return WrapUp(value, target, {})


def _position_on(after: Sequence[AnyEvent], engine: CallEngine) -> float | None:
    """Where a lost headset cut the clip: where it was heard again (its next start)."""
    s = engine.speaking
    if s is None or not s.heard:
        return None
    for event in after:
        if isinstance(event, AudioEvent) and event.clip == s.say.clip and event.action == "start":
            return event.position
    return None


def rebuild_call(
    exercise: CallExercise, events: Sequence[AnyEvent], sound: SoundInfo, used: float
) -> Rebuilt:
    """The call of ``events`` (a journal's, without its end) rebuilt and standing still at
    ``used`` (seconds on its session clock: at least its last line's). ``sound``: the desk's,
    asked once the rebuild is done. CallRebuildError when the journal is not the engine's."""
    lines = [e for e in events if is_engines(e)]
    audio = [e for e in lines if isinstance(e, AudioEvent)]
    journal_sound = _JournalSound(audio, sound)
    engine = CallEngine(exercise, journal_sound)
    made: deque[AnyEvent] = deque()
    effects: list[Effect] = []
    for index, event in enumerate(lines):
        if not made:
            try:
                action, t = _action_for(event, engine, lines[index + 1 :])
            except ValueError as exc:
                raise CallRebuildError(index, str(exc)) from None
            out = engine.handle(action, t)
            effects += out
            made.extend(e.event for e in out if isinstance(e, Record))
        if not made:
            raise CallRebuildError(index, "the engine writes nothing here")
        mine = made.popleft()
        if mine.model_dump() != event.model_dump():
            raise CallRebuildError(index, f"{mine!r} != {event!r}")
    missing = list(made)
    last = max([used, *(getattr(e, "t", 0.0) for e in [*events, *missing])])
    standstill: list[AnyEvent] = []
    if engine.phase is not Phase.DONE:
        # what was due by the cut: an event its 'unless' dropped (no line), a subtitle's end;
        # what a lost last second of the disk did not keep fires now
        for action in (Due(), Tick()):
            out = engine.handle(action, last)
            effects += out
            standstill += [e.event for e in out if isinstance(e, Record)]
        position = _cut_at(engine, [*lines, *standstill], last)
        standstill += [
            e.event
            for e in engine.handle(SoundLost(INTERRUPTED, position), last)
            if isinstance(e, Record)
        ]
    rebuilt = Rebuilt(engine, [*lines, *missing, *standstill], last, missing, standstill, effects)
    rebuilt.hear_with(sound)  # (what fell due at the cut was said as the journal's sound would)
    return rebuilt


class _NoSound:
    """The sound when only the journal is at hand (the exam run's check before its desk
    opens): every length the rebuild needs is in the journal's lines."""

    def device_open(self) -> bool:
        return False

    def hearable(self, clip: str) -> bool:
        return False

    def seconds(self, clip: str) -> float:
        return 0.0

    def underflows(self) -> int:
        return 0


def call_goes_on(exercise: CallExercise, events: Sequence[AnyEvent], used: float) -> Rebuilt | None:
    """The call rebuilt when it can go on (its journal the engine's, line for line, and the
    call not yet wrapped up), else None. The desk that goes on gives it its own sound."""
    try:
        rebuilt = rebuild_call(exercise, events, _NoSound(), used)
    except CallRebuildError:
        return None
    return None if rebuilt.engine.phase is Phase.DONE else rebuilt


def _cut_at(engine: CallEngine, lines: Sequence[AnyEvent], used: float) -> float | None:
    """Seconds into the clip the customer was saying at ``used``: from its last start, on
    until hold stopped it (or the cut)."""
    s = engine.speaking
    if s is None or not s.heard:
        return None
    start = _last_start(lines, s.say.clip)
    if start is None:
        return 0.0  # played but not yet heard: from its beginning
    stop = used
    if engine.phase is Phase.HOLD:
        held = [e.t for e in lines if isinstance(e, ActionEvent) and e.action == "hold"]
        stop = max(start.t, held[-1]) if held else used
    length = start.length if start.length is not None else float("inf")
    return min(length, start.position + max(0.0, stop - start.t))


def _last_start(lines: Sequence[AnyEvent], clip: str) -> AudioEvent | None:
    """The clip's start after its last play (a clip may be said more than once)."""
    start: AudioEvent | None = None
    for e in lines:
        if isinstance(e, AudioEvent) and e.clip == clip:
            start = e if e.action == "start" else None if e.action == "play" else start
    return start


@dataclass
class Typed:
    """The form's text typed and not yet committed at the cut: per field id, and the field
    typed into last (where the cursor was), None when its text was committed since."""

    texts: dict[str, str]
    focus: str | None


def typed_fields(events: Sequence[AnyEvent]) -> Typed:
    """Each field's text as its keystrokes left it, where it is not the value committed.

    A key is taken as the desk's field takes it with the cursor at its end (as the scorer and
    the replay read keys): text is added, Backspace takes the last character off, Delete takes
    nothing. Each commit line sets the field to its value when the keys had not made it (the
    cursor moved, a selection typed over), so only the keys after a field's last commit can
    come back otherwise than typed. Keys of no field (older journals, the record's search) are
    left out."""
    chars: dict[str, list[str]] = {}
    committed: dict[str, str] = {}
    last: str | None = None
    for event in events:
        if isinstance(event, KeyEvent) and event.field is not None:
            text = chars.setdefault(event.field, [])
            if event.key == "Backspace":
                if text:
                    text.pop()
            elif event.key is None:
                text.extend(event.text or "")
            last = event.field
        elif isinstance(event, FieldEvent):
            committed[event.field] = event.value
            if "".join(chars.get(event.field, [])).strip() != event.value:
                chars[event.field] = list(event.value)
    texts = {
        field_id: "".join(text)
        for field_id, text in chars.items()
        if "".join(text).strip() != committed.get(field_id, "")
    }
    return Typed(texts, last if last in texts else None)


@dataclass
class CallResume:
    """A call part that goes on after a crash: the old journal's lines (its keystrokes too)
    and the call rebuilt from them, standing still at the cut."""

    journal: Path  # the desk's journal cut off
    kept: list[AnyEvent]
    rebuilt: Rebuilt

    @property
    def used(self) -> float:
        return self.rebuilt.used

    @property
    def typed(self) -> Typed:
        """The form's text typed and not committed before the cut."""
        return typed_fields(self.kept)

    def lines(self) -> list[AnyEvent]:
        """What the new journal starts with: the old one's lines, an action's lines the cut
        left unwritten, and the stand-still at the cut."""
        return [*self.kept, *self.rebuilt.missing, *self.rebuilt.standstill]


def call_resume_of(part: PartState, exercise: ExerciseBase, time_limit: float) -> CallResume | None:
    """A call part cut off by a crash (its desk's journal ``part.journal``), rebuilt to go on
    where it stood; None when it cannot: not a call, a journal damaged or ended, its time
    used up, or lines the call engine cannot have written (then it is scored as it is)."""
    if not (part.hosted and part.status == "running" and isinstance(exercise, CallExercise)):
        return None
    try:
        found = read_journal(Path(part.journal))
    except JournalError:
        return None
    if found.damage or found.end is not None:
        return None
    kept = list(found.events)
    used = max([part.used, *(getattr(e, "t", 0.0) for e in kept)])
    if used >= time_limit:
        return None
    rebuilt = call_goes_on(exercise, kept, used)
    return CallResume(Path(part.journal), kept, rebuilt) if rebuilt is not None else None
