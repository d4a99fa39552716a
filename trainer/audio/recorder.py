"""Recording a customer clip from the microphone, for the coach's clip library.

The input callback copies each block into a buffer allocated before recording starts and
keeps the peak level; the GUI polls ``level`` and ``seconds`` for its meter, and ``cut_off``
(the buffer is full: nothing after ``max_seconds`` is kept) and ``lost_blocks`` (PortAudio
dropped input: the take has gaps), which the coach is told. Started, stopped and read on the
GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from trainer.audio.engine import AudioDeviceError
from trainer.audio.portaudio import sounddevice
from trainer.core.dsp import Signal
from trainer.core.messages import Message

MAX_SECONDS = 120

logger = logging.getLogger(__name__)


class Recorder:
    """One take from one input device, mono float32."""

    def __init__(self, device: int | str | None = None, samplerate: int | None = None) -> None:
        self.device = device
        self.samplerate = samplerate or 0
        self.frames = 0
        self.level = 0.0  # peak of the latest block, 0..1
        self.max_seconds = MAX_SECONDS  # the longest take: its buffer is made before it starts
        self.cut_off = False  # the take reached max_seconds: what came after is not in it
        self.lost_blocks = 0  # blocks in which the input overflowed: gaps in the take
        self._stream: Any = None
        self._buffer = np.zeros(0, dtype=np.float32)

    def start(self) -> None:
        """Open the microphone and record; AudioDeviceError names the device if it cannot."""
        sd = sounddevice()

        try:
            info = sd.query_devices(self.device, "input")
            self.samplerate = self.samplerate or int(info["default_samplerate"])
            self._buffer = np.zeros(self.samplerate * self.max_seconds, dtype=np.float32)
            self.frames = 0
            self.cut_off, self.lost_blocks = False, 0
            self._stream = sd.InputStream(
                device=self.device,
                samplerate=self.samplerate,
                channels=1,
                dtype="float32",
                callback=self._callback,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            self._stream = None
            if self.device is None:
                said = Message("default_microphone_cannot_open", {"detail": str(exc)})
            else:
                from trainer.audio.devices import not_there

                missing = not_there(self.device, "input") if isinstance(self.device, str) else None
                said = missing or Message(
                    "microphone_cannot_open", {"name": str(self.device), "detail": str(exc)}
                )
            raise AudioDeviceError(said) from None

    def _callback(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        room = len(self._buffer) - self.frames
        take = min(frames, room)
        if take > 0:
            self._buffer[self.frames : self.frames + take] = indata[:take, 0]
            self.frames += take
        if take < frames:
            self.cut_off = True
        if status and status.input_overflow:
            self.lost_blocks += 1
        self.level = float(np.max(np.abs(indata[:, 0]))) if frames else 0.0

    @property
    def seconds(self) -> float:
        """Length of the take so far."""
        return self.frames / self.samplerate if self.samplerate else 0.0

    @property
    def recording(self) -> bool:
        """True while the microphone is open."""
        return self._stream is not None

    def stop(self) -> Signal:
        """Close the microphone and return the take."""
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.stop()
                stream.close()
            except Exception as exc:  # a vanished device cannot be closed cleanly; the take
                # is kept all the same, and the next take opens the device anew
                logger.warning("closing the microphone %s failed: %s", self.device, exc)
        self.level = 0.0
        return self._buffer[: self.frames].copy()
