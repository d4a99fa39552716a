"""The trainee's headset, for calls and dictations: one player of the customer's clips.

``Headset`` owns the ``AudioEngine`` and does, once, what each session did its own way: open
the device (or say why not, so the session falls back to subtitles or waits for a key),
keep the stream's clock tied to the session's, prepare clips with the level's sound profile
(``trainer.core.sound_profile``) and keep them as 16-bit samples until they play, play a clip
from a position at a speed, pause and say where, and report, when polled, a clip heard
starting or ending (on the session clock) and a device that went away. ``reconnect`` opens the
device again with the loaded clip paused where it was.

No Qt here: the session's timer calls ``poll`` (every 50 ms does). Everything runs on the GUI
thread; the engine's callback only copies the prepared frames. Positions are seconds into the
clip at normal speed, whatever speed it plays at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from trainer.audio.engine import AudioDeviceError, AudioEngine, Voice, device_said
from trainer.audio.memory import release_freed_memory
from trainer.audio.sounds import (
    AudioFileError,
    audio_seconds,
    beep_tone,
    busy_tone,
    clip_frames,
    hold_music,
    ring_tone,
)
from trainer.core.clips import ClipLibrary
from trainer.core.dsp import Signal
from trainer.core.messages import Message
from trainer.core.sound_profile import sound_profile

Pcm16 = npt.NDArray[np.int16]
# Whatever the customer says passes a phone line (300-3400 Hz, trainer.core.sound_profile) with
# office noise rolled off above 4 kHz, and the ring tone and hold music stay below 4 kHz: a
# 16 kHz mix carries all of it, with a third of the memory a 48 kHz one holds per clip
LINE_RATE = 16_000
# ... and reaches the device at 48 kHz, three frames for each mixed one (``Upsampler``): at
# 16 kHz PulseAudio's ALSA plugin needs 16 ms of buffer, at 48 kHz 10 ms do
LINE_STREAM_RATE = 48_000
CUSTOMER = "klant"  # the customer's voice in the mix
LOOPS: dict[str, tuple[Callable[[int], Signal], float]] = {
    "ring": (ring_tone, 0.8),  # the phone ringing, until it is answered
    "hold": (hold_music, 0.6),  # what a caller on hold hears (and the trainee with them)
    # an outbound call: the number ringing at the other end, the busy tone
    "ringback": (ring_tone, 0.8),
    "busy": (busy_tone, 0.8),
}


def as_pcm16(frames: Signal) -> Pcm16:
    """A prepared clip kept as 16-bit samples, and played from them: half the memory of
    float32 (the nine clips of a level-4 call: 11.6 MB as float32), as precise as the
    recordings."""
    return np.round(np.clip(frames, -1.0, 1.0) * 32767.0).astype(np.int16)


def from_pcm16(pcm: Pcm16) -> Signal:
    """The samples as they sound (float32, -1..1): what the engine makes of them as it mixes
    them (``Voice`` plays 16-bit samples as they are kept, without this copy)."""
    return pcm.astype(np.float32) * np.float32(1 / 32767.0)


@dataclass(frozen=True)
class Heard:
    """The loaded clip was heard starting (from ``position``) or ending (at its length) at
    ``t`` on the session clock: when it reached the headset, not when it was asked for."""

    kind: Literal["start", "end"]
    clip: str
    t: float
    position: float


@dataclass(frozen=True)
class Lost:
    """The device went away (``reason``: what PortAudio said); the clip stopped where it was."""

    reason: str


HeadsetEvent = Heard | Lost


class Headset:
    """The customer's voice in one output device, for one session.

    ``open()`` first (None or the problem, a ``Message``); then ``prepare`` clips ahead if wanted,
    ``play``/``pause``/``resume``/``seek``/``change_speed``/``unload`` the customer's clip,
    ``loop`` the ring tone or hold music, and ``poll()`` from a timer for what was heard.
    ``close()`` at the end.
    ``engine_factory`` makes the engine for a device (tests give one on a fake stream)."""

    def __init__(
        self,
        library: ClipLibrary,
        level: int,
        session_now: Callable[[], float],
        *,
        device: int | str | None = None,
        volume: float = 1.0,
        engine_factory: Callable[[int | str | None], AudioEngine] = AudioEngine,
    ) -> None:
        self.library = library
        self.profile = sound_profile(level)
        self.session_now = session_now  # reassign when the session starts its clock anew
        self.device = device  # reassign to reconnect to another device
        self.volume = volume
        self._factory = engine_factory
        self.engine: AudioEngine | None = None
        self.problem: Message | None = None  # why the device is not open (None when it is)
        self.lost = False
        self._prepared: dict[tuple[str, float], Pcm16] = {}
        self._voice: Voice | None = None
        self.clip: str | None = None  # the clip loaded
        self.speed = 1.0  # the speed it is loaded at
        self._from = 0.0  # where its last play began
        self._held_at = 0.0  # where it stopped when the device closed
        self._rate = 1  # the sample rate the loaded clip was made for
        self._reported_onset = -1
        self._reported_end = -1

    # the device ---------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """The device is open and has not gone away."""
        return self.engine is not None and not self.lost

    def open(self) -> Message | None:
        """Open the device and tie its clock to the session's: None when it works, else what
        is wrong, naming the device (then nothing plays until ``reconnect`` works).

        Unless the engine was made for a rate, the sound is mixed at ``LINE_RATE`` and the
        stream runs at ``LINE_STREAM_RATE`` where the device takes it (PulseAudio and ALSA's
        plug layer convert for the card), else both at the device's own rate."""
        engine = self._factory(self.device)
        line = not engine.samplerate
        if line:
            engine.samplerate, engine.stream_rate = LINE_RATE, LINE_STREAM_RATE
        problem = self._start(engine)
        if problem is not None and line:  # a device that takes its own rate only
            engine = self._factory(self.device)
            problem = self._start(engine)
        if problem is not None:
            self.problem = problem
            return problem
        self.engine, self.problem, self.lost = engine, None, False
        self._rate = engine.samplerate
        return None

    def _start(self, engine: AudioEngine) -> Message | None:
        engine.master = self.volume
        try:
            engine.start()
            engine.calibrate(self.session_now)
        except AudioDeviceError as exc:
            return exc.message
        return None

    def describe_device(self) -> Message:
        """The device as the user knows it: its name, or the default output (worded by the
        UI, which quotes a name as its language does)."""
        if self.engine is not None:
            return self.engine.device_said()
        return device_said(None if self.device is None else str(self.device))

    @property
    def underflows(self) -> int:
        """Blocks the sound card got too late so far (0 without a device)."""
        return self.engine.underflows if self.engine is not None else 0

    def calibrate(self) -> None:
        """Tie the stream's clock to the session's again (after the session clock stood still
        or started anew)."""
        if self.engine is not None:
            self.engine.calibrate(self.session_now)

    def close(self) -> None:
        """Close the device (the clip stays loaded, for ``reconnect``). Safe to call twice."""
        if self._voice is not None:
            self._voice.playing = False
        if self.engine is not None:
            self._held_at = self.position
            self.engine.stop()
            self.engine = None

    def reconnect(self) -> Message | None:
        """Close the device and open it again: None when it works (the loaded clip paused where
        it was, prepared anew for the new mix's rate), else the problem."""
        clip, speed, at = self.clip, self.speed, self.position
        self.close()
        problem = self.open()
        if problem is not None:
            return problem
        self._prepared.clear()  # made for the old mix's rate
        self._voice = None
        self._reported_onset = self._reported_end = -1
        if clip is not None:
            self.load(clip, speed, at)
        return None

    # clips --------------------------------------------------------------------------------
    def prepare(self, clip: str, speed: float = 1.0) -> Pcm16:
        """The clip at the mix's rate with the level's sound, at ``speed`` (same pitch),
        kept for the session; AudioFileError when its file cannot be read."""
        assert self.engine is not None, "open the headset first"
        key = (clip, round(speed, 2))
        if key not in self._prepared:
            p = self.profile
            self._prepared[key] = as_pcm16(
                clip_frames(
                    self.library.path_of(self.library.clips[clip]),
                    self.engine.samplerate,
                    telephone=p.telephone,
                    narrowband=p.narrowband,
                    noise_db=p.noise_db,
                    speed=key[1],
                )
            )
            release_freed_memory()  # the FFTs' scratch: tens of MB, taken and freed
        return self._prepared[key]

    def ready(self, clip: str, speed: float = 1.0) -> bool:
        """``clip`` was prepared (for the device open now) at ``speed``."""
        return (clip, round(speed, 2)) in self._prepared

    def seconds(self, clip: str, speed: float = 1.0) -> float:
        """How long a prepared clip lasts, in seconds at normal speed."""
        return len(self._prepared[(clip, round(speed, 2))]) / self._rate * round(speed, 2)

    def load(self, clip: str, speed: float = 1.0, at: float = 0.0) -> None:
        """Put ``clip`` at ``speed`` in the mix, paused at ``at`` seconds (AudioFileError)."""
        assert self.engine is not None, "open the headset first"
        voice = Voice(CUSTOMER, self.prepare(clip, speed))  # mixed from its 16-bit samples
        voice.pos = self._frame(at, speed, len(voice.frames))  # not in the mix yet
        self._voice = self.engine.add(voice)  # takes the place of the clip before
        self.clip, self.speed = clip, round(speed, 2)

    def play(self, clip: str, from_seconds: float = 0.0, speed: float = 1.0) -> None:
        """Play ``clip`` from ``from_seconds`` at ``speed`` (loaded first when another clip or
        speed is loaded). AudioFileError when its file cannot be read."""
        assert self.engine is not None, "open the headset first"
        if self._voice is None or (clip, round(speed, 2)) != (self.clip, self.speed):
            self.load(clip, speed)
        assert self._voice is not None
        self._from = from_seconds
        self.engine.play(self._voice, self._frame(from_seconds))

    def resume(self) -> None:
        """Play the loaded clip on from where it is (after a pause, a hold, a reconnect); its
        start is heard from there."""
        if self._voice is not None and self.engine is not None:
            self._from = self.position
            self.engine.play(self._voice)

    def pause(self) -> float:
        """Pause the clip (it fades out over a few ms); where it is, in seconds."""
        if self._voice is not None and self.engine is not None:
            self.engine.pause(self._voice)
        return self.position

    def seek(self, to_seconds: float) -> None:
        """Go to ``to_seconds`` in the loaded clip, playing or not."""
        if self._voice is not None:
            self._voice.seek(self._frame(to_seconds))

    def change_speed(self, speed: float) -> None:
        """The loaded clip at another speed, at the same place, playing on if it played."""
        if self._voice is None or self.clip is None:
            return
        playing, at = self._voice.playing, self.position
        self.load(self.clip, speed, at)
        assert self._voice is not None
        self._voice.playing = playing  # ramps in from silence: no click

    def unload(self) -> None:
        """Stop and forget the loaded clip."""
        if self._voice is not None and self.engine is not None:
            self.engine.pause(self._voice)
        self._voice, self.clip = None, None

    def beep(self) -> None:
        """A voicemail's beep, once."""
        if self.engine is None:
            return
        voice = self.engine.voice("beep")
        if voice is None:
            voice = self.engine.add(Voice("beep", beep_tone(self.engine.samplerate), gain=0.8))
        self.engine.play(voice, from_frame=0)

    def loop(self, name: Literal["ring", "hold", "ringback", "busy"], on: bool) -> None:
        """Start (from the top) or stop the ring tone, the hold music, or an outbound call's
        ringback or busy tone."""
        if self.engine is None:
            return
        voice = self.engine.voice(name)
        if voice is None and on:
            make, gain = LOOPS[name]
            voice = self.engine.add(Voice(name, make(self.engine.samplerate), loop=True, gain=gain))
        if voice is not None and on and not voice.playing:
            self.engine.play(voice, from_frame=0)
        elif voice is not None and not on:
            self.engine.pause(voice)

    @property
    def playing(self) -> bool:
        """The loaded clip is playing."""
        return self._voice is not None and self._voice.playing

    @property
    def silent(self) -> bool:
        """Paused and faded out: ``position`` no longer moves (True when nothing is loaded)."""
        return self._voice is None or self._voice.silent

    @property
    def position(self) -> float:
        """Where the loaded clip is, in seconds at normal speed (0 when none; where it stopped
        while the device is closed)."""
        voice = self._voice
        if voice is not None and self.engine is None:
            return self._held_at
        if voice is None or self.engine is None or not voice.duration_frames:
            return 0.0
        return voice.position / self.engine.samplerate * self.speed

    @property
    def length(self) -> float:
        """How long the loaded clip is, in seconds at normal speed (0 when none)."""
        if self._voice is None:
            return 0.0
        return self._voice.duration_frames / self._rate * self.speed

    def _frame(self, seconds: float, speed: float | None = None, frames: int | None = None) -> int:
        assert self.engine is not None
        voice_frames = frames if frames is not None else self._voice_frames()
        frame = int(seconds / (speed or self.speed) * self.engine.samplerate)
        return max(0, min(frame, voice_frames))

    def _voice_frames(self) -> int:
        return self._voice.duration_frames if self._voice is not None else 0

    # polling ------------------------------------------------------------------------------
    def poll(self) -> list[HeadsetEvent]:
        """What happened since the last poll, in order: a device gone (said once), the loaded
        clip heard starting, heard ending. Keeps the clocks tied while the stream runs."""
        engine, voice = self.engine, self._voice
        if engine is None:
            return []
        events: list[HeadsetEvent] = []
        status = engine.poll()
        if status.running:
            engine.calibrate(self.session_now)  # follows a step of the clock PortAudio uses
        elif not self.lost:
            self.lost = True
            if voice is not None:
                voice.playing = False
            events.append(Lost(status.error))
        if voice is None or self.clip is None:
            return events
        if voice.onset_frame >= 0 and voice.onset_frame != self._reported_onset:
            self._reported_onset = voice.onset_frame
            t = engine.session_time_of_frame(voice.onset_frame, self.session_now)
            events.append(Heard("start", self.clip, t, self._from))
        if voice.ended_frame >= 0 and voice.ended_frame != self._reported_end and not voice.playing:
            self._reported_end = voice.ended_frame
            t = engine.session_time_of_frame(voice.ended_frame, self.session_now)
            events.append(Heard("end", self.clip, t, self.length))
        return events


class HeadsetInfo:
    """What an engine may ask of the headset while it decides (``call_protocol.SoundInfo``):
    whether a clip can be heard now, how long it lasts, the dropouts so far. A clip that
    cannot be heard lasts as long as its recording; one whose file cannot be read, as long as
    ``unreadable_seconds`` says."""

    def __init__(self, headset: Headset) -> None:
        self._h = headset

    def device_open(self) -> bool:
        return self._h.available

    def hearable(self, clip: str) -> bool:
        return self._h.available and self._h.ready(clip)

    def seconds(self, clip: str) -> float:
        if self.hearable(clip):
            return self._h.seconds(clip)
        try:  # read from its file: the clip lasts as long on screen as it would in the ear
            return audio_seconds(self._h.library.path_of(self._h.library.clips[clip]))
        except AudioFileError:
            return self.unreadable_seconds(clip)

    def unreadable_seconds(self, clip: str) -> float:
        """A call's estimate: about as long as its transcript takes to read."""
        return 2.0 + len(self._h.library.clips[clip].transcript) / 15

    def underflows(self) -> int:
        return self._h.underflows
