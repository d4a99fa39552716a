"""One sound per level, for calls and dictations alike."""

from __future__ import annotations

from trainer.core.sound_profile import SoundProfile, sound_profile


def test_the_line_gets_noisier_and_narrower_as_the_level_rises() -> None:
    assert sound_profile(1) == sound_profile(2) == SoundProfile(telephone=True)
    assert [sound_profile(level).noise_db for level in (3, 4, 5)] == [20.0, 15.0, 12.0]
    assert [sound_profile(level).narrowband for level in (4, 5)] == [False, True]


def test_the_exam_level_has_office_noise_too() -> None:
    # a level-5 call had none while a level-5 dictation had it: one table now
    exam = sound_profile(5)
    assert exam.noise_db is not None and exam.telephone
