"""Raise a mixed block's rate by a whole factor on its way to the sound device.

A call is mixed at the phone line's 16 kHz (a third of the memory of 48 kHz per clip), but
PulseAudio's ALSA plugin needs 16 ms of buffer at that rate where 10 ms do at 48 kHz
(docs/performance.md, "the line's rate and a dropout storm"). So the engine mixes at 16 kHz
and hands the device 48 kHz, three output frames per mixed one, through a polyphase
windowed-sinc low-pass: what a phone line carries (below 4 kHz) passes, the images of the
raised rate (16 kHz minus each frequency, and up) are filtered out.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Frames = npt.NDArray[np.float32]

TAPS_PER_PHASE = 12  # 36 taps at 3x: a 0.36 ms delay at 48 kHz
CUTOFF = 0.75  # of the mixed rate's Nyquist frequency: 6 kHz at 16 kHz
KAISER_BETA = 7.0


class Upsampler:
    """``factor`` output frames per input frame, with the filter's history kept from block to
    block. ``run`` builds no arrays: it runs in the audio callback."""

    def __init__(self, factor: int, max_block: int) -> None:
        if factor < 2:
            raise ValueError(f"an upsampling factor of at least 2, not {factor}")
        self.factor = factor
        length = factor * TAPS_PER_PHASE
        n = np.arange(length) - (length - 1) / 2
        taps = np.sinc(n * CUTOFF / factor) * np.kaiser(length, KAISER_BETA)
        # phase p makes output frames p, p + factor, ...: taps p, p + factor, ... against the
        # input frames newest first; each phase on its own passes a constant unchanged
        phases = taps.reshape(TAPS_PER_PHASE, factor).T[:, ::-1]
        phases = phases / phases.sum(axis=1, keepdims=True)
        self._phases_t = np.ascontiguousarray(phases.T, dtype=np.float32)  # (taps, factor)
        self._held = TAPS_PER_PHASE - 1  # input frames kept from the block before
        self._input = np.zeros(self._held + max_block, dtype=np.float32)
        self._windows = np.lib.stride_tricks.sliding_window_view(self._input, TAPS_PER_PHASE)
        self._output = np.zeros((max_block, factor), dtype=np.float32)

    def delay(self, output_rate: int) -> float:
        """How much later an input frame is heard than if it were repeated as it is (s): the
        filter's centre."""
        return (self.factor * TAPS_PER_PHASE - 1) / 2 / output_rate

    def run(self, block: Frames) -> Frames:
        """The ``len(block) * factor`` output frames of ``block`` (a view into a buffer that
        the next call overwrites)."""
        n = len(block)
        held = self._held
        self._input[held : held + n] = block
        out = self._output[:n]
        np.matmul(self._windows[:n], self._phases_t, out=out)
        self._input[:held] = self._input[n : n + held]
        return out.reshape(-1)
