"""The headset player on the real engine with a fake stream: the test plays the blocks, so
what the headset reports (a clip heard starting and ending, a lost device) is exact."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import numpy as np
import pytest

from trainer.audio.engine import AudioEngine
from trainer.audio.headset import Headset, Heard, Lost
from trainer.audio.sounds import AudioFileError
from trainer.core.clips import MANIFEST_NAME, ClipLibrary, load_clip_library
from trainer.paths import audio_dir

RATE = 8000
BLOCK = 400


class FakeStream:
    """Stands in for sounddevice.OutputStream: the test calls the callback a block at a time.
    Its clock runs 100 s ahead of the session's, and a block reaches the headset 50 ms after
    it is written."""

    def __init__(self, *, callback, samplerate, channels, **_kw) -> None:
        self.callback, self.samplerate, self.channels = callback, samplerate, channels
        self.active = False
        self.latency = 0.05
        self.time = 100.0

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass

    def block(self) -> np.ndarray:
        out = np.zeros((BLOCK, self.channels), dtype=np.float32)
        info = SimpleNamespace(outputBufferDacTime=self.time + 0.05, currentTime=self.time)
        self.callback(out, BLOCK, info, SimpleNamespace(output_underflow=False))
        self.time += BLOCK / self.samplerate
        return out


class Devices:
    """The engine factory: one fake stream per device opened; a device named 'weg' is not
    there, one named 'usb' runs at twice the rate."""

    def __init__(self) -> None:
        self.streams: list[FakeStream] = []
        self.session = 0.0  # the session clock, moved by the test

    def __call__(self, device: int | str | None) -> AudioEngine:
        def stream(**kw) -> FakeStream:
            if device == "weg":
                raise ValueError("no such device")
            self.streams.append(FakeStream(**kw))
            return self.streams[-1]

        rate = 2 * RATE if device == "usb" else RATE
        return AudioEngine(device, samplerate=rate, blocksize=BLOCK, stream_factory=stream)

    def now(self) -> float:
        return self.session

    def play(self, seconds: float) -> None:
        """The stream plays on for ``seconds``; the session clock keeps pace with it."""
        stream = self.streams[-1]
        for _ in range(round(seconds * RATE / BLOCK)):
            stream.block()
            self.session = stream.time - 100.0


@cache
def library() -> ClipLibrary:
    return load_clip_library(audio_dir() / MANIFEST_NAME)


def a_clip() -> str:
    return sorted(library().clips)[0]


def headset(level: int = 1, device: str = "pulse") -> tuple[Headset, Devices]:
    devices = Devices()
    h = Headset(library(), level, devices.now, device=device, volume=0.5, engine_factory=devices)
    return h, devices


def test_a_device_that_does_not_open_is_named_and_nothing_plays() -> None:
    h, _devices = headset(device="weg")
    problem = h.open()
    assert problem is not None and problem.params["name"] == "weg"
    assert not h.available and h.poll() == []


def test_a_clip_plays_and_is_heard_starting_and_ending_on_the_session_clock() -> None:
    h, devices = headset()
    assert h.open() is None and h.available and h.engine is not None and h.engine.master == 0.5
    clip = a_clip()
    devices.play(0.5)
    h.play(clip)
    assert h.playing and h.clip == clip and h.length > 1.0
    devices.play(0.2)
    [start] = h.poll()
    # the first block after play() started at session 0.5 and reached the headset 50 ms later
    assert start == Heard("start", clip, pytest.approx(0.55), 0.0)
    assert h.poll() == []  # said once
    devices.play(h.length + 0.2)
    [end] = h.poll()
    assert end.kind == "end" and end.position == pytest.approx(h.length)
    assert end.t == pytest.approx(0.55 + h.length, abs=BLOCK / RATE)
    assert not h.playing


def test_pause_says_where_and_a_play_from_there_is_heard_from_there() -> None:
    h, devices = headset()
    h.open()
    clip = a_clip()
    h.play(clip)
    devices.play(1.0)
    at = h.pause()
    assert at == pytest.approx(1.0, abs=BLOCK / RATE)
    devices.play(0.5)
    assert h.position == pytest.approx(at, abs=0.01)  # paused: only the fade moved it
    h.poll()
    h.play(clip, 0.25)
    devices.play(0.1)
    assert [e.position for e in h.poll() if isinstance(e, Heard)] == [0.25]


def test_seek_and_speed_keep_the_place_in_the_clip() -> None:
    h, devices = headset()
    h.open()
    clip = a_clip()
    h.play(clip)
    devices.play(0.5)
    h.seek(1.5)
    assert h.position == pytest.approx(1.5)
    h.change_speed(0.5)
    assert h.speed == 0.5 and h.playing
    assert h.position == pytest.approx(1.5, abs=0.01)
    devices.play(1.0)  # a second at half speed: half a second of the clip
    assert h.position == pytest.approx(2.0, abs=0.02)
    h.unload()
    assert h.clip is None and h.position == 0.0 and not h.playing


def test_clips_are_prepared_once_as_16_bit_with_the_levels_sound() -> None:
    plain, _ = headset(level=1)
    exam, _ = headset(level=5)
    plain.open()
    exam.open()
    clip = a_clip()
    first = plain.prepare(clip)
    assert first.dtype == np.int16 and plain.prepare(clip) is first
    # level 5: office noise and an 8 kHz line, so the same clip sounds different
    assert not np.array_equal(exam.prepare(clip), first)
    with pytest.raises(KeyError):
        plain.prepare("geen-fragment")


def test_an_unreadable_clip_file_is_an_audio_file_error(tmp_path) -> None:
    import shutil

    shutil.copytree(library().folder, tmp_path / "audio")
    clip = a_clip()
    copy = load_clip_library(tmp_path / "audio" / MANIFEST_NAME, check_files=False)
    copy.path_of(copy.clips[clip]).unlink()
    devices = Devices()
    h = Headset(copy, 1, devices.now, engine_factory=devices)
    h.open()
    with pytest.raises(AudioFileError):
        h.play(clip)


def test_a_lost_device_is_said_once_and_reconnect_goes_on_where_it_was() -> None:
    h, devices = headset()
    h.open()
    clip = a_clip()
    h.play(clip)
    devices.play(1.0)
    h.poll()
    devices.streams[-1].active = False  # the USB headset pulled out
    [lost] = h.poll()
    assert isinstance(lost, Lost) and "stopped" in lost.reason
    assert not h.available and not h.playing and h.poll() == []
    at = h.position
    h.device = "weg"
    problem = h.reconnect()
    assert problem is not None and problem.params["name"] == "weg" and not h.available
    h.device = "pulse"
    assert h.reconnect() is None and h.available and len(devices.streams) == 2
    assert h.clip == clip and not h.playing and h.position == pytest.approx(at, abs=0.01)
    h.play(clip, h.position)
    devices.play(0.1)
    assert [e.kind for e in h.poll() if isinstance(e, Heard)] == ["start"]


def test_ring_tone_and_hold_music_loop_until_stopped() -> None:
    h, devices = headset()
    h.open()
    h.loop("ring", True)
    devices.play(5.0)  # longer than one ring: it loops
    assert h.engine is not None
    ring = h.engine.voice("ring")
    assert ring is not None and ring.playing
    h.loop("ring", False)
    h.loop("hold", True)
    devices.play(0.1)
    assert not ring.playing and h.engine.voice("hold").playing  # type: ignore[union-attr]
    assert not h.playing  # the customer's clip is another voice


def test_a_headset_found_again_at_another_rate_gets_the_clip_made_anew_for_it() -> None:
    h, devices = headset()
    h.open()
    clip = a_clip()
    h.play(clip)
    devices.play(1.0)
    length, at = h.length, h.pause()
    h.device = "usb"
    assert h.reconnect() is None
    assert len(h.prepare(clip)) == pytest.approx(2 * length * RATE, abs=2)
    assert h.length == pytest.approx(length, abs=0.01) and h.position == pytest.approx(at, abs=0.01)


def test_resume_goes_on_where_the_clip_stopped_and_is_heard_from_there() -> None:
    h, devices = headset()
    h.open()
    clip = a_clip()
    h.play(clip)
    devices.play(1.0)
    h.pause()
    devices.play(0.5)
    h.poll()
    at = h.position
    h.resume()
    assert h.playing
    devices.play(0.1)
    [start] = h.poll()
    assert start.kind == "start" and start.position == pytest.approx(at)  # type: ignore[union-attr]


def test_the_line_is_mixed_at_16_khz_and_sent_at_48_where_the_device_takes_it() -> None:
    """A phone line carries nothing above 4 kHz: a 16 kHz mix holds a third of the frames of a
    48 kHz one, and reaches the device at 48 kHz (where PulseAudio needs the smaller
    buffer). A device that refuses 48 kHz opens at its own rate (44.1 kHz here), mixed and
    sent alike."""
    from trainer.audio.headset import LINE_RATE, LINE_STREAM_RATE

    def factory(refuses: set[int], opened: list[FakeStream]):  # type: ignore[no-untyped-def]
        made: list[AudioEngine] = []

        def make(device: int | str | None) -> AudioEngine:
            def stream(**kw) -> FakeStream:
                if kw["samplerate"] in refuses:
                    raise ValueError(f"Invalid sample rate {kw['samplerate']}")
                opened.append(FakeStream(**kw))
                return opened[-1]

            # the first engine's rate unset (the line's is tried); the next has the rate a
            # real one would read off the device
            rate = 44_100 if made else None
            made.append(AudioEngine(device, samplerate=rate, stream_factory=stream))
            return made[-1]

        return make

    streams: list[FakeStream] = []
    takes = Headset(
        library(), 4, lambda: 0.0, device="pulse", engine_factory=factory(set(), streams)
    )
    assert takes.open() is None and takes.engine is not None
    assert takes.engine.samplerate == LINE_RATE == 16_000
    assert streams[-1].samplerate == LINE_STREAM_RATE == 48_000
    clip = a_clip()
    seconds = len(takes.prepare(clip)) / LINE_RATE
    refuses = Headset(
        library(), 4, lambda: 0.0, device="hw:1,0", engine_factory=factory({48_000}, streams)
    )
    assert refuses.open() is None and refuses.engine is not None
    assert refuses.engine.samplerate == streams[-1].samplerate == 44_100
    assert len(refuses.prepare(clip)) / 44_100 == pytest.approx(seconds, abs=0.01)
