"""Turning files and signals into frames the engine can play, before playback starts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from trainer.core import dsp
from trainer.core.dsp import Signal


class AudioFileError(Exception):
    """An audio file that is missing or cannot be read; the message names it."""


def read_audio(path: Path) -> tuple[Signal, int]:
    """A WAV, FLAC or OGG file as mono float32 and its sample rate."""
    if not path.is_file():  # libsndfile would only say "System error"
        raise AudioFileError(f"{path}: no such audio file")
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except FileNotFoundError:
        raise AudioFileError(f"{path}: no such audio file") from None
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise AudioFileError(f"{path}: cannot read this audio file ({exc})") from None
    return np.ascontiguousarray(data.mean(axis=1), dtype=np.float32), int(rate)


def clip_frames(
    path: Path,
    rate: int,
    *,
    telephone: bool = False,
    narrowband: bool = False,
    noise_db: float | None = None,
    speed: float = 1.0,
) -> Signal:
    """A clip ready for the engine: at the device rate, with the line effect and office noise
    asked for, slowed or sped up at the same pitch, and faded at both ends."""
    signal, source_rate = read_audio(path)
    if speed != 1.0:
        signal = dsp.time_stretch(signal, speed, source_rate)
    if telephone or narrowband:
        signal = dsp.telephone(signal, source_rate, narrowband=narrowband)
    if noise_db is not None:
        signal = dsp.add_noise(signal, source_rate, noise_db)
    return dsp.fade(dsp.resample(signal, source_rate, rate), rate)


def sine(freq: float, seconds: float, rate: int, level: float = 0.3) -> Signal:
    """A test tone."""
    t = np.arange(int(seconds * rate), dtype=np.float64) / rate
    return dsp.fade((level * np.sin(2 * np.pi * freq * t)).astype(np.float32), rate, 0.01)
