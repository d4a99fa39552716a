"""The check the sound tests use to say a clip reached the sink as it was (no device needed)."""

from __future__ import annotations

import numpy as np

from tests.audio.recording import heard_as_played
from trainer.audio.sounds import clip_frames
from trainer.core.clips import MANIFEST_NAME, load_clip_library
from trainer.paths import audio_dir

RATE = 44100


def _clip(index: int) -> np.ndarray:
    library = load_clip_library(audio_dir() / MANIFEST_NAME)
    clip = sorted(library.clips.values(), key=lambda c: c.id)[index]
    return clip_frames(library.path_of(clip), RATE)


def test_a_clip_heard_whole_or_with_one_dropout_is_heard_as_played() -> None:
    played = _clip(0)
    lead = np.zeros(RATE // 5, dtype=np.float32)  # the monitor started before the sound
    assert heard_as_played(np.concatenate([lead, played]), played, RATE)[0]
    # a 25 ms gap a third of the way in: the rest lands later than the start
    cut = len(played) // 3
    gap = np.zeros(int(0.025 * RATE), dtype=np.float32)
    dropped = np.concatenate([lead, played[:cut], gap, played[cut:]])
    heard, why = heard_as_played(dropped, played, RATE)
    assert heard and not why.startswith("whole 0.9"), why  # (the whole no longer matches)


def test_another_clip_a_muffled_one_or_one_shifted_twice_are_not() -> None:
    played = _clip(0)
    assert not heard_as_played(_clip(1), played, RATE)[0]
    muffled = np.convolve(played, np.ones(40, dtype=np.float32) / 40, mode="same")
    assert not heard_as_played(muffled, played, RATE)[0]
    # two gaps, each in the middle of a half second that has sound: two shifts, not one
    gap = np.zeros(int(0.025 * RATE), dtype=np.float32)
    first, second = int(1.25 * RATE), int(2.75 * RATE)
    assert len(played) > 3.5 * RATE  # (the shipped clip is long enough for it)
    twice = np.concatenate([played[:first], gap, played[first:second], gap, played[second:]])
    heard, why = heard_as_played(twice, played, RATE)
    assert not heard, why
