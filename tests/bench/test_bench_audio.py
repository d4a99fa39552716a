"""The headset engine's timing: the mixing callback's cost per block, play-to-sound latency and
the journal's offset from the sound through a PulseAudio null sink, and clock drift over a
simulated 10 minutes.

Budgets: the journal says when a sound was heard within 30 ms; over 10 minutes the engine's
frame-to-DAC-time mapping drifts less than 5 ms; the callback should take a small fraction of
its block (we aim for p99 under 10 %, 1.07 ms at 512 frames and 48 kHz) and builds no arrays.
Timed with ``./run-tests --bench -k audio``; in the normal run each benchmark runs once,
untimed, and only its correctness checks count. Timings never decide pass or fail.
"""

from __future__ import annotations

import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.audio.recording import MonitorRecorder
from tests.bench.conftest import Figures
from tests.sound import start_null_sink
from trainer.audio.engine import PCM16_SCALE, AudioEngine, Voice, wait_until
from trainer.audio.headset import LINE_RATE, LINE_STREAM_RATE, as_pcm16
from trainer.audio.upsample import Upsampler
from trainer.core import dsp
from trainer.core.journal_writer import SessionClock

Frames = npt.NDArray[np.float32]

RATE = 48000  # the fake stream (benchmarks 1 and 4)
BLOCK = 512
SINK_RATE = 44100  # the recorder's rate, and the device's own: nothing is resampled on the way
OFFSET_BUDGET = 0.030
DRIFT_BUDGET = 0.005
MATCH = 0.5  # normalised correlation that counts as finding a burst (chance is about 0.1)
DRIFT_PPM = 50.0
SIMULATED_SECONDS = 600


@pytest.fixture(scope="module")
def null_sink() -> str:
    """PulseAudio with the null sink (scripts/pulse-null-sink.sh); returns PortAudio's 'pulse'.
    ``./run-tests --bench`` does not start it, so this file does."""
    problem = start_null_sink()
    if problem:
        pytest.fail(f"PulseAudio with a null sink could not be started: {problem}")
    return "pulse"


# signals ---------------------------------------------------------------------------------
def speech_like(seconds: float, rate: int, seed: int = 1) -> Frames:
    """A voice-like test signal: a gliding 100-180 Hz harmonic buzz cut into about four
    syllables a second, with pauses between phrases and a little breath noise."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    f0 = 140.0 + 40.0 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    buzz = sum(np.sin(k * phase) / k for k in range(1, 12))
    syllables = np.clip(np.sin(2 * np.pi * 4.0 * t), 0.0, None) ** 2
    phrases = np.sin(2 * np.pi * 0.4 * t) > -0.6
    breath = np.random.default_rng(seed).standard_normal(n) * 0.05
    x = (buzz + breath) * syllables * phrases
    return dsp.fade((0.5 * x / np.max(np.abs(x))).astype(np.float32), rate)


def hold_music(seconds: float, rate: int) -> Frames:
    """Looping hold music: four sustained triads of sine tones, each faded in and out."""
    chords = (
        (261.63, 329.63, 392.00),
        (220.00, 261.63, 329.63),
        (174.61, 220.00, 261.63),
        (196.00, 246.94, 293.66),
    )
    t = np.arange(int(rate * seconds / len(chords))) / rate
    parts = [
        dsp.fade((0.8 / 3 * sum(np.sin(2 * np.pi * f * t) for f in chord)).astype(np.float32), rate)
        for chord in chords
    ]
    return np.concatenate(parts)


def noise_burst(seed: int, rate: int, seconds: float = 0.02) -> Frames:
    """A short white-noise burst; each seed gives one the matched filter cannot confuse."""
    return np.random.default_rng(seed).uniform(-0.5, 0.5, int(rate * seconds)).astype(np.float32)


# a stream PortAudio never sees -----------------------------------------------------------
class FakeStream:
    """Stands in for sounddevice.OutputStream: it keeps the callback and the test calls it."""

    latency = 0.02
    time = 0.0

    def __init__(self, *, callback: Callable[..., None], **_settings: Any) -> None:
        self.callback = callback

    def start(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


def engine_at(device: str | None, rate: int, **settings: Any) -> AudioEngine:
    """An engine mixing at ``rate``; at the phone line's as the headset opens it, its stream
    at 48 kHz (``settings``: AudioEngine's other keywords)."""
    stream_rate = LINE_STREAM_RATE if rate == LINE_RATE else None
    return AudioEngine(device, samplerate=rate, stream_rate=stream_rate, **settings)


def fake_engine(line: bool = False) -> AudioEngine:
    """An engine at 48 kHz, 512-frame blocks, started on a FakeStream; or, for ``line``, as
    the headset opens it: mixing at 16 kHz, its stream at 48 in blocks it chooses."""
    engine = (
        engine_at(None, LINE_RATE, stream_factory=FakeStream)
        if line
        else engine_at(None, RATE, blocksize=BLOCK, stream_factory=FakeStream)
    )
    engine.start()
    return engine


class BlockDriver:
    """Calls the engine's callback as PortAudio would: preallocated stereo ``outdata`` and a
    DAC time per block, from a DAC clock that runs ``ppm`` fast against the sample count."""

    def __init__(self, engine: AudioEngine, dac_start: float, ppm: float = 0.0) -> None:
        self.engine = engine
        self.dac_start = dac_start
        self.scale = 1.0 + ppm * 1e-6
        self.outdata = np.zeros((engine.blocksize, engine.channels), dtype=np.float32)
        self.time_info = SimpleNamespace(outputBufferDacTime=dac_start, currentTime=0.0)
        self.status = SimpleNamespace(output_underflow=False)
        self.args = (self.outdata, engine.blocksize, self.time_info, self.status)

    def true_dac(self, frame: int) -> float:
        """When mixed frame ``frame`` really reaches the headset."""
        return self.dac_start + frame / self.engine.samplerate * self.scale

    def prepare(self) -> None:
        """Set the DAC time of the block the next callback renders."""
        self.time_info.outputBufferDacTime = self.true_dac(self.engine.frames_played)
        self.time_info.currentTime = self.time_info.outputBufferDacTime - FakeStream.latency

    def block(self) -> None:
        """One callback, as the audio thread would make it."""
        self.prepare()
        self.engine._callback(*self.args)


def engine_buffers(engine: AudioEngine) -> dict[str, int]:
    """The ids of the engine's preallocated arrays (a new id means the callback built one)."""
    names = ("_mix", "_work", "_gains", "_ramp", "_history")
    return {name: id(getattr(engine, name)) for name in names}


def expected_block(voices: list[Voice], n: int) -> Frames:
    """What the callback must write next, from the voices' positions (all at full level)."""
    mix = np.zeros(n, dtype=np.float64)
    for voice in voices:
        index = voice.pos + np.arange(n)
        if voice.loop:
            index %= voice.duration_frames
        samples = voice.frames[index].astype(np.float64)
        if voice.frames.dtype == np.int16:  # a call's clip, as its headset keeps it
            samples *= PCM16_SCALE
        mix += voice.gain * samples
    return np.clip(mix, -1.0, 1.0).astype(np.float32)


def timings(benchmark: BenchmarkFixture) -> list[float]:
    """The timed rounds in seconds; empty with --benchmark-disable."""
    stats = getattr(benchmark.stats, "stats", None)
    return list(stats.data) if stats is not None and stats.data else []


# 1 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", [False, True], ids=["48khz", "line"])
def test_callback_time_per_block_with_three_voices(benchmark: BenchmarkFixture, line: bool) -> None:
    """One callback (512 frames at 48 kHz; for ``line``, as a call's headset plays: 32 frames
    mixed at 16 kHz and raised to a block of 96 at 48 kHz, 2 ms) mixing a 5 s speech-like voice
    (16-bit samples, as a call's headset keeps its clips), looping hold music
    at gain 0.3 and looping office noise at gain 0.1. Reports median and p99 in microseconds
    and as a fraction of the block's 10.67 ms (aim: p99 under 10 %). Checks that the output is
    the exact mix, that the engine's buffers are the same arrays afterwards, and that 200
    callbacks grow tracemalloc's peak by less than 64 KiB (the callback builds no arrays)."""
    engine = fake_engine(line)
    rate = engine.samplerate
    mixed = engine.blocksize * rate // (engine.stream_rate or rate)  # frames mixed a block
    block_seconds = mixed / rate
    speech = engine.add(Voice("klant", as_pcm16(speech_like(5.0, rate))))
    hold = engine.add(Voice("wachtmuziek", hold_music(4.0, rate), gain=0.3, loop=True))
    noise = engine.add(Voice("kantoor", dsp.office_noise(3 * rate, rate), gain=0.1, loop=True))
    voices = [speech, hold, noise]
    for voice in voices:
        engine.play(voice)
    driver = BlockDriver(engine, dac_start=100.0)
    for _ in range(4):  # past the 5 ms fade-in: every voice at its gain
        driver.block()
    buffers = engine_buffers(engine)

    def before_block() -> tuple[tuple[Any, ...], dict[str, Any]]:
        if speech.pos > speech.duration_frames - mixed:
            speech.pos = 0  # keep the 5 s voice playing through thousands of rounds
        driver.prepare()
        return driver.args, {}

    rounds = 3000
    benchmark.pedantic(engine._callback, setup=before_block, rounds=rounds, warmup_rounds=100)

    # the exact mix, the same in both ears
    before_block()
    want = expected_block(voices, mixed)
    played_before = engine.frames_played
    upsampler = engine._upsampler
    if upsampler is not None:  # what the line's filter, as it stands, makes of the mix
        raised = Upsampler(upsampler.factor, len(upsampler._output))
        raised._input[:] = upsampler._input
    engine._callback(*driver.args)
    assert engine.frames_played == played_before + mixed
    if upsampler is not None:
        want = np.clip(raised.run(want), -1.0, 1.0)
    np.testing.assert_allclose(driver.outdata[:, 0], want, atol=1e-6)
    assert np.array_equal(driver.outdata[:, 0], driver.outdata[:, 1])
    assert float(np.max(np.abs(want))) > 0.1  # all three were audible
    assert all(v.playing and v.ended_frame == -1 for v in voices)

    # no new arrays: same buffers, and tracemalloc sees no growth worth an array
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        for _ in range(10):
            engine._callback(*before_block()[0])
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for _ in range(200):
            engine._callback(*before_block()[0])
        current, peak = tracemalloc.get_traced_memory()
    finally:
        if not tracing:
            tracemalloc.stop()
    assert engine_buffers(engine) == buffers, "the callback replaced a preallocated buffer"
    peak_growth, net_growth = peak - baseline, current - baseline
    assert peak_growth < 64 * 1024, f"200 callbacks grew the traced peak by {peak_growth} B"

    benchmark.extra_info["tracemalloc_peak_growth_bytes_200_callbacks"] = peak_growth
    benchmark.extra_info["tracemalloc_net_growth_bytes_200_callbacks"] = net_growth
    benchmark.extra_info["block_ms"] = round(block_seconds * 1000, 3)
    data = timings(benchmark)
    if data:
        median = statistics.median(data)
        p99 = statistics.quantiles(data, n=100)[98]
        benchmark.extra_info["callback_median_us"] = round(median * 1e6, 1)
        benchmark.extra_info["callback_p99_us"] = round(p99 * 1e6, 1)
        benchmark.extra_info["callback_median_block_fraction"] = round(median / block_seconds, 5)
        benchmark.extra_info["callback_p99_block_fraction"] = round(p99 / block_seconds, 5)
        benchmark.extra_info["rounds"] = len(data)


# 2 and 3: through the null sink -------------------------------------------------------------
class TimedMonitorRecorder(MonitorRecorder):
    """The monitor recorder, also keeping per block its first sample's index, PortAudio's
    ``inputBufferAdcTime`` for it and how far behind ``currentTime`` that was."""

    def __init__(self, device: str, rate: int) -> None:
        self.block_index: list[int] = []
        self.block_adc: list[float] = []
        self.block_lag: list[float] = []
        self.overflows = 0
        self._count = 0
        super().__init__(device, rate)

    def _take(self, indata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self._lock:
            self.block_index.append(self._count)
            self.block_adc.append(time_info.inputBufferAdcTime)
            self.block_lag.append(time_info.currentTime - time_info.inputBufferAdcTime)
            self._chunks.append(indata[:, 0].copy())
            self._count += frames
            if status.input_overflow:
                self.overflows += 1

    @property
    def frames(self) -> int:
        with self._lock:
            return self._count

    @property
    def stream(self) -> Any:
        return self._stream

    def blocks(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], list[float]]:
        with self._lock:
            index = np.array(self.block_index, dtype=np.int64)
            return index, np.array(self.block_adc, dtype=np.float64), list(self.block_lag)

    def settled(self, seconds: float = 0.5, max_lag: float = 0.05) -> bool:
        """The last ``seconds`` of audio came with ADC times less than ``max_lag`` behind:
        while the monitor starts up, PulseAudio reports ~0.7 s there and the times are off."""
        with self._lock:
            count, index, lag = self._count, self.block_index, self.block_lag
            if count < seconds * self.rate:
                return False
            recent = [
                g for i, g in zip(index, lag, strict=True) if i >= count - seconds * self.rate
            ]
        return bool(recent) and max(recent) < max_lag

    def adc_time_of(self, sample: int, around: float = 0.25) -> tuple[float, float]:
        """When recorded sample ``sample`` was captured, on the input stream's clock, and the
        per-block jitter (ms, peak to peak). Each block's ADC time jitters by a few ms with
        PulseAudio's chunking, so the median of the blocks within ``around`` s is used."""
        index, adc, _lag = self.blocks()
        near = np.abs(index - sample) <= around * self.rate
        start_times = adc[near] - index[near] / self.rate
        jitter = float(np.ptp(start_times)) * 1000 if len(start_times) else float("nan")
        return float(np.median(start_times)) + sample / self.rate, jitter


def find_burst(recorded: Frames, burst: Frames) -> tuple[int, float]:
    """Where ``burst`` starts in ``recorded`` (matched filter) and the normalised correlation
    there; stretches much quieter than the burst are never a match."""
    m = len(burst)
    if len(recorded) < m:
        return -1, 0.0
    size = 1 << (len(recorded) + m - 1).bit_length()
    spectrum = np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(burst, size))
    corr = np.fft.irfft(spectrum, size)[: len(recorded) - m + 1]
    energy = np.concatenate(([0.0], np.cumsum(recorded.astype(np.float64) ** 2)))
    window = energy[m:] - energy[:-m]
    own = float(np.dot(burst.astype(np.float64), burst))
    score = np.where(window > 0.01 * own, corr / np.sqrt(np.maximum(window, 1e-12) * own), 0.0)
    at = int(np.argmax(score))
    return at, float(score[at])


def clock_offset(a: Callable[[], float], b: Callable[[], float]) -> float:
    """``a() - b()`` read as closely together as possible (the tightest of 9 readings)."""
    best_gap, best = float("inf"), 0.0
    for _ in range(9):
        before = b()
        value = a()
        after = b()
        if after - before < best_gap:
            best_gap, best = after - before, value - (before + after) / 2
    return best


@dataclass
class Burst:
    """One play() of a noise burst after LEAD of silence, and what became of it."""

    burst: Frames
    voice: Voice
    searched_from: int  # the recording's length when it was armed
    called: float = float("nan")  # time.monotonic() at engine.play()
    journal: float = float("nan")  # engine.session_time_of_frame(onset): what the drill writes
    engine_dac: float = float("nan")  # engine.stream_time_of_frame(onset), stream clock
    heard_index: int = -1  # where the voice's first frame is in the recording
    score: float = 0.0
    heard: float = float("nan")  # that frame's ADC time, on time.monotonic()
    heard_session: float = float("nan")  # the same on the session clock
    adc_jitter_ms: float = float("nan")

    @property
    def latency(self) -> float:
        """From play() to the voice's first frame at the monitor."""
        return self.heard - self.called

    @property
    def offset(self) -> float:
        """The journal's time minus when it was heard (positive: the journal is late)."""
        return self.journal - self.heard_session


class SinkRig:
    """The recorder on the null sink's monitor, then the app's engine on 'pulse' mixing at
    ``rate`` (its stream at the headset's rate for the line's), both running steadily; plays
    noise bursts and finds them in the recording."""

    LEAD = 0.010  # silence before the burst: the engine's 5 ms fade-in falls there

    def __init__(self, device: str, rate: int) -> None:
        self.device = device
        self.rate = rate
        self.recorder = TimedMonitorRecorder(device, SINK_RATE)
        self.engine = engine_at(device, rate)
        self.clock = SessionClock()
        self.rng = random.Random(2024)
        self.seed = 0
        self.done: list[Burst] = []
        self.pending: Burst | None = None
        self.info: dict[str, Any] = {}
        self.cold: Burst | None = None

    # opening and closing --------------------------------------------------------------
    def open(self) -> None:
        opened = time.monotonic()
        self.recorder.stream.start()  # recording first
        if not wait_until(self.recorder.settled, 20.0, 0.02):
            raise AssertionError("the monitor recording did not settle within 20 s")
        self.info["recorder_settled_after_s"] = round(time.monotonic() - opened, 2)
        started = time.monotonic()
        self.engine.start()
        self.engine.calibrate(self.clock.now)  # as the dictation drill does
        cold = self._burst()
        self._play(cold)  # at once: whatever start-up does to it shows
        self.info["engine_steady_after_s"] = round(self._wait_steady() - started, 2)
        time.sleep(0.2)
        self.cold = self._finish(cold)
        self.engine.remove(cold.voice.name)

    def _wait_steady(self, window: float = 0.3, timeout: float = 15.0) -> float:
        """Wait until ``frames_played`` advances at real time (a fresh stream on a null sink
        can stall ~2 s first); returns when that steady stretch began (time.monotonic())."""
        seen: list[tuple[float, int]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = time.monotonic()
            seen.append((now, self.engine.frames_played))
            old = [s for s in seen if now - s[0] >= window]
            if old and seen[-1][1] - old[-1][1] >= 0.9 * (now - old[-1][0]) * self.rate:
                return old[-1][0]
            time.sleep(0.01)
        raise AssertionError(f"the stream on {self.device!r} never ran at real time")

    def close(self) -> None:
        self.engine.stop()
        self.recorder.stream.stop()
        self.recorder.stream.close()

    # one burst -------------------------------------------------------------------------
    def _burst(self) -> Burst:
        self.seed += 1
        burst = noise_burst(self.seed, self.rate)
        lead = np.zeros(int(self.LEAD * self.rate), dtype=np.float32)
        voice = Voice(f"burst-{self.seed}", np.concatenate([lead, burst, lead]))
        # looked for at the recorder's rate, as the sound server converts it
        heard = dsp.resample(burst, self.rate, SINK_RATE).astype(np.float32)
        return Burst(heard, voice, self.recorder.frames)

    def _play(self, b: Burst) -> None:
        b.called = time.monotonic()
        self.engine.play(b.voice)

    def arm(self) -> tuple[tuple[Voice], dict[str, Any]]:
        """pedantic's setup: finish the previous burst, wait a varying moment (so play() falls
        anywhere in a block), and hand over a new voice."""
        self.finish_pending()
        time.sleep(self.rng.uniform(0.05, 0.25))
        self.pending = self._burst()
        return (self.pending.voice,), {}

    def press(self, voice: Voice) -> None:
        """pedantic's target: the GUI thread's play()."""
        assert self.pending is not None and self.pending.voice is voice
        self._play(self.pending)

    def finish_pending(self) -> None:
        if self.pending is not None:
            self.done.append(self._finish(self.pending))
            self.engine.remove(self.pending.voice.name)
            self.pending = None

    def _finish(self, b: Burst) -> Burst:
        """Stamp the journal time as the drill's poll does, then find the burst at the monitor
        and map it onto time.monotonic() and the session clock."""
        engine, voice = self.engine, b.voice
        assert wait_until(lambda: voice.onset_frame >= 0, 10.0, 0.005), "the burst never started"
        b.journal = engine.session_time_of_frame(voice.onset_frame, self.clock.now)
        b.engine_dac = engine.stream_time_of_frame(voice.onset_frame) or float("nan")
        assert wait_until(lambda: voice.ended_frame >= 0, 10.0), "the burst never ended"
        lead = int(self.LEAD * SINK_RATE)
        start = max(0, b.searched_from - SINK_RATE // 10)
        deadline = time.monotonic() + 5.0
        while True:
            recorded = self.recorder.audio()[start:]
            at, score = find_burst(recorded, b.burst)
            enough_after = len(recorded) - at >= len(b.burst) + SINK_RATE // 4
            if score >= MATCH and enough_after:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"{voice.name} not found at the monitor (best {score:.2f})")
            time.sleep(0.05)
        b.heard_index, b.score = start + at - lead, score
        adc, b.adc_jitter_ms = self.recorder.adc_time_of(b.heard_index)
        stream = self.recorder.stream
        in_offset = clock_offset(lambda: float(stream.time), time.monotonic)
        session_offset = clock_offset(self.clock.now, time.monotonic)
        b.heard = adc - in_offset
        b.heard_session = b.heard + session_offset
        return b

    def measure(self, benchmark: BenchmarkFixture, rounds: int) -> list[Burst]:
        """``rounds`` bursts (one with --benchmark-disable, which skips nothing we need: the
        setup runs and each burst is finished by the next setup or here)."""
        first = len(self.done)
        benchmark.pedantic(self.press, setup=self.arm, rounds=rounds)
        self.finish_pending()
        return self.done[first:]

    def clocks(self) -> dict[str, Any]:
        """How the stream clock relates to time.monotonic() (PortAudio 19.6 on ALSA uses
        CLOCK_REALTIME, later versions CLOCK_MONOTONIC) and how well calibrate() did."""
        out = self.engine._stream
        stream_minus_mono = clock_offset(lambda: float(out.time), time.monotonic)
        real_minus_mono = clock_offset(time.time, time.monotonic)
        if abs(stream_minus_mono) < 0.01:
            kind = "CLOCK_MONOTONIC"
        elif abs(stream_minus_mono - real_minus_mono) < 0.01:
            kind = "CLOCK_REALTIME"
        else:
            kind = "unknown"
        session_minus_stream = clock_offset(self.clock.now, time.monotonic) - stream_minus_mono
        calibrated = self.engine._offset if self.engine._offset is not None else float("nan")
        return {
            "stream_clock": kind,
            "stream_time_minus_monotonic_s": round(stream_minus_mono, 6),
            "realtime_minus_monotonic_s": round(real_minus_mono, 6),
            "stream_clock_vs_its_system_clock_us": round(
                (stream_minus_mono - (0.0 if kind == "CLOCK_MONOTONIC" else real_minus_mono)) * 1e6,
                1,
            ),
            "calibrate_error_us": round((calibrated - session_minus_stream) * 1e6, 1),
        }

    def dac_history_jitter_ms(self) -> float:
        """Peak-to-peak scatter of the engine's recorded DAC times around the sample count."""
        engine = self.engine
        count = min(engine._history_next, len(engine._history))
        frames, dac = engine._history[:count, 0], engine._history[:count, 1]
        return float(np.ptp(dac - frames / self.rate)) * 1000


@pytest.fixture(scope="module", params=[LINE_RATE, SINK_RATE], ids=["line", "device_rate"])
def sink_rig(request: pytest.FixtureRequest, null_sink: str) -> Iterator[SinkRig]:
    """The engine as the headset opens it, mixing at the phone line's 16 kHz and sending 48
    kHz (every sound a trainee hears; its figures are the budgets'), and at the device's own
    rate, where nothing is converted: the reference of the same run."""
    rig = SinkRig(null_sink, request.param)
    try:
        rig.open()
        yield rig
    finally:
        rig.close()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


@pytest.mark.realtime  # records back what it played: run alone, after the rest
def test_play_to_sound_latency_through_the_null_sink(
    benchmark: BenchmarkFixture, sink_rig: SinkRig, figures: Figures
) -> None:
    """From engine.play() on the GUI thread to the voice's first frame at the null sink's
    monitor, its ADC time mapped onto time.monotonic(): median over 15 bursts (1 untimed).
    Budget ``play_to_sound_median_ms``: 20 ms. Reports each burst, the latency the stream
    reports, the engine's own estimate, the buffering the engine chose, and which clock
    PortAudio's stream time is (compared with time.monotonic())."""
    rounds = 1 if benchmark.disabled else 15
    bursts = sink_rig.measure(benchmark, rounds)
    clocks = sink_rig.clocks()

    assert clocks["stream_clock"] != "unknown", clocks  # calibrate() needs a steady offset
    for b in bursts:
        assert b.score >= MATCH
        assert b.latency > 0, f"heard {ms(-b.latency)} ms before play() was called"
    latencies = [b.latency for b in bursts]
    info = benchmark.extra_info
    info["latency_ms_median"] = ms(statistics.median(latencies))
    if not benchmark.disabled and sink_rig.rate == LINE_RATE:
        figures.record("play_to_sound_median_ms", ms(statistics.median(latencies)))
    info["latency_ms_each"] = [ms(x) for x in latencies]
    info["engine_estimate_ms_each"] = [
        ms(b.engine_dac - clocks["stream_time_minus_monotonic_s"] - b.called) for b in bursts
    ]
    info["engine_reported_latency_ms"] = ms(sink_rig.engine.latency)
    info["engine_blocksize"] = sink_rig.engine.blocksize
    info["realtime_audio_threads"] = sink_rig.engine.realtime
    info["monitor_input_latency_ms"] = ms(float(sink_rig.recorder.stream.latency))
    info["adc_block_jitter_ms_median"] = round(
        statistics.median(b.adc_jitter_ms for b in bursts), 2
    )
    info["input_overflows"] = sink_rig.recorder.overflows
    info["match_score_min"] = round(min(b.score for b in bursts), 3)
    if sink_rig.cold is not None:
        info["cold_start_latency_ms"] = ms(sink_rig.cold.latency)
    info |= sink_rig.info | clocks


@pytest.mark.realtime  # records back what it played: run alone, after the rest
def test_journal_offset_from_the_sound(
    benchmark: BenchmarkFixture, sink_rig: SinkRig, figures: Figures
) -> None:
    """The time the dictation drill journals for a voice's start,
    engine.session_time_of_frame(onset_frame) after engine.calibrate(), against the moment its
    first frame reached the monitor (ADC time mapped onto the same SessionClock).
    Budget: median absolute offset 30 ms; reports each of 7 bursts (1 untimed)."""
    rounds = 1 if benchmark.disabled else 7
    bursts = sink_rig.measure(benchmark, rounds)

    offsets = [b.offset for b in bursts]
    median_abs = statistics.median(abs(x) for x in offsets)
    info = benchmark.extra_info
    info["offset_ms_each"] = [ms(x) for x in offsets]
    info["offset_ms_median_abs"] = ms(median_abs)
    if not benchmark.disabled and sink_rig.rate == LINE_RATE:
        figures.record("journal_offset_median_abs_ms", ms(median_abs))
    info["offset_ms_max_abs"] = ms(max(abs(x) for x in offsets))
    info["budget_ms"] = ms(OFFSET_BUDGET)
    info["dac_history_jitter_ms"] = round(sink_rig.dac_history_jitter_ms(), 3)
    if sink_rig.cold is not None:
        info["cold_start_offset_ms"] = ms(sink_rig.cold.offset)
    info |= sink_rig.info
    assert median_abs < OFFSET_BUDGET, f"the journal is {ms(median_abs)} ms off the sound"


# 4 -----------------------------------------------------------------------------------------
def test_drift_over_ten_simulated_minutes(benchmark: BenchmarkFixture, figures: Figures) -> None:
    """Ten minutes of callbacks at 48 kHz (56,250 blocks) from a stream whose DAC clock runs
    50 ppm fast against its sample count; then a voice starts. Budget: the engine's
    stream_time_of_frame() of its onset (and of a frame mid-block, and of its end) within
    5 ms of the true DAC time. A naive mapping (frames / rate from the start) is reported
    for comparison: it is 30 ms off. Times the lookup the GUI makes per onset."""
    engine = fake_engine()
    click = engine.add(Voice("klik", noise_burst(7, RATE, 0.03)))
    dac_start = 5000.0
    driver = BlockDriver(engine, dac_start=dac_start, ppm=DRIFT_PPM)
    blocks = SIMULATED_SECONDS * RATE // BLOCK
    simulated = time.perf_counter()
    for _ in range(blocks):
        driver.block()
    simulated = time.perf_counter() - simulated
    engine.play(click)
    driver.block()
    onset = click.onset_frame
    assert onset == blocks * BLOCK
    while click.ended_frame < 0:
        driver.block()

    mapped = benchmark.pedantic(
        engine.stream_time_of_frame, args=(onset,), rounds=2000, warmup_rounds=20
    )
    assert mapped is not None
    engine_error = mapped - driver.true_dac(onset)
    naive_error = dac_start + onset / RATE - driver.true_dac(onset)
    inside = onset + 300
    inside_error = (engine.stream_time_of_frame(inside) or 0.0) - driver.true_dac(inside)
    end_error = (engine.stream_time_of_frame(click.ended_frame) or 0.0) - driver.true_dac(
        click.ended_frame
    )
    info = benchmark.extra_info
    info["engine_error_ms"] = round(engine_error * 1000, 6)
    worst = max(abs(engine_error), abs(inside_error), abs(end_error)) * 1000
    if not benchmark.disabled:
        figures.record("drift_ten_minutes_ms", worst)
    info["engine_error_mid_block_ms"] = round(inside_error * 1000, 6)
    info["engine_error_end_ms"] = round(end_error * 1000, 6)
    info["naive_error_ms"] = round(naive_error * 1000, 3)
    info["simulated_blocks"] = blocks + 1
    info["simulation_s"] = round(simulated, 2)
    info["callback_mean_us_idle_voice"] = round(simulated / blocks * 1e6, 2)
    for error in (engine_error, inside_error, end_error):
        assert abs(error) < DRIFT_BUDGET
    # the simulation really drifted: 600 s at 50 ppm is 30 ms
    assert abs(naive_error) == pytest.approx(SIMULATED_SECONDS * DRIFT_PPM * 1e-6, rel=0.01)
