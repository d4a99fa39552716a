"""The callers' voices of a queue shift: the app's one headset player for the phone calls that
have a recording, opened, made ready and polled for the queue controller.

No words here (the controller says what went wrong) and no rules: the queue engine decides
when a clip plays; this only carries out and reports, as the call desk's controller does for
a call. A shift without recorded calls opens no device at all.
"""

from __future__ import annotations

from collections.abc import Callable

from trainer.audio.headset import Headset, HeadsetInfo, Lost
from trainer.audio.sounds import AudioFileError
from trainer.core import queue_engine as qe
from trainer.core.clips import ClipLibrary
from trainer.core.messages import Message
from trainer.core.queue_scenario import QueueExercise


class SoundOfHeadset(HeadsetInfo):
    """What the queue engine may ask of the headset, answered as the call desk answers it,
    but for a clip that cannot be read or is not in the library: it lasts nothing (the
    caller's words are on the contact's page already)."""

    def seconds(self, clip: str) -> float:
        try:
            return super().seconds(clip)
        except KeyError:
            return 0.0

    def unreadable_seconds(self, clip: str) -> float:
        return 0.0


class CallerSound:
    """The headset of one shift, for its recorded callers."""

    def __init__(
        self,
        library: ClipLibrary,
        exercise: QueueExercise,
        session_now: Callable[[], float],
        *,
        device: int | str | None = None,
        volume: float = 1.0,
    ) -> None:
        self.clips = sorted({a.clip for a in exercise.arrivals if a.clip is not None})
        self.headset = Headset(library, exercise.level, session_now, device=device, volume=volume)
        self.info = SoundOfHeadset(self.headset)
        self.device = device
        self.unreadable: list[AudioFileError] = []  # clips the last opening could not read

    def open(self) -> Message | None:
        """Open the device and make every caller's clip ready (the level's phone line):
        None when it works, else why not (then every caller comes as text)."""
        problem = self.headset.open()
        if problem is None:
            self._prepare()
        return problem

    def reopen(self) -> Message | None:
        """The device opened again (plugged in since it was missing or lost)."""
        self.headset.device = self.device
        problem = self.headset.reconnect()
        if problem is None:
            self._prepare()  # at the rate of the device open now
            self.headset.calibrate()
        return problem

    def _prepare(self) -> None:
        self.unreadable = []
        for clip in self.clips:
            try:
                self.headset.prepare(clip)
            except AudioFileError as exc:
                self.unreadable.append(exc)

    def play(self, clip: str) -> None:
        self.headset.play(clip)

    def stop(self) -> None:
        self.headset.unload()

    def heard(self) -> list[tuple[qe.Action, float | None]]:
        """What the headset heard since the last poll, as the engine's actions with their
        session time (None: now): a clip's start and end, a device gone (with where the clip
        was cut off; the device is left for the controller to close, journaling how it went)."""
        headset = self.headset
        actions: list[tuple[qe.Action, float | None]] = []
        for heard in headset.poll():
            if isinstance(heard, Lost):
                position = headset.position if headset.clip is not None else None
                actions.append((qe.SoundLost(heard.reason, position), None))
            elif heard.kind == "start":
                actions.append((qe.ClipHeard(heard.position), heard.t))
            else:
                actions.append((qe.ClipFinished(), heard.t))
        return actions
