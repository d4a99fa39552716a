"""The trainee's voice during a call: the microphone written to an Ogg Opus file beside the
session's journal, stamped on the session clock.

Threads: PortAudio's input callback only copies each block into a ring buffer made before the
stream starts (and notes, in one row of a table made before too, when it came); a worker thread
moves what the ring holds into the file about four times a second; the GUI thread starts,
polls and stops. Nothing in the callback allocates, locks, logs or touches the disk.

Why Ogg Opus, not FLAC: libsndfile's FLAC writes the stream's length into its header only when
the file is closed, and a FLAC left open by a killed app cannot be read back through soundfile
(its length reads as unknown, and reading stops with a seek error). An Ogg file is a chain of
self-checking pages: cut off anywhere, it reads to its last whole page, and the page latency is
set to 200 ms, so a killed app loses what the worker had not written plus at most a page. Opus
at 16 kHz is made for speech and takes about 3 kB a second (FLAC: about 30).

Timing, on the input stream's own clock: every block's callback says when it ran
(``currentTime`` in its time info), and the frames up to the block's end are counted. A sample
cannot have been taken after the callback that brought it, so frame 0 was taken at the latest
at ``currentTime - frames up to the block's end / rate`` for every block; the smallest of these
over the latest blocks (``WINDOW``) is when frame 0 was taken, give or take the shortest
delivery.
That time is mapped onto the session clock by the offset ``calibrate`` measures between the
stream's ``time`` and the session clock, as the headset does for its output. The time info's
``inputBufferAdcTime`` would say it directly, but PortAudio's ALSA host takes it from the sound
server's reported capture delay, which through PulseAudio put the samples 0.55 to 0.70 s too
early (before they were even played, on the null sink's monitor), varying from run to run,
while the arrival bound placed them within 2 ms of when the headset played them.

When the mapping moves (input dropped on a busy machine: later frames were taken later than the
count says; the session clock stood still; the clocks drifted), ``poll`` says from which frame
on the new one holds (``VoiceSync``). Frames the worker could not take in time (a slow disk)
are written as silence so the file keeps time, and counted in ``lost``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile

from trainer.audio.portaudio import sounddevice
from trainer.core.messages import Message

RATE = 16_000  # speech: Opus's wideband, all a voice on a headset microphone carries
RING_SECONDS = 4.0  # what the ring holds while the disk is slow: 256 kB of float32
CHUNK_SECONDS = 0.5  # the worker writes in pieces of this much (its copy: 32 kB)
WRITE_SECONDS = 0.25  # the worker writes this often
PAGE_LATENCY_MS = 200.0  # an Ogg page at least this often: a kill loses no more
WINDOW = 64  # blocks whose arrival bounds when frame 0 was taken (about half a second)
# the first sample's time is said once this much was recorded: the first blocks come in a
# burst after the stream starts, and the bound then settled within 1 ms (15 ms too late after
# only 8 blocks, now and then)
SETTLE_SECONDS = 0.5
SYNC_SECONDS = 0.01  # the mapping moved this much: the new one is journaled
_SFC_SET_OGG_PAGE_LATENCY_MS = 0x1302  # sndfile.h (libsndfile 1.2)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceStarted:
    """The first sample was taken at ``t`` on the session clock."""

    t: float


@dataclass(frozen=True)
class VoiceSync:
    """From file frame ``frame`` on, samples map onto the session clock from ``t`` (after the
    session clock stood still, or the two clocks drifted apart)."""

    frame: int
    t: float


@dataclass(frozen=True)
class VoiceStopped:
    """The recording stopped before the call ended: ``reason`` is ``microphone_lost``,
    ``disk_full`` or ``write_failed``; ``message`` says it to a person."""

    reason: str
    message: Message


VoiceNews = VoiceStarted | VoiceSync | VoiceStopped


class VoiceRecorder:
    """One call's microphone into ``path``. ``start`` (None or the problem), ``poll`` from the
    session's timer, ``stop`` at the end (safe twice). ``stream_factory`` makes the input
    stream (unit tests give a fake one)."""

    def __init__(
        self,
        path: Path,
        session_now: Callable[[], float],
        *,
        device: int | str | None = None,
        stream_factory: Callable[..., Any] | None = None,
    ) -> None:
        self.path = path
        self.session_now = session_now
        self.device = device
        self.rate = RATE
        self._factory = stream_factory
        self._ring = np.zeros(int(RATE * RING_SECONDS), dtype=np.float32)
        self._chunk = np.zeros(int(RATE * CHUNK_SECONDS), dtype=np.float32)  # the worker's
        self._stream: Any = None
        self._file: soundfile.SoundFile | None = None
        self._worker: threading.Thread | None = None
        self._wake = threading.Event()
        self._stopping = False
        # written by the callback only
        self.produced = 0  # frames put into the ring
        self.blocks = 0
        # per block: (frames up to its end, when its callback ran on the stream clock), written
        # as one row so the GUI never pairs one block's count with another's time
        self._arrivals = np.zeros((WINDOW, 2), dtype=np.float64)
        # written by the worker only
        self.written = 0  # frames in the file
        self._late = 0  # frames of silence: overwritten before the worker took them
        self._failure: VoiceStopped | None = None
        # the GUI's
        self._offset: float | None = None
        self._mapped: tuple[int, float] | None = None  # the last mapping said: (frame, t)
        self._started_said = False
        self._stopped_said = False
        self._device_name = ""

    # the GUI thread -------------------------------------------------------------------------
    def start(self) -> Message | None:
        """Open the microphone and the file, and record: None, or what is wrong."""
        sd = sounddevice()
        factory = self._factory or sd.InputStream
        try:
            if self._factory is None:
                info = sd.query_devices(self.device, "input")
                self._device_name = str(info["name"])
            self._stream = factory(
                device=self.device,
                samplerate=self.rate,
                channels=1,
                dtype="float32",
                callback=self._callback,
            )
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            if self.device is None:
                return Message("default_microphone_cannot_open", {"detail": str(exc)})
            if isinstance(self.device, str) and self._factory is None:
                from trainer.audio.devices import not_there

                missing = not_there(self.device, "input")
                if missing is not None:  # (unplugged, or a typo in the settings)
                    return missing
            return Message("microphone_cannot_open", {"name": str(self.device), "detail": str(exc)})
        try:
            self._file = soundfile.SoundFile(
                self.path, "w", samplerate=self.rate, channels=1, format="OGG", subtype="OPUS"
            )
        except (soundfile.LibsndfileError, OSError) as exc:
            self._stream.close()
            self._stream = None
            return Message("voice_cannot_write", {"path": str(self.path), "detail": str(exc)})
        latency = soundfile._ffi.new("double*", PAGE_LATENCY_MS)
        soundfile._snd.sf_command(
            self._file._file, _SFC_SET_OGG_PAGE_LATENCY_MS, latency, soundfile._ffi.sizeof("double")
        )
        self._worker = threading.Thread(target=self._work, name="simultaan-voice", daemon=True)
        self._worker.start()
        try:
            self._stream.start()
        except sd.PortAudioError as exc:
            self.stop()
            self.path.unlink(missing_ok=True)  # a file without a sample in it
            return Message("microphone_cannot_open", {"name": self.describe(), "detail": str(exc)})
        self.calibrate()
        return None

    def describe(self) -> str:
        """The microphone's name, as PortAudio has it (or as it was asked for)."""
        return self._device_name or ("" if self.device is None else str(self.device))

    @property
    def recording(self) -> bool:
        """The microphone is open and the file is being written."""
        return self._stream is not None and self._failure is None

    def calibrate(self) -> None:
        """Measure the offset from the stream's clock to the session clock (as the engine does:
        the narrowest of five readings)."""
        stream = self._stream
        if stream is None:
            return
        best: float | None = None
        for _ in range(5):
            before = self.session_now()
            try:
                stream_t = float(stream.time)
            except Exception:  # a stream whose device went away has no time
                return
            after = self.session_now()
            if best is None or after - before < best:
                best, self._offset = after - before, (before + after) / 2 - stream_t

    def _frame_zero(self) -> tuple[float, int] | None:
        """When frame 0 was taken on the stream clock, by the latest blocks' arrival, and the
        frame where the oldest of those blocks ends (None before a block came)."""
        count = min(self.blocks, WINDOW)
        if count == 0:
            return None
        rows = self._arrivals[:count].copy()  # one consistent snapshot
        bounds = rows[:, 1] - rows[:, 0] / self.rate
        return float(bounds.min()), int(rows[:, 0].min())

    def session_time_of(self, frame: int) -> float | None:
        """When ``frame`` was taken, on the session clock, by the mapping now (None before the
        first block came or the clocks were tied)."""
        zero = self._frame_zero()
        if zero is None or self._offset is None:
            return None
        return zero[0] + self._offset + frame / self.rate

    def poll(self, clock_running: bool = True, *, settle: bool = True) -> list[VoiceNews]:
        """What happened since the last poll: the first sample's time (once its blocks
        settled), a mapping that moved, the recording stopped (once). Ties the clocks again
        while the session clock runs (not while it stands still: the stream's clock runs on,
        and the mapping is said anew when it runs again). ``settle=False`` (at the end): the first
        sample's time is said after any block, not only after ``SETTLE_SECONDS``."""
        news: list[VoiceNews] = []
        if self._stream is None or self._stopped_said:
            return news
        if clock_running:
            offset = self._offset
            self.calibrate()
            zero = self._frame_zero()
            if (
                zero is not None
                and not self._started_said
                and (self.produced >= SETTLE_SECONDS * self.rate or not settle)
            ):
                first = self.session_time_of(0)
                assert first is not None
                self._started_said = True
                self._mapped = (0, first)
                news.append(VoiceStarted(first))
            elif zero is not None and self._mapped is not None:
                # after the session clock stood still: from the latest block on; else from the
                # oldest block whose arrival gave the new bound
                moved = offset is not None and self._offset is not None
                stood_still = moved and abs(self._offset - offset) > SYNC_SECONDS  # type: ignore[operator]
                latest = int(self._arrivals[(self.blocks - 1) % WINDOW, 0])
                frame = latest if stood_still else zero[1]
                now = self.session_time_of(frame)
                said = self._mapped[1] + (frame - self._mapped[0]) / self.rate
                if now is not None and abs(now - said) > SYNC_SECONDS:
                    self._mapped = (frame, now)
                    news.append(VoiceSync(frame, now))
        stopped = self._failure or self._lost_device()
        if stopped is not None:
            self._stopped_said = True
            news.append(stopped)
        return news

    def _lost_device(self) -> VoiceStopped | None:
        try:
            active = bool(self._stream.active)
        except Exception:
            active = False
        if active:
            return None
        said = Message("microphone_lost", {"name": self.describe()})
        return VoiceStopped("microphone_lost", said)

    @property
    def lost(self) -> int:
        """Frames of the file that are silence instead of what the microphone took."""
        return self._late

    def end_time(self) -> float:
        """When the file's last frame ended, on the session clock, by the mapping last said
        (or now, when none was)."""
        if self._mapped is None:
            return self.session_now()
        frame, t = self._mapped
        return t + (self.written - frame) / self.rate

    def stop(self) -> None:
        """Close the microphone, write what the ring still holds and close the file (so its
        last page is marked as the end). Safe to call twice."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # a vanished device cannot be closed cleanly
                logger.warning("closing the microphone %s failed: %s", self.describe(), exc)
        worker, self._worker = self._worker, None
        if worker is not None:
            self._stopping = True
            self._wake.set()
            worker.join()
        file, self._file = self._file, None
        if file is not None:
            try:
                file.close()
            except (soundfile.LibsndfileError, OSError) as exc:
                logger.warning("closing the recording %s failed: %s", self.path, exc)

    # the audio thread -----------------------------------------------------------------------
    def _callback(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        ring = self._ring
        size = len(ring)
        at = self.produced
        start = at % size
        first = min(frames, size - start)
        ring[start : start + first] = indata[:first, 0]
        ring[: frames - first] = indata[first:frames, 0]
        self.produced = at + frames
        self._arrivals[self.blocks % WINDOW] = (
            self.produced,
            time.currentTime if time is not None else 0.0,
        )
        self.blocks += 1

    # the worker thread ----------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            stopping = self._stopping
            self._drain()
            if stopping or self._failure is not None:
                return
            self._wake.wait(WRITE_SECONDS)

    def _drain(self) -> None:
        """Write what the ring holds, a piece at a time; what the callback overwrote before
        it was taken is written as silence (and counted lost), so the file keeps time."""
        wrote = False
        while self._failure is None and self._file is not None:
            size, piece = len(self._ring), len(self._chunk)
            produced = self.produced
            if produced <= self.written:
                break
            wrote = True
            chunk = self._chunk
            skipped = min(max(0, produced - size - self.written), piece)  # overwritten already
            if skipped:
                chunk[:skipped] = 0.0
                self._write(chunk[:skipped], skipped)
                self._late += skipped
                continue
            begin = self.written
            count = min(produced - begin, piece)
            start = begin % size
            first = min(count, size - start)
            chunk[:first] = self._ring[start : start + first]
            chunk[first:count] = self._ring[: count - first]
            # overwritten while it was copied: the oldest frames of the copy are not these
            overrun = min(max(0, self.produced - size - begin), count)
            chunk[:overrun] = 0.0
            self._late += overrun
            self._write(chunk[:count], count)
        if wrote and self._failure is None and self._file is not None:
            # to the disk now (libsndfile's sync): a power cut loses no more than a kill
            try:
                self._file.flush()
            except (soundfile.LibsndfileError, OSError) as exc:
                self._failure = _write_failure(self.path, exc)

    def _write(self, frames: np.ndarray, count: int) -> None:
        file = self._file
        assert file is not None
        try:
            file.write(frames)
        except (soundfile.LibsndfileError, OSError) as exc:
            self._failure = _write_failure(self.path, exc)
            logger.warning("the recording %s could not be written: %s", self.path, exc)
            return
        self.written += count


def _write_failure(path: Path, exc: Exception) -> VoiceStopped:
    """A write that failed: a full disk said as such, anything else with its detail."""
    detail = str(exc)
    full = isinstance(exc, OSError) and exc.errno in (28, 27)  # ENOSPC, EFBIG
    if not full:
        try:
            import shutil

            full = shutil.disk_usage(path.parent).free < 1 << 20
        except OSError:
            pass
    if full:
        return VoiceStopped("disk_full", Message("voice_disk_full", {"path": str(path)}))
    said = Message("voice_cannot_write", {"path": str(path), "detail": detail})
    return VoiceStopped("write_failed", said)
