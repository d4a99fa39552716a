"""Dropouts while the machine is busy: the app's engine, with its default buffering, plays a
steady tone into the PulseAudio null sink while one CPU-bound process per core runs (the
load of the test suite), and the sink's monitor is recorded by ``parec`` in a process of its
own, so the recording neither competes with the engine for the GIL nor loses data itself.

Budget ``dropouts_under_load``: 0, the gaps heard in the tone or the blocks the engine
counted late, whichever is more, with the engine at the headset's phone-line rate (what a
trainee hears); the device's own rate is measured beside it, as the reference. Timed with
``./run-tests --bench -k dropouts`` (10 s of tone); in the normal run it plays 1 s and only
checks that the tone arrived.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures
from tests.bench.test_bench_audio import SINK_RATE, engine_at, null_sink  # noqa: F401 (a fixture)
from tests.sound import monitor_name
from trainer.audio.engine import Voice, wait_until
from trainer.audio.headset import LINE_RATE

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest

TONE_HZ = 441.0
LEVEL = 0.5
WINDOW = 0.002  # a gap shorter than this is not counted (nobody hears it either)


def steady_tone(seconds: float, rate: int) -> npt.NDArray[np.float32]:
    t = np.arange(int(seconds * rate)) / rate
    return (LEVEL * np.sin(2 * np.pi * TONE_HZ * t)).astype(np.float32)


def gaps_in_tone(recorded: npt.NDArray[np.float32], rate: int) -> tuple[int, float]:
    """How many times the tone fell silent between its first and last window, and how long
    it was heard in all (s); (-1, 0.0) when it was never heard."""
    w = int(rate * WINDOW)
    n = len(recorded) // w
    rms = np.sqrt(np.mean(recorded[: n * w].reshape(n, w).astype(np.float64) ** 2, axis=1))
    full = LEVEL / np.sqrt(2)
    on = np.flatnonzero(rms > 0.6 * full)
    if len(on) == 0:
        return -1, 0.0
    quiet = rms[on[0] : on[-1] + 1] < 0.3 * full
    starts = int(quiet[0]) + int(np.sum(quiet[1:] & ~quiet[:-1]))
    return starts, len(quiet) * WINDOW


@contextmanager
def busy_cores(count: int) -> Iterator[None]:
    """``count`` processes that only burn CPU, like the test suite's workers."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


@contextmanager
def monitor_recording(path: Path) -> Iterator[None]:
    """The null sink's monitor into ``path`` (mono float32 at SINK_RATE), by parec."""
    command = ["parec", f"--device={monitor_name()}", "--format=float32le", "--channels=1"]
    recorder = subprocess.Popen(
        [*command, f"--rate={SINK_RATE}", "--latency-msec=50", str(path)],
        stderr=subprocess.PIPE,
    )
    try:
        time.sleep(0.5)  # the monitor stream is connected before anything plays
        yield
        time.sleep(0.3)  # and the tail reaches the file
    finally:
        recorder.terminate()
        _out, err = recorder.communicate(timeout=10)
    if recorder.returncode not in (0, -15):
        pytest.fail(f"parec failed: {err.decode(errors='replace')}")


@pytest.mark.parametrize("rate", [LINE_RATE, SINK_RATE], ids=["line", "device_rate"])
def test_dropouts_under_load(
    rate: int,
    benchmark: BenchmarkFixture,
    null_sink: str,  # noqa: F811 (the fixture imported above)
    figures: Figures,
    tmp_path: Path,
) -> None:
    """A 10 s tone (1 s untimed) through AudioEngine(null_sink) at ``rate`` with its default
    buffering, every core busy. Reports the gaps heard, the blocks the engine counted late,
    whether the audio threads got real-time scheduling, and the buffering chosen."""
    seconds = 1.0 if benchmark.disabled else 10.0
    tone = steady_tone(seconds, rate)
    path = tmp_path / "monitor.raw"
    engine = engine_at(null_sink, rate)  # (the line's as the headset opens it)
    reported: list[float] = []

    def play_under_load() -> None:
        with busy_cores(os.cpu_count() or 2), monitor_recording(path):
            engine.start()
            try:
                time.sleep(0.5)  # the engine counts no gap while the stream settles
                voice = engine.add(Voice("toon", tone))
                engine.play(voice)
                assert wait_until(lambda: voice.ended_frame >= 0, seconds + 20, 0.05)
                reported.append(engine.latency)
                time.sleep(engine.latency + 0.2)
            finally:
                engine.stop()

    benchmark.pedantic(play_under_load, rounds=1)

    heard_gaps, heard_for = gaps_in_tone(np.fromfile(path, dtype="<f4"), SINK_RATE)
    assert heard_gaps >= 0, "the tone never reached the null sink's monitor"
    assert heard_for >= 0.9 * seconds, f"only {heard_for:.2f} s of the {seconds} s tone was heard"
    dropouts = max(heard_gaps, engine.underflows)
    if not benchmark.disabled and rate == LINE_RATE:
        figures.record("dropouts_under_load", dropouts)
    info = benchmark.extra_info
    info["tone_s"] = seconds
    info["busy_processes"] = os.cpu_count() or 2
    info["gaps_heard"] = heard_gaps
    info["engine_underflows"] = engine.underflows
    info["tone_heard_for_s"] = round(heard_for, 3)
    info["realtime_audio_threads"] = engine.realtime
    info["blocksize"] = engine.blocksize
    info["reported_latency_ms"] = round(reported[0] * 1000, 2)
