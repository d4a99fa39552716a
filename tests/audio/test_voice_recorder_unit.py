"""The voice recorder without a sound device: its callback fed by hand, as PortAudio would,
on a stream clock the test sets. The file, the worker thread and libsndfile are real."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile

from tests.conftest import REPO
from trainer.audio.voice_recorder import (
    RATE,
    RING_SECONDS,
    VoiceRecorder,
    VoiceStarted,
    VoiceStopped,
    VoiceSync,
)

BLOCK = 160  # 10 ms


class FakeStream:
    """What the recorder asks of an input stream: its clock, start, stop, still active."""

    def __init__(self, **_kwargs: object) -> None:
        self.time = 100.0
        self.active = True

    def start(self) -> None:
        pass

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


def recorder(tmp_path: Path, clock: Clock) -> tuple[VoiceRecorder, FakeStream]:
    streams: list[FakeStream] = []

    def factory(**kwargs: object) -> FakeStream:
        streams.append(FakeStream(**kwargs))
        return streams[-1]

    rec = VoiceRecorder(tmp_path / "stem.voice.opus", clock.now, stream_factory=factory)
    assert rec.start() is None
    return rec, streams[0]


def feed(rec: VoiceRecorder, stream: FakeStream, clock: Clock, samples: np.ndarray) -> None:
    """Blocks as the callback gets them, each one arriving 2 ms after its last sample; the
    stream clock and the session clock (100 s apart) run together."""
    for start in range(0, len(samples) - BLOCK + 1, BLOCK):
        stream.time += BLOCK / RATE
        clock.t += BLOCK / RATE
        info = SimpleNamespace(currentTime=stream.time + 0.002, inputBufferAdcTime=0.0)
        rec._callback(samples[start : start + BLOCK, None], BLOCK, info, None)


def tone(seconds: float, hz: float = 440.0) -> np.ndarray:
    n = int(seconds * RATE)
    return (0.3 * np.sin(2 * np.pi * hz * np.arange(n) / RATE)).astype(np.float32)


def test_the_first_sample_is_placed_by_the_blocks_arrival(tmp_path: Path) -> None:
    clock = Clock()
    clock.t = 5.0  # the call has run 5 s when the microphone opens
    rec, stream = recorder(tmp_path, clock)
    feed(rec, stream, clock, tone(0.3))
    assert rec.poll() == []  # too few blocks to say yet
    feed(rec, stream, clock, tone(0.3))
    news = rec.poll()
    assert len(news) == 1 and isinstance(news[0], VoiceStarted)
    # the first block (10 ms) ended 2 ms before its callback, which ran at 5.012 s
    assert news[0].t == pytest.approx(5.002, abs=1e-6)
    rec.stop()


def test_at_the_end_the_first_sample_is_said_after_any_block(tmp_path: Path) -> None:
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    assert rec.poll(settle=False) == []  # nothing came: nothing to say
    feed(rec, stream, clock, tone(0.1))  # a call ended at once
    assert rec.poll() == []
    news = rec.poll(settle=False)
    assert len(news) == 1 and isinstance(news[0], VoiceStarted)
    assert news[0].t == pytest.approx(0.002, abs=1e-6)
    rec.stop()


def test_after_the_session_clock_stood_still_the_new_mapping_is_said(tmp_path: Path) -> None:
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    feed(rec, stream, clock, tone(1.0))
    assert isinstance(rec.poll()[0], VoiceStarted)
    stood = clock.t
    feed(rec, stream, clock, tone(3.0))  # the session clock stands still 3 s...
    clock.t = stood
    assert rec.poll(clock_running=False) == []
    feed(rec, stream, clock, tone(0.5))  # ...and runs again
    news = rec.poll()
    assert len(news) == 1 and isinstance(news[0], VoiceSync)
    # the latest block (ending 4.5 s into the file) was taken 0.5 s after the clock ran again
    assert news[0].frame == int(4.5 * RATE)
    assert news[0].t == pytest.approx(stood + 0.5, abs=0.003)
    assert rec.poll() == []  # said once
    rec.stop()


def test_input_dropped_on_the_way_is_said_as_a_new_mapping(tmp_path: Path) -> None:
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    feed(rec, stream, clock, tone(1.0))
    assert isinstance(rec.poll()[0], VoiceStarted)
    stream.time += 0.3  # 300 ms of input never reached the callback (a busy machine)
    clock.t += 0.3
    feed(rec, stream, clock, tone(1.0))
    news = rec.poll()
    assert len(news) == 1 and isinstance(news[0], VoiceSync)
    sync = news[0]
    # the frame it names was taken 0.3 s later than the frames before it account for
    assert 1.0 * RATE < sync.frame <= 2.0 * RATE
    assert sync.t == pytest.approx(sync.frame / RATE + 0.3, abs=0.003)
    rec.stop()


def test_frames_the_disk_was_too_slow_for_are_silence_and_the_file_keeps_time(
    tmp_path: Path,
) -> None:
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    rec._stopping = False
    # 12 s arrive at once, more than the ring holds before the worker wakes
    quiet, loud = np.zeros(int(10 * RATE), np.float32), tone(2.0)
    feed(rec, stream, clock, np.concatenate([quiet, loud]))
    rec.stop()
    audio, rate = soundfile.read(rec.path, dtype="float32")
    assert rate == RATE and len(audio) == rec.written == rec.produced == 12 * RATE
    assert rec.lost >= (12 - RING_SECONDS) * RATE - 0.5 * RATE  # most of what came first
    tail = audio[-2 * RATE + 800 : -800]
    assert np.sqrt(np.mean(tail**2)) == pytest.approx(0.3 / np.sqrt(2), rel=0.1)
    assert np.max(np.abs(audio[: rec.lost])) < 0.01  # silence where frames were lost


def test_a_write_that_fails_stops_the_recording_and_keeps_what_was_written(
    tmp_path: Path,
) -> None:
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (12_000, hard))  # a disk that fills up
    try:
        noise = np.random.default_rng(1).normal(0, 0.2, 30 * RATE).astype(np.float32)
        for second in range(30):
            feed(rec, stream, clock, noise[second * RATE : (second + 1) * RATE])
            time.sleep(0.06)
            if rec._failure is not None:
                break
        news = [n for n in rec.poll() if isinstance(n, VoiceStopped)]
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert [n.reason for n in news] in (["write_failed"], ["disk_full"])
    assert news[0].message.code in ("voice_cannot_write", "voice_disk_full")
    rec.stop()
    audio, _ = soundfile.read(rec.path, dtype="float32")  # what fit on the disk reads back
    assert 0 < len(audio) < 30 * RATE


KILLED = """
import sys, time
from pathlib import Path
from types import SimpleNamespace
import numpy as np
from trainer.audio.voice_recorder import RATE, VoiceRecorder

class Stream:
    time, active = 0.0, True
    def __init__(self, **kw): pass
    def start(self): pass

rec = VoiceRecorder(Path(sys.argv[1]), time.perf_counter, stream_factory=Stream)
assert rec.start() is None
block = (0.3 * np.sin(np.arange(160) / 160 * 2 * np.pi * 4)).astype(np.float32)[:, None]
while True:
    rec._callback(block, 160, SimpleNamespace(currentTime=0.0), None)
    print(rec.produced, flush=True)
    time.sleep(160 / RATE)
"""


def test_a_killed_app_leaves_a_file_that_reads_to_within_half_a_second(tmp_path: Path) -> None:
    path = tmp_path / "killed.voice.opus"
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    produced = 0
    for line in proc.stdout:
        produced = int(line)
        if produced >= 3 * RATE:
            break
    proc.kill()  # SIGKILL: nothing closes the file
    proc.wait()
    frames = soundfile.info(path).frames
    assert produced - 0.5 * RATE <= frames <= produced


def rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS:")).split()[1]) / 1024


def test_a_ten_minute_call_is_not_held_in_memory(tmp_path: Path) -> None:
    """10 minutes of float32 would be 38 MB: the ring and the file's encoder hold a few
    hundred kB, whatever the length."""
    clock = Clock()
    rec, stream = recorder(tmp_path, clock)
    minute = tone(60.0, 220.0)
    feed(rec, stream, clock, minute)  # the ring and the encoder warmed up
    time.sleep(0.3)
    before = rss_mb()
    for _ in range(9):
        feed(rec, stream, clock, minute)
        time.sleep(0.3)
    grown = rss_mb() - before
    rec.stop()
    assert soundfile.info(rec.path).frames == rec.produced == 600 * RATE
    assert grown < 4.0, f"RSS grew {grown:.1f} MB over 9 minutes of recording"
