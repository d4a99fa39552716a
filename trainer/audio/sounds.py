"""Turning files and signals into frames the engine can play, before playback starts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from trainer.core import dsp
from trainer.core.dsp import Signal


class AudioFileError(Exception):
    """An audio file that is missing or cannot be read; the message names it."""


def audio_seconds(path: Path) -> float:
    """How long an audio file plays, from its header (the samples are not read)."""
    try:
        return float(soundfile.info(str(path)).duration)
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise AudioFileError(f"{path}: cannot read this audio file ({exc})") from None


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


def ring_tone(rate: int, rings: int = 1) -> Signal:
    """The Belgian ringing tone as a caller hears it: 425 Hz, 1 s on, 3 s off, per ring."""
    one = np.concatenate([sine(425.0, 1.0, rate, 0.25), np.zeros(3 * rate, dtype=np.float32)])
    return np.tile(one, rings).astype(np.float32)


_HOLD_NOTES = (523.25, 659.25, 783.99, 659.25, 587.33, 698.46, 880.0, 698.46)  # C E G E D F A F


def hold_music(rate: int) -> Signal:
    """A soft eight-note loop for holding callers (loop it with ``Voice(loop=True)``)."""
    notes = []
    for freq in _HOLD_NOTES:
        t = np.arange(int(0.5 * rate), dtype=np.float64) / rate
        tone = np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(2 * np.pi * freq / 2 * t)
        envelope = np.exp(-3.0 * t)
        notes.append((0.15 * tone * envelope).astype(np.float32))
    return dsp.fade(np.concatenate(notes), rate, 0.01)


def office_background(rate: int, seconds: float = 10.0, level: float = 0.05) -> Signal:
    """Office noise to loop under a call."""
    return dsp.fade(dsp.office_noise(int(seconds * rate), rate, seed=7) * level, rate, 0.05)
