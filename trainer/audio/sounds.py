"""Turning files and signals into frames the engine can play, before playback starts.

Every audio file is checked before it is decoded (``check_audio``): a regular file within the
size limit, 8-192 kHz, mono or stereo, at least one frame and at most ten minutes, and whole
(a WAV whose header promises more than the file holds is refused). A 1 Hz file would
otherwise be resampled into gigabytes, and a FIFO would block the reader.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile

from trainer.core import dsp
from trainer.core.bounded_files import MAX_AUDIO_BYTES, MIB, FileRefused, check_regular
from trainer.core.dsp import Signal
from trainer.core.messages import Message, Said

MIN_RATE = 8_000  # a telephone line
MAX_RATE = 192_000  # studio recordings; more is no audio a headset plays
MAX_CHANNELS = 2
MAX_SECONDS = 600.0  # a customer's utterance is seconds long; ten minutes is a whole call


class AudioFileError(Said):
    """An audio file that is missing, cannot be read or is no usable clip; its ``message``
    names it (``path`` in its values). ``code`` says which check failed (``missing``,
    ``not_regular``, ``folder``, ``too_large``, ``rate``, ``channels``, ``empty``,
    ``too_long``, ``truncated``, ``unreadable``)."""

    def __init__(self, path: Path, message: Message, code: str = "unreadable") -> None:
        super().__init__(message)
        self.path = path
        self.code = code


def _refused(path: Path, exc: FileRefused) -> AudioFileError:
    """A file ``check_regular`` would not open, said of an audio file."""
    where = str(path)
    if exc.code == "missing":
        return AudioFileError(path, Message("audio_missing", {"path": where}), "missing")
    if exc.code == "folder":
        return AudioFileError(path, Message("audio_is_folder", {"path": where}), "folder")
    if exc.code == "not_regular":
        said = Message("audio_not_regular", {"path": where})
        return AudioFileError(path, said, "not_regular")
    if exc.code == "too_large":
        try:
            size = round(path.stat().st_size / MIB, 1)
        except OSError:
            size = 0.0
        limit = round(exc.limit / MIB, 1)
        said = Message("audio_too_large", {"path": where, "size": size, "limit": limit})
        return AudioFileError(path, said, "too_large")
    # check_regular raises "from None": the operating system's error is still its context
    cause = exc.__context__
    detail = cause.strerror if isinstance(cause, OSError) and cause.strerror else exc.reason
    return _unreadable(path, detail)


def _unreadable(path: Path, detail: object) -> AudioFileError:
    """A file the decoder cannot read (``detail``: what libsndfile or the system said)."""
    return AudioFileError(
        path, Message("audio_unreadable", {"path": str(path), "detail": str(detail)})
    )


@dataclass(frozen=True)
class AudioInfo:
    """What a checked audio file holds."""

    rate: int
    channels: int
    frames: int

    @property
    def seconds(self) -> float:
        """How long it plays."""
        return self.frames / self.rate


def _wav_header(path: Path, size: int) -> tuple[int, int, int, int] | None:
    """A WAV file's channels, rate, declared data bytes and bytes really there, from its RIFF
    chunks (libsndfile quietly shortens a truncated file); None when it is no plain RIFF WAV or
    has no data chunk (libsndfile then has its own say)."""
    with open(path, "rb") as file:
        head = file.read(12)
        if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return None
        channels = rate = -1
        offset = 12
        while offset + 8 <= size:
            file.seek(offset)
            chunk, length = struct.unpack("<4sI", file.read(8))
            if chunk == b"fmt " and length >= 8:
                channels, rate = struct.unpack("<HI", file.read(8)[2:8])
            elif chunk == b"data":
                return channels, rate, length, size - offset - 8
            offset += 8 + length + (length & 1)
    return None


def check_audio(path: Path) -> AudioInfo:
    """The file's rate, channels and frames if it is a usable clip; else AudioFileError
    naming the file and what is wrong. Reads the header and the last frames only."""
    try:
        size = check_regular(path, MAX_AUDIO_BYTES, "audio")
    except FileRefused as exc:
        raise _refused(path, exc) from None
    wav: tuple[int, int, int, int] | None = None
    try:
        wav = _wav_header(path, size) if path.suffix.lower() == ".wav" else None
    except (OSError, struct.error):
        wav = None
    if wav is not None:
        channels, rate, declared, held = wav
        _check_format(path, rate, channels)
        # 0 and 0xFFFFFFFF are written by recorders that could not go back to fill it in
        if declared not in (0, 0xFFFFFFFF) and declared > held:
            said = Message(
                "audio_header_cut", {"path": str(path), "promised": declared, "held": held}
            )
            raise AudioFileError(path, said, "truncated")
    try:
        info = soundfile.info(str(path))
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise _unreadable(path, exc) from None
    _check_format(path, int(info.samplerate), int(info.channels))
    found = AudioInfo(int(info.samplerate), int(info.channels), int(info.frames))
    if found.frames < 1:
        raise AudioFileError(path, Message("audio_empty", {"path": str(path)}), "empty")
    if found.seconds > MAX_SECONDS:
        said = Message(
            "audio_too_long",
            {"path": str(path), "seconds": round(found.seconds), "limit": int(MAX_SECONDS)},
        )
        raise AudioFileError(path, said, "too_long")
    _check_decodes(path, found)
    return found


def _check_format(path: Path, rate: int, channels: int) -> None:
    if not MIN_RATE <= rate <= MAX_RATE:
        said = Message(
            "audio_bad_rate", {"path": str(path), "rate": rate, "low": MIN_RATE, "high": MAX_RATE}
        )
        raise AudioFileError(path, said, "rate")
    if not 1 <= channels <= MAX_CHANNELS:
        said = Message("audio_bad_channels", {"path": str(path), "channels": channels})
        raise AudioFileError(path, said, "channels")


def _check_decodes(path: Path, info: AudioInfo) -> None:
    """The last frames decode (a cut-off FLAC or OGG fails there)."""
    tail = min(info.frames, 4096)
    try:
        with soundfile.SoundFile(str(path)) as sound:
            sound.seek(info.frames - tail)
            got = len(sound.read(tail, dtype="float32", always_2d=True))
    except (soundfile.LibsndfileError, RuntimeError, OSError, ValueError) as exc:
        said = Message("audio_does_not_decode", {"path": str(path), "detail": str(exc)})
        raise AudioFileError(path, said, "truncated") from None
    if got < tail:
        there = info.frames - tail + got
        raise _frames_missing(path, info.frames, there)


def _frames_missing(path: Path, promised: int, there: int) -> AudioFileError:
    said = Message(
        "audio_frames_missing", {"path": str(path), "promised": promised, "there": there}
    )
    return AudioFileError(path, said, "truncated")


def audio_seconds(path: Path) -> float:
    """How long an audio file plays, once checked (the samples are not decoded)."""
    return check_audio(path).seconds


def read_audio(path: Path) -> tuple[Signal, int]:
    """A checked WAV, FLAC or OGG file as mono float32 and its sample rate."""
    info = check_audio(path)
    try:
        data, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except FileNotFoundError:
        raise AudioFileError(
            path, Message("audio_missing", {"path": str(path)}), "missing"
        ) from None
    except (soundfile.LibsndfileError, RuntimeError, OSError) as exc:
        raise _unreadable(path, exc) from None
    if len(data) < info.frames:  # decoding stopped early: the file is damaged inside
        raise _frames_missing(path, info.frames, len(data))
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


def busy_tone(rate: int) -> Signal:
    """The Belgian busy tone (also a number not in use, here): 425 Hz, 0.5 s on, 0.5 s off."""
    return np.concatenate(
        [sine(425.0, 0.5, rate, 0.25), np.zeros(rate // 2, dtype=np.float32)]
    ).astype(np.float32)


def beep_tone(rate: int) -> Signal:
    """A voicemail's beep before the message: 1 kHz for 0.4 s (under 4 kHz: the 16 kHz line)."""
    return sine(1000.0, 0.4, rate, 0.25)


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
