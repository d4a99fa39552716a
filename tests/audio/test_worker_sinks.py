"""The test run's workers do not hear each other: a worker plays into a null sink of its own
and records back from that sink's monitor (tests/sound.py), so a tone another worker plays
while an audio test records is never in that test's recording."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.recording import recording
from tests.sound import SHARED, sink_name

RATE = 48000


def _tone(path: Path, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    tone = (0.4 * np.sin(2 * np.pi * 523.25 * t)).astype(np.float32)
    soundfile.write(path, tone, RATE, subtype="FLOAT")
    return tone


def _loudness(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0


@pytest.mark.skipif(
    "PYTEST_XDIST_WORKER" not in os.environ, reason="one test process: no other worker to hear"
)
def test_a_tone_another_worker_plays_is_not_in_this_workers_recording(
    null_sink: str, tmp_path: Path
) -> None:
    assert sink_name() != SHARED
    wav = tmp_path / "tone.wav"
    tone = _tone(wav)
    with recording(null_sink, RATE) as recorder:
        time.sleep(0.3)  # the monitor stream is connected
        # as a process of another worker would: into the shared sink, not this worker's
        subprocess.run(["paplay", f"--device={SHARED}", str(wav)], check=True, timeout=20)
        time.sleep(0.3)
        stranger = recorder.audio()
        subprocess.run(["paplay", str(wav)], check=True, timeout=20)  # this worker's default
        time.sleep(0.3)
        everything = recorder.audio()
    assert _loudness(stranger) < 1e-3, "another worker's tone was heard in this recording"
    own = everything[len(stranger) :]
    assert _loudness(own) > 0.5 * _loudness(tone), "this worker's own tone was not recorded"
