"""A call mixed at the phone line's 16 kHz and sent to the device at 48 kHz: what a trainee
hears is the line's sound, unchanged, and the journal says when each frame was heard."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from tests.audio.test_engine_unit import FakeStream, engine
from trainer.audio.engine import AudioEngine, Voice
from trainer.audio.upsample import Upsampler

LINE, DEVICE = 16_000, 48_000


def tone(hz: float, seconds: float, rate: int) -> npt.NDArray[np.float32]:
    t = np.arange(int(seconds * rate)) / rate
    return (0.5 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def level_db(signal: npt.NDArray[np.float32], hz: float, rate: int) -> float:
    """The level of ``hz`` in ``signal`` (dB against a full 0.5 sine), Hann-windowed."""
    window = np.hanning(len(signal))
    spectrum = np.abs(np.fft.rfft(signal * window))
    at = round(hz * len(signal) / rate)
    return float(20 * np.log10(spectrum[at - 1 : at + 2].max() / (0.25 * window.sum())))


def upsampled(signal: npt.NDArray[np.float32], block: int) -> npt.NDArray[np.float32]:
    up = Upsampler(3, block)
    return np.concatenate(
        [up.run(signal[i : i + block]).copy() for i in range(0, len(signal), block)]
    )


@pytest.mark.parametrize("hz", [300.0, 1000.0, 3400.0])
def test_what_a_phone_line_carries_passes_and_its_images_are_gone(hz: float) -> None:
    out = upsampled(tone(hz, 1.0, LINE), 32)[DEVICE // 10 :]  # (past the filter's start)
    assert abs(level_db(out, hz, DEVICE)) < 0.1
    # a rate raised by repeating frames sounds its tones again at 16 kHz minus and plus each
    for image in (LINE - hz, LINE + hz):
        assert level_db(out, image, DEVICE) < -60, image


def test_the_blocks_join_as_if_the_sound_were_raised_whole() -> None:
    noise = np.random.default_rng(3).uniform(-0.5, 0.5, LINE // 4).astype(np.float32)
    assert np.allclose(upsampled(noise, 32), upsampled(noise, 1000), atol=1e-6)


def test_a_whole_factor_of_at_least_two() -> None:
    with pytest.raises(ValueError):
        Upsampler(1, 64)


def line_engine() -> tuple[AudioEngine, FakeStream]:
    """As the headset opens it: mixing at 16 kHz, the stream at 48, its blocks chosen."""
    return engine(samplerate=LINE, stream_rate=DEVICE, blocksize=None)


def test_the_engine_mixes_at_16_khz_and_the_device_gets_48() -> None:
    engine, stream = line_engine()
    assert stream.samplerate == DEVICE and engine.samplerate == LINE
    # whole mixed frames in each block, about 2 ms of them
    assert stream.blocksize % 3 == 0 and 0.0015 <= stream.blocksize / DEVICE <= 0.003
    voice = engine.add(Voice("klant", tone(1000.0, 1.0, LINE)))
    engine.play(voice)
    out = np.concatenate([stream.block()[:, 0] for _ in range(DEVICE // stream.blocksize)])
    # one second of the device's frames is one second of the clip, and sounds as it
    assert engine.frames_played == voice.position == LINE
    assert abs(level_db(out[DEVICE // 10 :], 1000.0, DEVICE)) < 0.1


def test_a_frame_is_journaled_when_the_device_plays_it() -> None:
    """A click at mix frame 800 (50 ms in) is heard where the raised stream carries it,
    the filter's delay included: the journal's time of that frame is the time of the peak."""
    engine, stream = line_engine()
    click = np.zeros(LINE // 10, dtype=np.float32)
    click[800] = 1.0
    voice = engine.add(Voice("klik", click))
    engine.play(voice)
    blocks, times = [], []
    for _ in range(60):
        times.append(stream.dac)
        blocks.append(stream.block())
    out = np.concatenate(blocks)
    assert np.array_equal(out[:, 0], out[:, 1])
    peak = int(np.argmax(out[:, 0]))
    heard = times[peak // stream.blocksize] + (peak % stream.blocksize) / DEVICE
    said = engine.stream_time_of_frame(voice.onset_frame + 800)
    assert said is not None and abs(said - heard) < 1 / DEVICE
