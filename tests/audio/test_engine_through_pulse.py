"""The headset path end to end, with no fake: the app's engine plays through PortAudio into a
PulseAudio null sink, and what reaches the sink is recorded back from its monitor."""

from __future__ import annotations

import time

import numpy as np
import pytest

from tests.audio.recording import heard_as_played, recording
from trainer.audio.engine import AudioEngine, Voice, wait_until
from trainer.audio.sounds import clip_frames
from trainer.core.clips import MANIFEST_NAME, load_clip_library
from trainer.paths import audio_dir

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest

RATE = 44100


def shipped_clip() -> tuple[str, object]:
    library = load_clip_library(audio_dir() / MANIFEST_NAME)
    clip = sorted(library.clips.values(), key=lambda c: c.id)[0]
    return clip.id, library.path_of(clip)


def test_a_shipped_clip_reaches_the_sink_as_it_was(null_sink: str) -> None:
    clip_id, path = shipped_clip()
    frames = clip_frames(path, RATE)
    engine = AudioEngine(null_sink, samplerate=RATE)
    with recording(null_sink, RATE) as recorder:
        engine.start()
        try:
            voice = engine.add(Voice(clip_id, frames))
            engine.play(voice)
            seconds = len(frames) / RATE
            assert wait_until(lambda: voice.ended_frame >= 0, seconds + 10), "clip never ended"
            time.sleep(engine.latency + 0.3)
            status = engine.poll()
        finally:
            engine.stop()
        recorded = recorder.audio()
    assert status.running, status.error
    assert len(recorded) >= len(frames) * 0.9, "the monitor heard less than the clip"
    heard, why = heard_as_played(recorded, frames, RATE)
    assert heard, f"recording does not match the clip: {why} ({status.underflows} dropouts)"


def test_a_paused_voice_goes_quiet_and_resumes_where_it_was(null_sink: str) -> None:
    engine = AudioEngine(null_sink, samplerate=RATE)
    tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(RATE * 3) / RATE)).astype(np.float32)
    engine.start()
    try:
        voice = engine.add(Voice("tone", tone))
        engine.play(voice)
        assert wait_until(lambda: voice.pos > RATE // 2, 10)
        engine.pause(voice)
        time.sleep(0.2)
        held = voice.pos
        time.sleep(0.3)
        assert voice.pos == held  # paused: nothing more is played
        engine.play(voice)
        assert wait_until(lambda: voice.pos > held + RATE // 4, 5)
    finally:
        engine.stop()
    assert 0 < held < len(tone)
