"""Clip processing: what a trainee would hear is checked on the signal itself."""

from __future__ import annotations

import numpy as np
import pytest

from trainer.core import dsp

RATE = 22050


def tone(freq: float, seconds: float = 1.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_frequency(x: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / rate)[np.argmax(spectrum)])


def test_resampling_keeps_length_in_time_and_the_pitch() -> None:
    y = dsp.resample(tone(440), RATE, 48000)
    assert len(y) == 48000
    assert dominant_frequency(y, 48000) == pytest.approx(440, abs=2)
    assert dsp.rms(y) == pytest.approx(dsp.rms(tone(440)), rel=0.02)


def test_the_telephone_line_drops_what_a_phone_cannot_carry() -> None:
    voice_band, rumble, hiss = tone(1000), tone(100), tone(6000)
    assert dsp.rms(dsp.telephone(voice_band, RATE)) == pytest.approx(dsp.rms(voice_band), rel=0.05)
    assert dsp.rms(dsp.telephone(rumble, RATE)) < 0.01 * dsp.rms(rumble)
    assert dsp.rms(dsp.telephone(hiss, RATE)) < 0.01 * dsp.rms(hiss)
    old_line = dsp.telephone(voice_band, RATE, narrowband=True)
    assert old_line.dtype == np.float32 and not np.allclose(old_line, voice_band, atol=1e-4)


def test_noise_is_added_at_the_level_asked() -> None:
    clean = tone(1000)
    noisy = dsp.add_noise(clean, RATE, snr_db=10)
    noise = noisy - clean
    assert 20 * np.log10(dsp.rms(clean) / dsp.rms(noise)) == pytest.approx(10, abs=0.1)
    assert np.array_equal(noisy, dsp.add_noise(clean, RATE, snr_db=10))  # reproducible


@pytest.mark.parametrize("speed", [0.5, 0.75, 1.25, 1.5])
def test_slower_or_faster_keeps_the_pitch(speed: float) -> None:
    x = tone(440, seconds=2.0)
    y = dsp.time_stretch(x, speed, RATE)
    assert len(y) == pytest.approx(len(x) / speed, abs=2)
    middle = y[len(y) // 4 : 3 * len(y) // 4]
    assert dominant_frequency(middle, RATE) == pytest.approx(440, abs=5)
    # joins without phase jumps: the level stays that of the tone
    assert dsp.rms(middle) == pytest.approx(dsp.rms(x), rel=0.05)


def test_speeds_outside_the_range_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        dsp.time_stretch(tone(440), 2.0, RATE)


def test_silence_is_trimmed_with_a_small_margin_and_fades_avoid_clicks() -> None:
    speech = tone(500, 0.5)
    padded = np.concatenate([np.zeros(RATE), speech, np.zeros(RATE)]).astype(np.float32)
    trimmed = dsp.trim_silence(padded, RATE, keep=0.05)
    assert len(trimmed) == pytest.approx(len(speech) + 2 * int(0.05 * RATE), abs=3)
    faded = dsp.fade(speech, RATE)
    assert faded[0] == 0.0 and faded[-1] == 0.0
    assert len(dsp.trim_silence(np.zeros(100, dtype=np.float32), RATE)) == 0


def test_a_short_sound_late_in_a_long_recording_is_found() -> None:
    from tests.audio.recording import best_alignment

    rng = np.random.default_rng(1)
    burst = rng.standard_normal(2000).astype(np.float32)
    recording = np.zeros(100_000, dtype=np.float32)
    recording[70_000:72_000] = burst
    assert best_alignment(recording, burst) == (pytest.approx(1.0), 70_000)
