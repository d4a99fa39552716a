"""The replay's sound on the real engine with a fake stream (as the headset's unit tests): what
sounds at the replay's clock plays from where it is, a stretch sounding on is left alone, a
jump starts it again from the new place, a pause silences both voices, and a recording or a
clip that cannot play is said once while the rest plays on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.test_headset_unit import RATE, Devices, a_clip, library
from trainer.core.replay import Sounding
from trainer.ui.replay_sound import TRAINEE, ReplaySound

VOICE = "sessie.voice.opus"


def recording(folder: Path, seconds: float = 6.0) -> None:
    """A trainee's recording as the voice recorder writes it (Ogg Opus, 16 kHz)."""
    t = np.arange(int(16000 * seconds)) / 16000
    tone = 0.2 * np.sin(2 * np.pi * 220 * t)
    soundfile.write(folder / VOICE, tone, 16000, format="OGG", subtype="OPUS")


def sound(folder: Path, device: str = "pulse") -> tuple[ReplaySound, Devices]:
    devices = Devices()
    s = ReplaySound(library(), 1, folder, device=device, engine_factory=devices)
    return s, devices


def customer(offset: float = 0.0) -> Sounding:
    return Sounding("customer", a_clip(), 10.0, 13.0, offset)


def trainee(offset: float = 0.0) -> Sounding:
    return Sounding("trainee", VOICE, 2.0, 40.0, offset)


def test_both_voices_play_from_where_the_clock_is(tmp_path: Path) -> None:
    recording(tmp_path)
    s, devices = sound(tmp_path)
    assert s.open() is None
    c, v = customer(), trainee()
    assert s.follow(((c, 1.0), (v, 2.5)), playing=True) == []
    assert s.headset.clip == c.file and s.headset.playing
    assert s.headset.position == pytest.approx(1.0, abs=1 / RATE)
    voice = s.headset.engine.voice(TRAINEE)  # type: ignore[union-attr]
    assert voice is not None and voice.playing
    assert voice.position == pytest.approx(2.5 * RATE, abs=2)

    devices.play(0.5)  # sounding on by itself: not started again (from an offset a tick old)
    s.follow(((c, 1.45), (v, 2.95)), playing=True)
    assert s.headset.position == pytest.approx(1.5, abs=0.01)
    s.follow(((c, 0.2), (v, 1.7)), playing=True, jumped=True)  # a jump back
    assert s.headset.position == pytest.approx(0.2, abs=1 / RATE)
    assert voice.position == pytest.approx(1.7 * RATE, abs=2)

    s.follow(((v, 4.0),), playing=True)  # the clip ended: only the recording sounds
    assert not s.headset.playing and voice.playing
    s.follow(((c, 0.5), (v, 4.0)), playing=False)  # paused
    assert not s.headset.playing and not voice.playing
    s.close()
    s.close()  # (twice is safe)


def test_a_missing_recording_is_said_once_and_the_customer_plays_on(tmp_path: Path) -> None:
    s, _devices = sound(tmp_path)
    s.open()
    said = s.follow(((customer(), 0.0), (trainee(), 1.0)), playing=True)
    assert [m.code for m in said] == ["audio_missing"]
    assert s.headset.playing
    assert s.follow(((customer(), 0.1), (trainee(), 1.1)), playing=True, jumped=True) == []
    assert s.missing.keys() == {VOICE}


def test_a_clip_not_in_the_library_is_said(tmp_path: Path) -> None:
    s, _devices = sound(tmp_path)
    s.open()
    gone = Sounding("customer", "nl-bestaat-niet", 0.0, 2.0, 0.0)
    (said,) = s.follow(((gone, 0.5),), playing=True)
    assert (said.code, said.params["clip"]) == ("unknown_clip", "nl-bestaat-niet")


def test_a_subtitle_was_not_heard_and_is_not_played(tmp_path: Path) -> None:
    s, _devices = sound(tmp_path)
    s.open()
    shown = Sounding("customer", a_clip(), 0.0, 2.0, 0.0, subtitle=True)
    assert s.follow(((shown, 0.5),), playing=True) == []
    assert not s.headset.playing


def test_no_device_is_said_and_following_does_nothing(tmp_path: Path) -> None:
    recording(tmp_path)
    s, _devices = sound(tmp_path, device="weg")
    problem = s.open()
    assert problem is not None and s.problem == problem and not s.available
    assert s.follow(((customer(), 0.0), (trainee(), 0.0)), playing=True) == []
    s.close()


def test_files_read_ahead_start_in_step_and_a_missing_one_is_said_when_its_moment_comes(
    tmp_path: Path,
) -> None:
    s, _devices = sound(tmp_path)
    s.open()
    c, v = customer(), trainee()
    s.preload([c, v])  # (no recording in the folder)
    assert s.headset.ready(c.file) and s.missing.keys() == {VOICE}
    # the clock read once the file is ready decides where it starts
    said = s.follow(((c, 0.0), (v, 0.0)), playing=True, clock=lambda: 11.25)
    assert [m.code for m in said] == ["audio_missing"]
    assert s.headset.position == pytest.approx(1.25, abs=1 / RATE)
    assert s.follow(((c, 0.0), (v, 0.0)), playing=True, jumped=True) == []
