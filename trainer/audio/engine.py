"""The headset engine: one output stream that mixes the customer's voice, ring tone, hold
music and office noise.

Thread rules (as in Friture): the PortAudio callback runs on the audio thread and only copies
precomputed float32 frames into ``outdata``, with ramps and gains applied through preallocated
buffers; it takes no lock, logs nothing and builds no arrays. Everything else (opening,
starting, stopping, seeking, volume) runs on the GUI thread and hands the callback new state
by plain attribute assignment, which is atomic in CPython. The GUI learns what happened by
polling (``poll``), never by a call from the callback. A seek is the one command that cannot
be a plain assignment (the callback moves ``pos`` itself, and a ``pos`` written from the GUI in
the middle of a block was overwritten or skipped a block's worth): the GUI posts the target
with ``Voice.seek`` and the callback takes it at the start of its next block. The audio
threads run with real-time priority where the system allows it (see ``start``); the callback
still needs the GIL, so a GUI thread that computes for long stretches can hold a block back.

Timing: the callback records, per block, the stream frame count and PortAudio's
``outputBufferDacTime`` (when that block reaches the headset). A voice's first and last frame
are therefore known on the stream's clock, and ``stream_to_session`` maps that clock onto the
session's monotonic clock, so the journal says when the customer really started speaking.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time as _time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from trainer.audio.portaudio import sounddevice
from trainer.audio.upsample import Upsampler
from trainer.core.messages import Message, Said

Frames = npt.NDArray[np.float32]
# what a voice may hold: float32 in -1..1, or 16-bit samples scaled as they are mixed (a call's
# clip plays from the copy its headset keeps, without a float32 copy twice its size)
Samples = npt.NDArray[np.float32] | npt.NDArray[np.int16]
PCM16_SCALE = 1 / 32767
RAMP_SECONDS = 0.005
_HISTORY = 256  # blocks of timing kept for mapping frames to the stream clock
# A block that reaches the headset this much later than the previous one ended is a dropout,
# reported or not: PulseAudio's ALSA plugin recovers an underrun by itself and then refills
# its buffer for about two seconds, without PortAudio ever flagging an underflow.
GAP_SECONDS = 0.01
# ... except while the stream starts: PulseAudio holds the first blocks back that long too,
# and nobody hears a gap in a sound that has not started yet.
SETTLE_SECONDS = 0.25

# Buffering: from play() to the headset takes the stream's buffer plus, on average, half a
# block (a voice starts with the next block the callback writes). With real-time audio
# threads a 10 ms buffer of ~2.7 ms blocks plays through two CPU-bound processes on two
# cores without a gap; without them the callback thread waits behind those processes, and
# only about 35 ms of 512-frame blocks does (docs/performance.md has the measurements).
REALTIME_LATENCY = 0.010
REALTIME_BLOCK_SECONDS = 0.0027  # 128 frames at 44.1 and 48 kHz
SAFE_LATENCY = 0.035
SAFE_BLOCK_SECONDS = 0.0107  # 512 frames at 48 kHz
# ... but at a rate below 44.1 kHz (the headset's phone line, 16 kHz, which the sound server
# converts for the card) PulseAudio's ALSA plugin needs more: with under ~15 ms of buffer the
# stream underruns as it starts, and the plugin's recovery then asks for sound 3-6 times
# faster than real time until it catches a block in time, so a clip is skipped through, the
# first 2-6 s of it lost (seen at 8, 16, 22.05, 24 and 32 kHz, in most runs; at 16 kHz, 16 ms
# of 4 ms blocks ran 12 runs without a gap, 16 ms of 2 ms blocks had a gap in 1 run of 7)
LOW_RATE = 44100
LOW_RATE_LATENCY = 0.016
LOW_RATE_BLOCK_SECONDS = 0.004  # 64 frames at 16 kHz
# SCHED_FIFO priority for the audio threads: below the sound server's own (PulseAudio 5,
# PipeWire higher), so the server is never held up by its client
REALTIME_PRIORITY = 4


class AudioDeviceError(Said):
    """No usable sound device, or it went away; the message names the device."""


def device_said(name: str | None) -> Message:
    """A sound device for a person's screen: by its name, or the default output (None)."""
    return Message("device_named", {"name": name}) if name else Message("default_output")


class Voice:
    """One sound in the mix. The GUI thread sets ``playing`` and ``gain`` and seeks with
    ``seek`` (``pos`` directly only before the voice joins the mix); the callback advances
    ``pos`` and ramps ``_level`` towards the gain. ``frames``: float32, or int16 samples
    (full scale 32767), kept as they are."""

    __slots__ = (
        "_level",
        "_scale",
        "_seek_seen",
        "_seek_serial",
        "_seek_to",
        "ended_frame",
        "frames",
        "gain",
        "loop",
        "name",
        "onset_frame",
        "playing",
        "pos",
        "started",
    )

    def __init__(
        self, name: str, frames: Samples, *, gain: float = 1.0, loop: bool = False
    ) -> None:
        self.name = name
        pcm16 = frames.dtype == np.int16
        self.frames: Samples = (
            np.ascontiguousarray(frames, dtype=np.int16).reshape(-1)
            if pcm16
            else np.ascontiguousarray(frames, dtype=np.float32).reshape(-1)
        )
        self._scale = np.float32(PCM16_SCALE if pcm16 else 1.0)
        self.gain = gain
        self.loop = loop
        self.pos = 0
        self.playing = False
        self.started = False  # set by the GUI on (re)start; the callback stamps the onset
        self.onset_frame = -1  # stream frame where the sound started (callback writes)
        self.ended_frame = -1  # stream frame after its last frame (callback writes)
        self._level = 0.0
        # a seek posted by the GUI: the callback applies ``_seek_to`` when the serial moved on
        # (the target is written before the serial, so a serial seen has its target ready)
        self._seek_to = 0
        self._seek_serial = 0
        self._seek_seen = 0

    def seek(self, frame: int) -> None:
        """Go to ``frame`` (GUI thread): taken by the callback at its next block, never in the
        middle of one."""
        self._seek_to = max(0, min(frame, len(self.frames)))
        self._seek_serial += 1

    @property
    def position(self) -> int:
        """Where the voice is, or will be once a posted seek is taken (GUI thread)."""
        return self._seek_to if self._seek_serial != self._seek_seen else self.pos

    @property
    def duration_frames(self) -> int:
        """Length in frames."""
        return len(self.frames)

    @property
    def silent(self) -> bool:
        """Paused and faded out: the callback no longer moves ``pos``."""
        return not self.playing and self._level == 0.0

    def render(
        self,
        mix: Frames,
        n: int,
        ramp: Frames,
        work: Frames,
        gains: Frames,
        block_start: int,
        fade: int,
    ) -> None:
        """Add this voice's next ``n`` frames to ``mix`` (audio thread). A pause fades out
        over ``fade`` frames and takes only those from the clip: the rest of the block is
        silence, and the voice resumes right after the last frame that was heard."""
        serial = self._seek_serial
        if serial != self._seek_seen:  # a seek the GUI posted since the last block
            self._seek_seen = serial
            self.pos = self._seek_to
        target = self.gain if self.playing else 0.0
        if target == 0.0 and self._level == 0.0:
            return
        if target == 0.0:
            n = min(n, fade)
        if self.started:
            self.started = False
            self.onset_frame = block_start
        done = 0
        while done < n:
            left = len(self.frames) - self.pos
            if left <= 0:
                if self.loop and len(self.frames):
                    self.pos = 0
                    continue
                self.playing = False
                self._level = 0.0
                self.ended_frame = block_start + done
                return
            step = min(n - done, left)
            chunk = self.frames[self.pos : self.pos + step]
            out = work[:step]
            scale = self._scale
            if self._level == target:
                np.multiply(chunk, np.float32(target) * scale, out=out)
            else:  # ramp within this block, then hold
                g = gains[:step]
                np.multiply(ramp[done : done + step], (target - self._level) * scale, out=g)
                np.add(g, self._level * scale, out=g)
                np.multiply(chunk, g, out=out)
            np.add(mix[done : done + step], out, out=mix[done : done + step])
            self.pos += step
            done += step
        self._level = target  # the ramp reached it within this block


@dataclass
class EngineStatus:
    """What the GUI polls: underflows, whether the stream still runs, and why not."""

    running: bool
    underflows: int
    frames_played: int
    error: str = ""


class AudioEngine:
    """Plays voices on one output device. Create, start, command and stop it on one thread."""

    def __init__(
        self,
        device: int | str | None = None,
        *,
        samplerate: int | None = None,
        stream_rate: int | None = None,
        blocksize: int | None = None,
        channels: int = 2,
        latency: float | None = None,
        realtime: bool = True,
        stream_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.device = device
        self.blocksize = blocksize or 0  # chosen in start() unless given
        self.channels = channels
        self.requested_latency = latency  # None: chosen in start() (see choose_buffering)
        self.want_realtime = realtime
        self.realtime = False  # the audio threads got real-time scheduling
        self._factory = stream_factory
        self.samplerate = samplerate or 0  # the mix's rate: voices, frames and positions
        # the device's stream, a whole multiple of the mix's rate (0: the same): each mixed
        # block is raised to it on its way out (``Upsampler``)
        self.stream_rate = stream_rate or 0
        self._upsampler: Upsampler | None = None
        self._filter_delay = 0.0  # how much later the upsampler makes a frame heard (s)
        self.master = 1.0
        self.underflows = 0
        self.frames_played = 0
        self._voices: tuple[Voice, ...] = ()
        self._audible = False  # something played in the last block
        self._stream: Any = None
        self._device_name = ""
        # per block: (first stream frame, DAC time), written as one row so a reader on the
        # GUI thread never pairs one block's frame with another's time
        self._history = np.zeros((_HISTORY, 2), dtype=np.float64)
        self._history_next = 0
        self._offset: float | None = None
        self._dac_end = 0.0  # when the last block written ends in the headset (stream clock)

    # opening and closing ----------------------------------------------------------------
    def start(self) -> None:
        """Open the device and start the stream (GUI thread). AudioDeviceError if it cannot.

        The stream is opened from a short-lived thread that first asks for real-time
        scheduling: the threads it creates (PortAudio's callback thread and the sound
        server's client thread inside libasound's pulse plugin) inherit that policy, while
        the GUI thread keeps its own. Where the system grants it, a small buffer survives a
        busy machine; where it does not, a larger one is chosen (``choose_buffering``)."""
        failure: list[BaseException] = []

        def open_and_start() -> None:
            try:
                self.realtime = self.want_realtime and _ask_realtime(REALTIME_PRIORITY)
                self._open()
            except BaseException as exc:  # handed to the caller's thread below
                failure.append(exc)

        opener = threading.Thread(target=open_and_start, name="simultaan-audio-open")
        opener.start()
        opener.join()
        if failure:
            raise failure[0]

    def _open(self) -> None:
        sd = sounddevice()

        factory = self._factory or sd.OutputStream
        try:
            info = sd.query_devices(self.device, "output") if self._factory is None else None
            low = 0.0
            if info is not None:
                self._device_name = str(info["name"])
                low = float(info["default_low_output_latency"])
                if not self.samplerate:
                    self.samplerate = int(info["default_samplerate"])
            self.samplerate = self.samplerate or 48000
            out_rate = self.stream_rate or self.samplerate
            factor = out_rate // self.samplerate
            if factor * self.samplerate != out_rate or self.blocksize % factor:
                raise ValueError(
                    f"a stream at {out_rate} Hz in blocks of {self.blocksize} frames for a mix"
                    f" at {self.samplerate} Hz"
                )
            blocksize, latency = choose_buffering(
                out_rate, low, realtime=self.realtime, factor=factor
            )
            self.blocksize = self.blocksize or blocksize
            latency = self.requested_latency if self.requested_latency is not None else latency
            size = max(self.blocksize, 8192)  # PortAudio may ask for more than blocksize
            self._upsampler = Upsampler(factor, size) if factor > 1 else None
            self._filter_delay = self._upsampler.delay(out_rate) if self._upsampler else 0.0
            self._mix = np.zeros(size, dtype=np.float32)
            self._work = np.zeros(size, dtype=np.float32)
            self._gains = np.zeros(size, dtype=np.float32)
            self._fade = max(1, int(self.samplerate * RAMP_SECONDS))
            self._ramp = np.ones(size, dtype=np.float32)
            self._ramp[: self._fade] = np.linspace(0.0, 1.0, self._fade, dtype=np.float32)
            self._stream = factory(
                device=self.device,
                samplerate=out_rate,
                blocksize=self.blocksize,
                channels=self.channels,
                dtype="float32",
                callback=self._callback,
                latency=latency,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            if isinstance(self.device, str) and not self._device_name:
                from trainer.audio.devices import not_there

                missing = not_there(self.device, "output")
                if missing is not None:  # (a typo in the settings or SIMULTAAN_AUDIO_DEVICE)
                    raise AudioDeviceError(missing) from None
            if self._device_name or self.device is not None:
                name = self._device_name or str(self.device)
                said = Message("device_cannot_open", {"name": name, "detail": str(exc)})
            else:
                said = Message("default_device_cannot_open", {"detail": str(exc)})
            raise AudioDeviceError(said) from None

    def device_said(self) -> Message:
        """The device for a person's screen: its name, or the default output."""
        if self._device_name or self.device is not None:
            return device_said(self._device_name or str(self.device))
        return device_said(None)

    def describe_device(self) -> str:
        """The device's name in the log (English, for a developer)."""
        if self._device_name:
            return f"'{self._device_name}'"
        return "(the default output)" if self.device is None else f"'{self.device}'"

    @property
    def latency(self) -> float:
        """The output latency the stream reports, in seconds."""
        return float(self._stream.latency) if self._stream is not None else 0.0

    def stop(self) -> None:
        """Stop and close the stream (GUI thread). Safe to call twice."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # a device that went away cannot be closed cleanly;
                # the stream is dropped all the same and the next start opens a new one
                logging.getLogger(__name__).warning(
                    "closing the sound device %s failed: %s", self.describe_device(), exc
                )

    # voices -----------------------------------------------------------------------------
    def add(self, voice: Voice) -> Voice:
        """Put a voice in the mix (not playing yet)."""
        self._voices = (*[v for v in self._voices if v.name != voice.name], voice)
        return voice

    def remove(self, name: str) -> None:
        """Take a voice out of the mix."""
        self._voices = tuple(v for v in self._voices if v.name != name)

    def voice(self, name: str) -> Voice | None:
        """The voice with this name."""
        return next((v for v in self._voices if v.name == name), None)

    def play(self, voice: Voice, from_frame: int | None = None) -> None:
        """Start (or resume) a voice; ``from_frame`` seeks first."""
        if voice not in self._voices:
            self.add(voice)
        if from_frame is not None:
            voice.seek(from_frame)
        voice.ended_frame = -1
        voice.started = True
        voice.playing = True

    def pause(self, voice: Voice) -> None:
        """Pause a voice (it ramps down over a few milliseconds)."""
        voice.playing = False

    # the audio thread -------------------------------------------------------------------
    def _callback(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        dac = time.outputBufferDacTime if time is not None else 0.0
        # a gap the trainee could hear (not while all is silent), flagged or not
        if self._audible and (
            (status and status.output_underflow)
            or (
                dac
                and self._dac_end
                and self.frames_played >= self.samplerate * SETTLE_SECONDS
                and time.currentTime > self._dac_end  # the headset had run out of sound
                and dac - self._dac_end > GAP_SECONDS
            )
        ):
            self.underflows += 1
        upsampler = self._upsampler
        n = frames if upsampler is None else frames // upsampler.factor  # mixed frames
        mix = self._mix[:n]
        mix.fill(0.0)
        start = self.frames_played
        audible = False  # (a loop, not any() over a generator: no object made per block)
        for voice in self._voices:
            voice.render(mix, n, self._ramp, self._work, self._gains, start, self._fade)
            if voice.playing:
                audible = True
        if self.master != 1.0:
            np.multiply(mix, self.master, out=mix)
        np.clip(mix, -1.0, 1.0, out=mix)
        if upsampler is None:
            outdata[:] = mix[:, None]
        else:
            out = upsampler.run(mix)
            np.clip(out, -1.0, 1.0, out=out)
            outdata[: len(out)] = out[:, None]
            outdata[len(out) :] = 0.0  # (PortAudio hands whole blocks: never any)
        self._audible = audible
        slot = self._history_next % _HISTORY
        self._history[slot] = (start, dac + self._filter_delay if dac else 0.0)
        self._history_next += 1
        self.frames_played = start + n
        self._dac_end = dac + frames / (self.stream_rate or self.samplerate) if dac else 0.0

    # clocks -----------------------------------------------------------------------------
    def stream_time_of_frame(self, frame: int) -> float | None:
        """When mixed frame ``frame`` reaches the headset, on the stream's clock."""
        count = min(self._history_next, _HISTORY)
        if count == 0 or frame < 0:
            return None
        history = self._history[:count].copy()  # one consistent snapshot
        slot = int(np.argmin(np.abs(history[:, 0] - frame)))
        block_frame, dac = history[slot]
        if dac == 0.0:  # host API reports no DAC time: count from the stream clock
            return None
        return float(dac + (frame - block_frame) / self.samplerate)

    def calibrate(self, session_now: Callable[[], float]) -> None:
        """Measure the offset between the stream clock and the session clock (GUI thread).

        Call it again now and then: Debian's PortAudio 19.6 reads the stream time from the
        wall clock, which can step (time sync, suspend), while the session clock cannot.
        """
        if self._stream is None:
            return
        best: float | None = None
        for _ in range(5):  # the smallest gap is the least disturbed reading
            before = session_now()
            stream_t = float(self._stream.time)
            after = session_now()
            offset = (before + after) / 2 - stream_t
            if best is None or after - before < best:
                best, self._offset = after - before, offset

    def stream_to_session(self, stream_time: float) -> float | None:
        """A stream-clock time on the session clock (after ``calibrate``)."""
        return None if self._offset is None else stream_time + self._offset

    def session_time_of_frame(self, frame: int, session_now: Callable[[], float]) -> float:
        """When ``frame`` reached (or reaches) the headset, on the session clock. Falls back to
        the session clock plus the reported latency where the host API gives no DAC time."""
        stream_t = self.stream_time_of_frame(frame)
        mapped = self.stream_to_session(stream_t) if stream_t is not None else None
        if mapped is not None:
            return mapped
        behind = (self.frames_played - frame) / (self.samplerate or 1)
        return session_now() - behind + self.latency

    def poll(self) -> EngineStatus:
        """The stream's state, for the GUI's timer: a lost device shows as not running."""
        stream = self._stream
        if stream is None:
            return EngineStatus(False, self.underflows, self.frames_played, "stopped")
        try:
            active = bool(stream.active)
        except Exception as exc:
            return EngineStatus(False, self.underflows, self.frames_played, str(exc))
        error = "" if active else f"the sound device {self.describe_device()} stopped"
        return EngineStatus(active, self.underflows, self.frames_played, error)


def choose_buffering(
    rate: int, device_low: float, *, realtime: bool, factor: int = 1
) -> tuple[int, float]:
    """Block size (frames) and suggested latency (s) for a stream at ``rate`` on a device
    whose lowest latency is ``device_low``: never below what the device says it can do,
    larger where the audio threads run without real-time scheduling, and at least
    ``LOW_RATE_LATENCY`` in blocks of ``LOW_RATE_BLOCK_SECONDS`` below ``LOW_RATE``. A block
    holds a power of two of mixed frames, ``factor`` stream frames each (``Upsampler``)."""
    block_seconds, latency = (
        (REALTIME_BLOCK_SECONDS, REALTIME_LATENCY)
        if realtime
        else (SAFE_BLOCK_SECONDS, SAFE_LATENCY)
    )
    if rate < LOW_RATE:
        block_seconds = max(block_seconds, LOW_RATE_BLOCK_SECONDS)
        latency = max(latency, LOW_RATE_LATENCY)
    blocksize = factor << max(5, round(math.log2(rate * block_seconds / factor)))
    return blocksize, max(latency, device_low)


def _ask_realtime(priority: int) -> bool:
    """Real-time (SCHED_FIFO) scheduling for the calling thread; False where the system says
    no (an unprivileged user without an rtprio limit, or not Linux)."""
    setter = getattr(os, "sched_setscheduler", None)
    if setter is None:
        return False
    try:
        setter(0, os.SCHED_FIFO, os.sched_param(priority))
    except OSError:
        return False
    return True


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.01) -> bool:
    """Poll ``condition`` until true or ``timeout`` seconds pass (for the command line)."""
    deadline = _time.monotonic() + timeout
    while _time.monotonic() < deadline:
        if condition():
            return True
        _time.sleep(step)
    return condition()
