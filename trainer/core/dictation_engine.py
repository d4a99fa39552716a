"""The dictation's player rules, without Qt or sound: what each key may do when.

``DictationEngine.handle(action, t)`` takes what happened (a player key with where the headset
is in the clip, a clip heard starting or ending, the device lost or back, typing, handing in)
and gives the effects, in order: play this clip from here at this speed, pause, seek, write
this audio event, refuse with this code, show the player, end. The Qt controller turns keys
into actions and effects into sound, journal lines and widgets; tests drive whole dictations
here without either.

Positions are seconds into the clip at normal speed, whatever the playing speed: the headset
reports them, the engine decides where to go from there. A clip is *started* when it plays from
its beginning (counted against ``max_plays``); resuming after a pause steps back
``rewind_on_resume`` seconds, as transcription players do, and is not counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

SEEK_SECONDS = 2.0
SPEED_STEP = 0.1
MIN_SPEED, MAX_SPEED = 0.5, 1.5


class Key(Enum):
    """The player's keys (the view maps F3-F9 and Ctrl+Space onto these)."""

    TOGGLE = "toggle"
    BACK = "back"
    FORWARD = "forward"
    SLOWER = "slower"
    FASTER = "faster"
    NEXT = "next"
    PREVIOUS = "previous"


class Sound(Enum):
    """The headset as the rules see it."""

    ON = "on"
    NONE = "none"  # never opened in this session
    LOST = "lost"  # it went away during the session


# states of the player, for the clip it is on ---------------------------------------------------
@dataclass(frozen=True)
class Idle:
    """Nothing of this clip loaded: the next play starts it (and counts)."""


@dataclass(frozen=True)
class Playing:
    """Playing, sent from ``start`` (what its heard start is journaled with)."""

    start: float


@dataclass(frozen=True)
class Paused:
    """Stopped at ``at``; at its ``length`` (it ran out) the next play starts it again."""

    at: float
    length: float


@dataclass(frozen=True)
class Ended:
    """The session ended: nothing more happens."""

    reason: Literal["finished", "abandoned"]


PlayerState = Idle | Playing | Paused | Ended


# actions ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Start:
    """The dictation screen opens."""


@dataclass(frozen=True)
class Press:
    """A player key; ``position`` and ``length`` (seconds) are where the headset is in the
    clip now and how long the clip is (0 when nothing is loaded)."""

    key: Key
    position: float = 0.0
    length: float = 0.0


@dataclass(frozen=True)
class ClipStarted:
    """The clip was heard starting at ``t`` (the stream's clock on the session clock)."""

    t: float


@dataclass(frozen=True)
class ClipEnded:
    """The clip was heard ending at ``t``, at ``position`` (its length)."""

    t: float
    position: float


@dataclass(frozen=True)
class Unplayable:
    """The clip asked for could not be prepared (the controller says why)."""


@dataclass(frozen=True)
class SoundLost:
    """The device went away, the clip at ``position``; ``reason`` goes into the journal."""

    reason: str
    position: float = 0.0
    length: float = 0.0


@dataclass(frozen=True)
class SoundBack:
    """The device opened again (after a ``Reconnect``); ``then`` is the key that asked for
    it, with where the headset is now: it does what it does."""

    then: Press | None = None


@dataclass(frozen=True)
class SoundMissing:
    """Opening the device again failed (after a ``Reconnect``)."""


@dataclass(frozen=True)
class Hold:
    """The journal cannot be written: the customer stops talking too."""

    position: float = 0.0
    length: float = 0.0


@dataclass(frozen=True)
class Typed:
    """A key that typed or edited text (journaled by the session)."""


@dataclass(frozen=True)
class HandIn:
    """Ctrl+Enter."""


@dataclass(frozen=True)
class Abandon:
    """Escape, confirmed."""


Action = (
    Start
    | Press
    | ClipStarted
    | ClipEnded
    | Unplayable
    | SoundLost
    | SoundBack
    | SoundMissing
    | Hold
    | Typed
    | HandIn
    | Abandon
)


# effects -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlayerView:
    """What the player shows (the position runs on in the headset, which shows it)."""

    index: int
    total: int
    playing: bool
    speed: float
    plays_left: int | None  # None: unlimited


@dataclass(frozen=True)
class ShowStart:
    """The start screen: title, instructions, an empty text with the focus."""


@dataclass(frozen=True)
class ShowPlayer:
    """Show the player as ``view`` says."""

    view: PlayerView


@dataclass(frozen=True)
class PlayClip:
    """Play ``clip`` from ``from_seconds`` at ``speed`` (prepared anew when not loaded)."""

    clip: str
    from_seconds: float
    speed: float


@dataclass(frozen=True)
class Pause:
    """Pause the clip where it is."""


@dataclass(frozen=True)
class Seek:
    """Go to ``to_seconds`` in the loaded clip (playing or not)."""

    to_seconds: float


@dataclass(frozen=True)
class ChangeSpeed:
    """The loaded clip at another speed, at the same place, playing or not as it was."""

    clip: str
    speed: float


@dataclass(frozen=True)
class Unload:
    """Forget the loaded clip (another clip is chosen)."""


@dataclass(frozen=True)
class WriteAudioEvent:
    """Journal a player event (``trainer.core.journal.AudioEvent``)."""

    t: float
    action: Literal["play", "pause", "seek", "speed", "start", "end"]
    clip: str
    position: float
    speed: float


@dataclass(frozen=True)
class WritePause:
    """Journal a pause of the session (``trainer.core.journal.PauseEvent``)."""

    t: float
    paused: bool
    reason: str


ProblemCode = Literal[
    "no_sound",  # the headset did not open at the start
    "still_no_sound",  # a key tried to open it again, in vain
    "device_lost",  # it went away during the session
    "play_limit",  # value: the limit
    "no_rewind",  # rewinding in an exercise with a play limit
    "unreadable_clip",
]


@dataclass(frozen=True)
class Refuse:
    """Show a problem in the red band: ``code``, with ``value`` where the code has one."""

    code: ProblemCode
    value: int | None = None


@dataclass(frozen=True)
class ClearProblem:
    """Hide the red band."""


@dataclass(frozen=True)
class Reconnect:
    """Try to open the headset again; answer with ``SoundBack`` (and ``key``) or
    ``SoundMissing``."""

    key: Key


@dataclass(frozen=True)
class End:
    """End the session."""

    reason: Literal["finished", "abandoned"]


Effect = (
    ShowStart
    | ShowPlayer
    | PlayClip
    | Pause
    | Seek
    | ChangeSpeed
    | Unload
    | WriteAudioEvent
    | WritePause
    | Refuse
    | ClearProblem
    | Reconnect
    | End
)


@dataclass
class DictationEngine:
    """The player of one dictation. ``clips`` in order; ``max_plays`` starts per clip (None:
    unlimited, and rewinding allowed); ``sound`` whether the headset opened."""

    clips: Sequence[str]
    max_plays: int | None = None
    rewind_on_resume: float = 1.0
    sound: Sound = Sound.ON
    index: int = 0
    speed: float = 1.0
    player: PlayerState = field(default_factory=Idle)
    plays: dict[str, int] = field(default_factory=dict)
    typed: int = 0

    @property
    def clip(self) -> str:
        """The clip the player is on."""
        return self.clips[self.index]

    @property
    def view(self) -> PlayerView:
        """What the player shows now."""
        left = None if self.max_plays is None else max(0, self.max_plays - self._plays())
        playing = isinstance(self.player, Playing)
        return PlayerView(self.index, len(self.clips), playing, self.speed, left)

    def _plays(self) -> int:
        return self.plays.get(self.clip, 0)

    def handle(self, action: Action, t: float) -> list[Effect]:
        """The effects of ``action`` at session time ``t``, in the order they are to happen."""
        if isinstance(self.player, Ended):
            return []
        match action:
            case Start():
                problem: Effect = ClearProblem() if self.sound is Sound.ON else Refuse("no_sound")
                return [ShowStart(), problem, ShowPlayer(self.view)]
            case Press():
                if self.sound is not Sound.ON:
                    return [Reconnect(action.key)]
                return [*self._press(action, t), ShowPlayer(self.view)]
            case ClipStarted(t=heard) if isinstance(self.player, Playing):
                return [self._audio(heard, "start", self.player.start)]
            case ClipEnded(t=heard, position=end) if isinstance(self.player, Playing):
                self.player = Paused(end, end)
                return [self._audio(heard, "end", end), ShowPlayer(self.view)]
            case Unplayable():
                if isinstance(self.player, Playing) and self.player.start == 0.0:
                    self.plays[self.clip] = self._plays() - 1  # it was never heard
                self.player = Idle()
                return [Refuse("unreadable_clip"), ShowPlayer(self.view)]
            case SoundLost():
                return self._lose_sound(action, t)
            case SoundBack(then=then):
                lost, self.sound = self.sound is Sound.LOST, Sound.ON
                back: list[Effect] = [WritePause(t, False, "device back")] if lost else []
                back.append(ClearProblem())
                if then is not None:
                    back += self._press(then, t)
                return [*back, ShowPlayer(self.view)]
            case SoundMissing():
                return [Refuse("still_no_sound")]
            case Hold(position=at, length=length) if isinstance(self.player, Playing):
                self.player = Paused(at, length)
                return [Pause(), self._audio(t, "pause", at), ShowPlayer(self.view)]
            case Typed():
                self.typed += 1
                return []
            case HandIn() if self.typed:
                self.player = Ended("finished")
                return [End("finished")]
            case Abandon():
                self.player = Ended("abandoned")
                return [End("abandoned")]
        return []

    # the keys ---------------------------------------------------------------------------------
    def _press(self, press: Press, t: float) -> list[Effect]:
        match press.key:
            case Key.TOGGLE:
                return self._toggle(press, t)
            case Key.BACK:
                return self._seek(press, -SEEK_SECONDS, t)
            case Key.FORWARD:
                return self._seek(press, SEEK_SECONDS, t)
            case Key.SLOWER:
                return self._set_speed(self.speed - SPEED_STEP, press, t)
            case Key.FASTER:
                return self._set_speed(self.speed + SPEED_STEP, press, t)
            case Key.NEXT:
                return self._go_to(self.index + 1, press, t)
            case Key.PREVIOUS:
                return self._go_to(self.index - 1, press, t)

    def _toggle(self, press: Press, t: float) -> list[Effect]:
        """Play, pause, or resume a little back."""
        player = self.player
        if isinstance(player, Playing):
            self.player = Paused(press.position, press.length)
            return [Pause(), self._audio(t, "pause", press.position)]
        if isinstance(player, Paused) and press.position < press.length:
            # from where the headset stopped (its fade-out goes on a little after the key)
            start = max(0.0, press.position - self.rewind_on_resume)
        else:  # not loaded, or it ran out: from the beginning, and that counts
            if self.max_plays is not None and self._plays() >= self.max_plays:
                return [Refuse("play_limit", self.max_plays)]
            self.plays[self.clip] = self._plays() + 1
            start = 0.0
        self.player = Playing(start)
        return [
            PlayClip(self.clip, start, self.speed),
            ClearProblem(),
            self._audio(t, "play", start),
        ]

    def _seek(self, press: Press, seconds: float, t: float) -> list[Effect]:
        """Jump back or forward in the loaded clip; back not where plays are limited."""
        if isinstance(self.player, Idle):
            return []
        if seconds < 0 and self.max_plays is not None:
            return [Refuse("no_rewind")]
        target = max(0.0, min(press.length, press.position + seconds))
        if isinstance(self.player, Paused):
            self.player = Paused(target, press.length)
        else:
            self.player = Playing(target)
        return [Seek(target), self._audio(t, "seek", target)]

    def _set_speed(self, speed: float, press: Press, t: float) -> list[Effect]:
        """Slower or faster, within 0.5 to 1.5, at the same place in the clip."""
        speed = round(min(MAX_SPEED, max(MIN_SPEED, speed)), 2)
        if speed == self.speed:
            return []
        self.speed = speed
        change: list[Effect] = (
            [] if isinstance(self.player, Idle) else [ChangeSpeed(self.clip, speed)]
        )
        return [*change, self._audio(t, "speed", press.position)]

    def _go_to(self, index: int, press: Press, t: float) -> list[Effect]:
        """Another clip: the current one stops and is forgotten."""
        if not 0 <= index < len(self.clips) or index == self.index:
            return []
        effects: list[Effect] = []
        if not isinstance(self.player, Idle):
            effects += [Pause(), self._audio(t, "pause", press.position), Unload()]
        self.index = index
        self.player = Idle()
        return [*effects, ClearProblem()]

    # the headset ------------------------------------------------------------------------------
    def _lose_sound(self, lost: SoundLost, t: float) -> list[Effect]:
        """The device went away: the clip stops where it was, the session notes the pause."""
        if self.sound is not Sound.ON:
            return []
        self.sound = Sound.LOST
        if isinstance(self.player, Playing):
            self.player = Paused(lost.position, lost.length)
        return [WritePause(t, True, lost.reason), Refuse("device_lost"), ShowPlayer(self.view)]

    def _audio(
        self,
        t: float,
        action: Literal["play", "pause", "seek", "speed", "start", "end"],
        position: float,
    ) -> WriteAudioEvent:
        return WriteAudioEvent(t, action, self.clip, round(position, 3), self.speed)
