"""A call keeps its prepared clips as 16-bit samples (half the memory) and plays them as they
were prepared: within half a 16-bit step, never past full scale."""

from __future__ import annotations

import numpy as np

from tests.core.test_shipped_calls import CALLS, LIBRARY
from trainer.audio.headset import as_pcm16, from_pcm16
from trainer.audio.sounds import clip_frames
from trainer.core.sound_profile import NOISE_DB_BY_LEVEL


def test_a_prepared_clip_sounds_as_it_was_prepared_in_half_the_memory() -> None:
    call = next(c for c in CALLS if c.level == 4 and c.language == "nl")
    clip_id = next(e.clip for e in call.timeline if getattr(e, "clip", None))
    frames = clip_frames(
        LIBRARY.path_of(LIBRARY.clips[clip_id]),
        48000,
        telephone=True,
        noise_db=NOISE_DB_BY_LEVEL[4],
    )
    kept = as_pcm16(frames)
    played = from_pcm16(kept)
    assert kept.nbytes * 2 == frames.nbytes and played.dtype == np.float32
    assert float(np.max(np.abs(played - np.clip(frames, -1.0, 1.0)))) <= 0.5 / 32767 + 1e-7
    loud = from_pcm16(as_pcm16(np.array([1.5, -1.5, 1.0, -1.0], dtype=np.float32)))
    assert list(loud) == [1.0, -1.0, 1.0, -1.0]  # a clipped sample stays at full scale
