"""Between a dictation's rules and the headset, for the practice dictation
(``DictationController``) and an exam's dictation part (``ExamDictation``): the sound effects
the rules ask for, a clip that cannot be read, and what the headset heard handed back to them.

GUI thread only, like the headset.
"""

from __future__ import annotations

from collections.abc import Callable

from trainer.audio.headset import Headset, Heard, Lost
from trainer.audio.sounds import AudioFileError
from trainer.core.dictation_engine import (
    Action,
    ChangeSpeed,
    ClipEnded,
    ClipStarted,
    Effect,
    Pause,
    PlayClip,
    Seek,
    SoundLost,
    Unload,
    Unplayable,
)
from trainer.ui import messages

SOUND_EFFECTS = (PlayClip, ChangeSpeed, Pause, Seek, Unload)


class DictationSound:
    """Mixed into a dictation's controller, which has ``headset`` and ``_dispatch``."""

    headset: Headset
    _unreadable: str = ""  # why the last clip could not be read, for the problem line
    _dispatch: Callable[[Action], None]

    def _apply_sound(self, effect: Effect) -> bool:
        """What the headset is to do (one of ``SOUND_EFFECTS``); False when the clip could
        not be prepared (the rules were told: the rest of their effects is void)."""
        match effect:
            case PlayClip(clip=clip, from_seconds=start, speed=speed):
                return self._sound(lambda: self.headset.play(clip, start, speed))
            case ChangeSpeed(speed=speed):
                return self._sound(lambda: self.headset.change_speed(speed))
            case Pause():
                self.headset.pause()
            case Seek(to_seconds=to):
                self.headset.seek(to)
            case Unload():
                self.headset.unload()
        return True

    def _sound(self, do: Callable[[], None]) -> bool:
        try:
            do()
        except AudioFileError as exc:
            self._unreadable = messages.of_exception(exc)
            self._dispatch(Unplayable())
            return False
        return True

    def _take_heard(self) -> None:
        """Hand what the headset heard since the last look to the rules."""
        for event in self.headset.poll():
            match event:
                case Heard(kind="start", t=t):
                    self._dispatch(ClipStarted(t))
                case Heard(kind="end", t=t, position=end):
                    self._dispatch(ClipEnded(t, end))
                case Lost(reason=reason):
                    head = self.headset
                    self._dispatch(SoundLost(reason, head.position, head.length))

    def _problem_said(self) -> str:
        """Why the headset does not open, in the trainee's language."""
        problem = self.headset.problem
        return messages.text(problem) if problem is not None else ""
