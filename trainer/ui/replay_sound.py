"""The replay's sound: the customer's clips and the trainee's recording, through the headset,
following the replay's clock.

The customer's clips go through the session's own ``Headset`` (prepared with the level's
sound profile, as the trainee heard them); the trainee's recording is one more voice in the
same engine's mix. ``follow`` is called on every tick of the replay's clock with what sounds
then (``Replay.state_at(t).sounding``): a stretch that begins is played from its offset, one
that ends is paused, and after a jump every stretch starts again from where the clock is.

Nothing here stops the replay: a device that cannot be opened, a clip not in the library, a
recording that is missing or unreadable is kept as a ``Message`` (``problem``, ``missing``),
the UI says it, and the replay goes on without that sound.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from trainer.audio.engine import AudioEngine, Voice
from trainer.audio.headset import Headset
from trainer.audio.sounds import AudioFileError, read_audio
from trainer.core import dsp
from trainer.core.clips import ClipLibrary
from trainer.core.messages import Message
from trainer.core.replay import Sounding, Source

TRAINEE = "cursist"  # the trainee's recording in the mix (the customer's is the headset's)


class ReplaySound:
    """Both voices of a session in one output device; ``open()`` first."""

    def __init__(
        self,
        library: ClipLibrary,
        level: int,
        folder: Path,
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        engine_factory: Callable[[int | str | None], AudioEngine] = AudioEngine,
    ) -> None:
        self.folder = folder  # the journal's folder: the recording lies beside it
        self.headset = Headset(
            library,
            level,
            time.monotonic,  # (no session clock to tie to: only what plays, not when heard)
            device=device,
            volume=volume,
            engine_factory=engine_factory,
        )
        self.problem: Message | None = None  # why nothing sounds (None when the device works)
        self.missing: dict[str, Message] = {}  # a file that cannot play -> why
        self._said: set[str] = set()  # the files whose problem follow() returned
        self._voice: Voice | None = None  # the trainee's recording, once read
        self._voice_file = ""
        self._playing: dict[Source, Sounding] = {}

    def open(self) -> Message | None:
        """Open the device: None when it works, else why not (the replay is silent then)."""
        self.problem = self.headset.open()
        return self.problem

    @property
    def available(self) -> bool:
        """The device is open and has not gone away."""
        return self.headset.available

    def preload(self, sounds: Iterable[Sounding]) -> None:
        """Read and prepare every file the replay will play, before it plays: a clip prepared
        when its moment comes would start late by the time that takes. What cannot be read is
        kept in ``missing`` and said when its moment comes."""
        if not self.available:
            return
        engine = self.headset.engine
        assert engine is not None
        for stretch in sounds:
            if stretch.subtitle or stretch.file in self.missing:
                continue
            problem = self._prepare(engine, stretch)
            if problem is not None:
                self.missing[stretch.file] = problem

    def follow(
        self,
        sounding: tuple[tuple[Sounding, float], ...],
        playing: bool,
        jumped: bool = False,
        clock: Callable[[], float] | None = None,
    ) -> list[Message]:
        """Play what sounds now from where it is (``playing``), or nothing; ``jumped``: the
        clock moved by itself (a seek), so every stretch starts again from where it now is;
        ``clock``: the replay's clock, read again once a file is ready (so a file read late
        still starts in step). Returns what newly cannot play (each file said once)."""
        if not self.available:
            return []
        wanted: dict[Source, tuple[Sounding, float]] = {}
        if playing:
            wanted = {s.source: (s, at) for s, at in sounding if not s.subtitle}
        said: list[Message] = []
        for source in ("customer", "trainee"):
            now = wanted.get(source)
            before = self._playing.get(source)
            if now is None:
                if before is not None:
                    self._stop(source)
                continue
            stretch, at = now
            if before is stretch and not jumped:
                continue  # sounding on by itself
            problem = self._play(stretch, at, clock)
            if problem is not None:
                self._playing.pop(source, None)
                if stretch.file not in self._said:
                    self._said.add(stretch.file)
                    said.append(problem)
                self.missing.setdefault(stretch.file, problem)
        return said

    def stop(self) -> None:
        """Silence both voices (the replay paused)."""
        for source in list(self._playing):
            self._stop(source)

    def close(self) -> None:
        """Close the device. Safe to call twice."""
        self.stop()
        self.headset.close()

    def _stop(self, source: Source) -> None:
        self._playing.pop(source, None)
        if source == "customer":
            self.headset.pause()
        elif self._voice is not None and self.headset.engine is not None:
            self.headset.engine.pause(self._voice)

    def _prepare(self, engine: AudioEngine, stretch: Sounding) -> Message | None:
        """The stretch's file ready to play at once; the problem when it cannot be."""
        try:
            if stretch.source == "customer":
                if stretch.file not in self.headset.library.clips:
                    return Message("unknown_clip", {"clip": stretch.file})
                self.headset.prepare(stretch.file, stretch.speed)
            else:
                self._trainee_voice(engine, stretch.file)
        except AudioFileError as exc:
            return exc.message
        return None

    def _play(
        self, stretch: Sounding, at: float, clock: Callable[[], float] | None
    ) -> Message | None:
        """Play a stretch from ``at`` seconds into its file (from where ``clock`` says, once
        the file is ready); the problem when it cannot."""
        if stretch.file in self.missing:
            return self.missing[stretch.file]
        engine = self.headset.engine
        assert engine is not None
        problem = self._prepare(engine, stretch)
        if problem is not None:
            return problem
        if clock is not None:
            at = max(0.0, stretch.offset_at(clock()))
        if stretch.source == "customer":
            self.headset.play(stretch.file, at, stretch.speed)
        else:
            voice = self._trainee_voice(engine, stretch.file)
            engine.play(voice, int(at * engine.samplerate))
        self._playing[stretch.source] = stretch
        return None

    def _trainee_voice(self, engine: AudioEngine, name: str) -> Voice:
        """The recording ``name`` (beside the journal) at the mix's rate, read once
        (AudioFileError when it cannot be)."""
        if self._voice is None or self._voice_file != name:
            signal, rate = read_audio(self.folder / Path(name).name)
            frames = dsp.resample(signal, rate, engine.samplerate)
            self._voice, self._voice_file = engine.add(Voice(TRAINEE, frames)), name
        return self._voice
