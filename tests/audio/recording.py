"""Helpers for the audio tests: record the null sink's monitor while something plays, and
compare a recording with what was meant to be heard."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from trainer.audio.portaudio import sounddevice

sd = sounddevice()  # the app's own loader, so the probes are released before a stream opens


class MonitorRecorder:
    """Records mono float32 from the default PulseAudio source (the sink's monitor)."""

    def __init__(self, device: str, rate: int) -> None:
        self.rate = rate
        self._chunks: list[np.ndarray] = []
        self._lock = threading.Lock()
        self._stream = sd.InputStream(
            device=device, samplerate=rate, channels=1, dtype="float32", callback=self._take
        )

    def _take(self, indata, frames, time, status) -> None:
        with self._lock:
            self._chunks.append(indata[:, 0].copy())

    @property
    def frames(self) -> int:
        with self._lock:
            return sum(len(c) for c in self._chunks)

    def audio(self) -> np.ndarray:
        with self._lock:
            return np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.float32)


@contextmanager
def recording(device: str, rate: int) -> Iterator[MonitorRecorder]:
    recorder = MonitorRecorder(device, rate)
    recorder._stream.start()
    try:
        yield recorder
    finally:
        recorder._stream.stop()
        recorder._stream.close()


def best_alignment(recorded: np.ndarray, played: np.ndarray) -> tuple[float, int]:
    """The highest normalised cross-correlation of ``played`` within ``recorded`` (over the
    overlap) and the lag where it is found. A null sink's monitor gives frames only while
    something plays, so the two are aligned by their content, not by wall time."""
    n = len(recorded) + len(played)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(played, size)), size)
    lags = np.arange(size)
    lags[lags > size - len(played)] -= size  # these wrap around: played starts first
    best = -1.0
    best_lag = 0
    order = np.argsort(corr)[::-1][:20]  # the strongest peaks, normalised over their overlap
    for index in order:
        lag = int(lags[index])
        start_r, start_p = max(0, lag), max(0, -lag)
        length = min(len(recorded) - start_r, len(played) - start_p)
        if length <= len(played) // 2:
            continue
        a = recorded[start_r : start_r + length].astype(np.float64)
        b = played[start_p : start_p + length].astype(np.float64)
        denominator = np.sqrt(np.sum(a * a) * np.sum(b * b))
        score = float(np.sum(a * b) / denominator) if denominator else 0.0
        if score > best:
            best, best_lag = score, lag
    return best, best_lag


def heard_as_played(
    recorded: np.ndarray, played: np.ndarray, rate: int, piece: float = 0.5
) -> tuple[bool, str]:
    """Whether ``played`` is in ``recorded`` as it was: matched whole (``best_alignment`` at
    least 0.9), or every ``piece`` seconds of it matched where it landed but for one. A
    dropout or the null sink's latency settling on a fresh server shifts the rest of a clip
    against its start (the whole then matches at 0.75-0.8 though every part is intact); how
    often that happens is the dropout benchmark's figure, not this check's. Also says why."""
    whole, _lag = best_alignment(recorded, played)
    if whole >= 0.9:
        return True, f"whole {whole:.2f}"
    size = int(piece * rate)
    scores = []
    for start in range(0, len(played) - size + 1, size):
        part = played[start : start + size]
        if np.sqrt(np.mean(part.astype(np.float64) ** 2)) < 1e-3:
            continue  # silence matches anything: it proves nothing
        scores.append(best_alignment(recorded, part)[0])
    low = [round(s, 2) for s in scores if s < 0.9]
    return len(scores) >= 2 and len(low) <= 1, f"whole {whole:.2f}, pieces below 0.9: {low}"
