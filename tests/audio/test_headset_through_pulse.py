"""The headset player end to end, with no fake: a shipped clip through PortAudio into the
PulseAudio null sink, recorded back from its monitor, its start and end heard on the session
clock."""

from __future__ import annotations

import time

import pytest

from tests.audio.recording import best_alignment, recording
from trainer.audio.engine import wait_until
from trainer.audio.headset import Headset, Heard, from_pcm16
from trainer.core.clips import MANIFEST_NAME, load_clip_library
from trainer.core.journal_writer import SessionClock
from trainer.paths import audio_dir

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest


def test_a_clip_plays_as_prepared_and_is_heard_starting_then_ending(null_sink: str) -> None:
    library = load_clip_library(audio_dir() / MANIFEST_NAME)
    clip = sorted(library.clips)[0]
    clock = SessionClock()
    headset = Headset(library, 3, clock.now, device=null_sink)
    assert headset.open() is None, headset.problem
    heard: list[Heard] = []
    try:
        rate = headset.engine.samplerate  # type: ignore[union-attr]
        played = from_pcm16(headset.prepare(clip))  # with the level's phone line and noise
        with recording(null_sink, rate) as recorder:
            asked = clock.now()
            headset.play(clip)

            def ended() -> bool:
                heard.extend(e for e in headset.poll() if isinstance(e, Heard))
                return any(e.kind == "end" for e in heard)

            assert wait_until(ended, headset.length + 10, step=0.05), "the clip never ended"
            time.sleep(0.3)
        recorded = recorder.audio()
    finally:
        headset.close()
    assert [e.kind for e in heard] == ["start", "end"] and heard[0].clip == clip
    # heard after it was asked for, and ended after it started
    assert asked <= heard[0].t < heard[1].t and heard[1].position == headset.length
    # never skipped through: a stream that underruns as it starts can be asked for sound
    # faster than real time (PulseAudio's ALSA plugin at 16 kHz with 10 ms of buffer: the
    # 6.4 s clip over in 1.9 s); a dropout only makes it longer (and the sink's clock may
    # run 150 ppm apart from the session's)
    took = heard[1].t - heard[0].t
    assert took > 0.99 * headset.length, f"the {headset.length:.2f} s clip took {took:.2f} s"
    score, _lag = best_alignment(recorded, played)
    assert score >= 0.9, f"recording matches the clip only {score:.2f}"
