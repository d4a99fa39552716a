"""Every customer clip plays at one loudness: a trainee never turns the headset up for one caller
and down for the next. Measured as EBU R128 does (ITU-R BS.1770-4, integrated, gated)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from trainer.audio.library_writer import add_recorded_clip
from trainer.core import dsp
from trainer.core.clips import Clip, load_clip_library, load_shipped_library
from trainer.paths import audio_dir

RATE = 22050


def tone(freq: float, amplitude: float, seconds: float = 3.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def speech_like(seconds: float = 4.0, rate: int = RATE, seed: int = 1) -> np.ndarray:
    """Syllables of voiced noise with pauses between words: speech's level changes, not its
    sound."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    carrier = dsp.telephone(rng.standard_normal(n), rate)
    envelope = np.zeros(n)
    at = 0
    while at < n:
        length = int(rate * rng.uniform(0.12, 0.3))
        envelope[at : at + length] = np.hanning(len(envelope[at : at + length])) * rng.uniform(
            0.3, 1.0
        )
        at += length + int(rate * rng.uniform(0.02, 0.25))
    return (0.2 * carrier * envelope).astype(np.float32)


def test_a_sine_reads_as_the_standard_says() -> None:
    # BS.1770-4: a full-scale 997 Hz sine reads -3.01 LUFS, so one at 0.1 (-20 dBFS) -23.01
    assert dsp.loudness(tone(997, 0.1), RATE) == pytest.approx(-23.01, abs=0.1)
    assert dsp.loudness(tone(997, 0.1, rate=48000), 48000) == pytest.approx(-23.01, abs=0.1)
    assert dsp.loudness(tone(997, 0.2), RATE) == pytest.approx(-23.01 + 6.02, abs=0.1)


def test_a_clip_too_short_or_silent_has_no_loudness_and_is_left_alone() -> None:
    short = tone(997, 0.1, seconds=0.3)
    assert dsp.loudness(short, RATE) is None
    assert np.array_equal(dsp.normalise_loudness(short, RATE), short)
    silence = np.zeros(RATE, dtype=np.float32)
    assert dsp.loudness(silence, RATE) is None
    assert np.array_equal(dsp.normalise_loudness(silence, RATE), silence)


@pytest.mark.parametrize("gain_db", [-30.0, -6.0, 0.0, 6.0])
def test_quiet_and_loud_takes_end_at_the_target(gain_db: float) -> None:
    take = speech_like() * np.float32(10 ** (gain_db / 20))
    levelled = dsp.normalise_loudness(take, RATE)
    assert dsp.loudness(levelled, RATE) == pytest.approx(dsp.TARGET_LUFS, abs=0.1)
    assert dsp.true_peak_db(levelled, RATE) <= dsp.CEILING_DBTP + 0.05
    assert len(levelled) == len(take)


def test_a_peak_that_the_target_would_clip_is_limited_not_the_whole_clip() -> None:
    take = speech_like()
    click = int(RATE * 1.234)
    take[click] = 0.99  # a plosive or a bumped microphone, far above the speech
    levelled = dsp.normalise_loudness(take, RATE)
    assert dsp.true_peak_db(levelled, RATE) <= dsp.CEILING_DBTP + 0.05
    assert dsp.loudness(levelled, RATE) == pytest.approx(dsp.TARGET_LUFS, abs=0.1)
    # away from the click the speech keeps one gain: limited around it, nowhere else
    gain = dsp.rms(levelled[: click - RATE // 10]) / dsp.rms(take[: click - RATE // 10])
    later = dsp.rms(levelled[click + RATE // 10 :]) / dsp.rms(take[click + RATE // 10 :])
    assert gain == pytest.approx(later, rel=0.01)


def test_the_true_peak_sees_what_lies_between_the_samples() -> None:
    # a quarter-rate sine sampled at 45 degrees: every sample is at 0.707 of the real peak
    t = np.arange(RATE)
    x = np.sin(2 * np.pi * t / 4 + np.pi / 4).astype(np.float32)
    assert 20 * np.log10(np.max(np.abs(x))) == pytest.approx(-3.01, abs=0.05)
    assert dsp.true_peak_db(x, RATE) == pytest.approx(0.0, abs=0.3)


def test_every_shipped_clip_is_at_the_one_loudness() -> None:
    library = load_shipped_library(audio_dir())
    levels, peaks = {}, {}
    for clip_id, clip in library.clips.items():
        signal, rate = soundfile.read(str(library.path_of(clip)), dtype="float32")
        levels[clip_id] = dsp.loudness(signal, rate)
        peaks[clip_id] = dsp.true_peak_db(signal, rate)
    assert len(levels) >= 100
    off = {
        clip_id: level
        for clip_id, level in levels.items()
        if level is None or abs(level - dsp.TARGET_LUFS) > dsp.TOLERANCE_LU
    }
    assert off == {}
    spread = max(levels.values()) - min(levels.values())  # type: ignore[type-var]
    assert spread <= dsp.TOLERANCE_LU
    assert {c: p for c, p in peaks.items() if p > dsp.CEILING_DBTP + 0.1} == {}


def test_a_recorded_clip_is_saved_at_the_target_loudness(tmp_path: Path) -> None:
    folder = tmp_path / "audio"
    folder.mkdir()
    (folder / "clips.yaml").write_text("format: 1\nclips: []\n", encoding="utf-8")
    quiet_take = speech_like(rate=44100) * np.float32(0.05)  # a microphone set far too low
    assert dsp.loudness(quiet_take, 44100) < dsp.TARGET_LUFS - 20  # type: ignore[operator]
    clip = Clip(id="nl-opname-01", language="nl", file="nl/nl-opname-01.flac", transcript="Ja.")
    library = add_recorded_clip(folder, clip, quiet_take, 44100)
    saved, rate = soundfile.read(str(library.path_of(clip)), dtype="float32")
    assert rate == 44100 and len(saved) == len(quiet_take)
    assert dsp.loudness(saved, rate) == pytest.approx(dsp.TARGET_LUFS, abs=0.1)
    assert load_clip_library(folder / "clips.yaml").problems == []
