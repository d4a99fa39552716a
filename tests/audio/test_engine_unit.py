"""The engine's mixing and bookkeeping, driven block by block through a fake stream."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from trainer.audio.engine import RAMP_SECONDS, AudioEngine, Voice, choose_buffering

RATE = 8000
BLOCK = 80


class FakeStream:
    """Stands in for sounddevice.OutputStream: the test calls the callback itself, a block of
    the size the engine asked for at a time."""

    def __init__(self, *, callback, samplerate, channels, blocksize, **_kw) -> None:
        self.callback = callback
        self.channels = channels
        self.samplerate = samplerate
        self.blocksize = blocksize
        self.active = False
        self.latency = 0.02
        self.time = 100.0
        self.dac = 100.05

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass

    def block(self, underflow: bool = False) -> np.ndarray:
        size = self.blocksize
        out = np.full((size, self.channels), 9.0, dtype=np.float32)  # garbage must be overwritten
        info = SimpleNamespace(outputBufferDacTime=self.dac, currentTime=self.time)
        self.callback(out, size, info, SimpleNamespace(output_underflow=underflow))
        self.dac += size / self.samplerate
        self.time += size / self.samplerate
        return out

    def stall(self, seconds: float) -> None:
        """The next callback comes late: the headset runs dry, and the host API says nothing."""
        self.time += seconds
        self.dac += seconds


def engine(**settings) -> tuple[AudioEngine, FakeStream]:  # type: ignore[no-untyped-def]
    """A started engine on a fake stream: at RATE in blocks of BLOCK unless ``settings`` say
    otherwise (AudioEngine's keywords)."""
    made: list[FakeStream] = []

    def factory(**kw) -> FakeStream:
        made.append(FakeStream(**kw))
        return made[-1]

    e = AudioEngine(
        None, **({"samplerate": RATE, "blocksize": BLOCK} | settings), stream_factory=factory
    )
    e.start()
    return e, made[0]


def test_silence_until_a_voice_plays_then_its_frames_in_both_ears() -> None:
    e, stream = engine()
    voice = e.add(Voice("klant", np.full(RATE, 0.5, dtype=np.float32)))
    assert np.all(stream.block() == 0.0)
    e.play(voice)
    out = stream.block()
    assert out[0, 0] == 0.0  # starts from silence (a ramp, no click)
    assert out[-1, 0] == pytest.approx(0.5) and np.array_equal(out[:, 0], out[:, 1])
    assert voice.onset_frame == BLOCK


def test_voices_mix_and_the_master_volume_scales_them() -> None:
    e, stream = engine()
    a = e.add(Voice("klant", np.full(RATE, 0.25, dtype=np.float32)))
    b = e.add(Voice("ruis", np.full(RATE, 0.125, dtype=np.float32), gain=0.5, loop=True))
    e.play(a)
    e.play(b)
    stream.block()
    assert stream.block()[10, 0] == pytest.approx(0.25 + 0.0625)
    e.master = 0.5
    assert stream.block()[10, 0] == pytest.approx((0.25 + 0.0625) / 2)


def test_a_clip_ends_by_itself_and_its_end_is_stamped() -> None:
    e, stream = engine()
    voice = e.add(Voice("klant", np.full(BLOCK + 30, 0.5, dtype=np.float32)))
    e.play(voice)
    stream.block()
    out = stream.block()
    assert np.all(out[30:] == 0.0) and not voice.playing
    assert voice.ended_frame == BLOCK + 30
    # ... and the end maps to when it reached the headset, on the stream's clock
    assert e.stream_time_of_frame(voice.ended_frame) == pytest.approx(100.05 + (BLOCK + 30) / RATE)


def test_pause_ramps_down_and_resume_continues_where_it_was() -> None:
    e, stream = engine()
    voice = e.add(Voice("klant", np.full(RATE, 0.5, dtype=np.float32)))
    e.play(voice)
    stream.block()
    e.pause(voice)
    out = stream.block()
    assert out[0, 0] > 0.4 and out[-1, 0] == pytest.approx(0.0, abs=1e-6)
    held = voice.pos
    assert np.all(stream.block() == 0.0) and voice.pos == held
    e.play(voice)
    stream.block()
    assert voice.pos == held + BLOCK


def test_a_pause_takes_only_its_fade_from_the_clip_so_resuming_skips_nothing() -> None:
    e, stream = engine()
    clip = (np.arange(RATE, dtype=np.float32) + 1) / RATE  # every frame different, none silent
    voice = e.add(Voice("klant", clip))
    e.play(voice)
    stream.block()
    e.pause(voice)
    paused_at = voice.pos
    out = stream.block()
    fade = int(RATE * RAMP_SECONDS)
    assert np.flatnonzero(out[:, 0]).max() < fade  # heard only while it fades
    assert voice.pos == paused_at + fade  # the rest of the block did not use up the clip
    stream.block()
    assert voice.silent and voice.pos == paused_at + fade
    e.play(voice)
    out = stream.block()
    # on from the first frame that was not heard, fading in from silence
    start = paused_at + fade
    assert out[fade:, 0] == pytest.approx(clip[start + fade : start + BLOCK])


def test_seeking_plays_from_the_new_place() -> None:
    e, stream = engine()
    ramp = np.arange(RATE, dtype=np.float32) / RATE
    voice = e.add(Voice("klant", ramp))
    e.play(voice, from_frame=RATE // 2)
    stream.block()
    assert stream.block()[0, 0] == pytest.approx(ramp[RATE // 2 + BLOCK])


def test_audible_underflows_are_counted_and_a_stopped_stream_is_reported() -> None:
    e, stream = engine()
    stream.block(underflow=True)  # nothing playing: nobody hears a gap in silence
    e.play(e.add(Voice("klant", np.full(RATE, 0.5, dtype=np.float32))))
    stream.block()
    stream.block(underflow=True)
    stream.block(underflow=True)
    assert e.poll().underflows == 2 and e.poll().running
    stream.active = False  # the headset was pulled out
    status = e.poll()
    assert not status.running and "stopped" in status.error


def test_a_dropout_nobody_reported_is_counted_but_not_while_the_stream_starts() -> None:
    e, stream = engine()
    e.play(e.add(Voice("klant", np.full(RATE * 3, 0.5, dtype=np.float32))))
    stream.block()
    stream.stall(1.5)  # PulseAudio holds the first blocks back: the sound starts late
    for _ in range(RATE // BLOCK):
        stream.block()
    assert e.poll().underflows == 0
    stream.stall(0.3)  # the callback came late, the plugin recovered without a word
    stream.block()
    stream.block()
    assert e.poll().underflows == 1
    stream.stall(0.005)  # a late callback that still came before the headset ran out
    stream.time -= 0.01
    stream.block()
    assert e.poll().underflows == 1


def test_the_stream_clock_maps_onto_the_session_clock() -> None:
    e, stream = engine()
    session = iter([5.0, 5.0] * 5)
    e.calibrate(lambda: next(session))
    stream.block()
    # stream.time was 100.0 when the session clock read 5.0
    assert e.stream_to_session(100.05) == pytest.approx(5.05)
    assert e.session_time_of_frame(0, lambda: 0.0) == pytest.approx(5.05)


def test_ring_tone_hold_music_noise_and_voice_mix_in_one_stream() -> None:
    from trainer.audio.sounds import hold_music, office_background, ring_tone

    e, stream = engine()
    sources = {
        "ring": Voice("ring", ring_tone(RATE)),
        "hold": Voice("hold", hold_music(RATE), gain=0.5, loop=True),
        "noise": Voice("noise", office_background(RATE, 2.0), loop=True),
        "klant": Voice("klant", np.full(RATE, 0.1, dtype=np.float32)),
    }
    for voice in sources.values():
        e.play(e.add(voice))
    blocks = np.concatenate([stream.block()[:, 0] for _ in range(40)])
    # every source moved on by the same frames, and the mix is their sum
    assert {v.pos for v in sources.values()} == {40 * BLOCK}
    expected = sum(v.frames[: 40 * BLOCK] * v.gain for v in sources.values())
    assert np.allclose(blocks[BLOCK:], expected[BLOCK:], atol=1e-5)  # after the start ramp
    ring = ring_tone(RATE)
    assert np.count_nonzero(ring[: RATE // 2]) > 0 and not np.any(ring[2 * RATE : 3 * RATE])


def test_a_frame_not_yet_played_has_no_time() -> None:
    e, stream = engine()
    stream.block()
    assert e.stream_time_of_frame(-1) is None


def test_buffering_is_small_only_where_the_audio_threads_run_real_time() -> None:
    # real-time: ~2.7 ms blocks in a 10 ms buffer; otherwise 512 frames in 35 ms
    assert choose_buffering(44100, 0.0087, realtime=True) == (128, 0.010)
    assert choose_buffering(96000, 0.0, realtime=True) == (256, 0.010)
    assert choose_buffering(48000, 0.0087, realtime=False) == (512, 0.035)
    # the phone line's 16 kHz, which the sound server converts: 4 ms blocks in 16 ms (with
    # less, PulseAudio's ALSA plugin skips through the first seconds of a clip)
    assert choose_buffering(16000, 0.0087, realtime=True) == (64, 0.016)
    assert choose_buffering(16000, 0.0087, realtime=False) == (128, 0.035)
    # a 48 kHz stream carrying a 16 kHz mix: whole mixed frames in a block, 32 of them (2 ms)
    assert choose_buffering(48000, 0.0087, realtime=True, factor=3) == (96, 0.010)
    assert choose_buffering(48000, 0.0087, realtime=False, factor=3) == (384, 0.035)
    # never below what the device says it can do
    assert choose_buffering(48000, 0.02, realtime=True) == (128, 0.02)


class _Meddling(np.ndarray):
    """A mix buffer that lets the 'GUI thread' act while the callback is inside a block."""

    hook: object = None

    def __getitem__(self, item):  # type: ignore[no-untyped-def]
        if callable(_Meddling.hook):
            _Meddling.hook()
        return super().__getitem__(item)


def test_a_seek_given_while_the_callback_mixes_a_block_plays_from_its_target() -> None:
    e, stream = engine()
    clip = (np.arange(RATE, dtype=np.float32) + 1) / RATE  # every frame different
    voice = e.add(Voice("klant", clip))
    e.play(voice)
    stream.block()  # faded in: plays at full gain from here
    e._mix = e._mix.view(_Meddling)
    calls = []

    def seek_from_the_gui() -> None:
        calls.append(1)
        if len(calls) == 2:  # inside render, after the block's chunk was taken
            e.play(voice, from_frame=4000)

    _Meddling.hook = seek_from_the_gui
    try:
        stream.block()  # this block was already on its way: the old frames
    finally:
        _Meddling.hook = None
    assert len(calls) >= 2
    out = stream.block()
    # the next block starts exactly at the target: nothing of it skipped, nothing lost
    assert out[0, 0] == pytest.approx(clip[4000])
    assert voice.pos == 4000 + BLOCK


def test_a_seek_shows_as_the_position_before_the_callback_takes_it() -> None:
    e, stream = engine()
    voice = e.add(Voice("klant", np.full(RATE, 0.5, dtype=np.float32)))
    e.play(voice)
    stream.block()
    voice.seek(RATE * 2)  # past the end: the end
    assert voice.position == RATE and voice.pos == BLOCK
    e.pause(voice)
    voice.seek(100)
    assert voice.position == 100
    stream.block()
    stream.block()
    assert voice.pos == 100 + int(RATE * RAMP_SECONDS)  # faded out from the target


def test_a_device_that_cannot_be_closed_is_logged_and_the_engine_stops(caplog) -> None:
    e, stream = engine()

    def gone() -> None:
        raise OSError("device unplugged")

    stream.stop = gone  # type: ignore[method-assign]
    e.stop()
    assert "closing the sound device (the default output) failed: device unplugged" in caplog.text
    assert e.poll().error == "stopped"  # dropped all the same: the next start opens anew


def test_a_voice_of_16_bit_samples_sounds_as_its_float_version_through_ramps_and_pauses() -> None:
    """A call's clip plays from the 16-bit samples its headset keeps: the mix, with the fade
    in, a pause's fade out and a resume, is the one its float32 version gives."""
    from trainer.audio.headset import as_pcm16, from_pcm16

    rng = np.random.default_rng(4)
    pcm = as_pcm16((0.4 * rng.standard_normal(3 * RATE)).astype(np.float32))
    heard = []
    for frames in (pcm, from_pcm16(pcm)):
        e, stream = engine()
        voice = e.add(Voice("klant", frames, gain=0.7))
        e.play(voice)
        blocks = [stream.block()[:, 0] for _ in range(10)]
        e.pause(voice)
        blocks += [stream.block()[:, 0] for _ in range(3)]
        e.play(voice)
        blocks += [stream.block()[:, 0] for _ in range(10)]
        heard.append(np.concatenate(blocks))
    assert heard[0].dtype == np.float32 and np.max(np.abs(heard[0])) > 0.5
    assert np.allclose(heard[0], heard[1], atol=1e-6)
    assert Voice("klant", pcm).frames.dtype == np.int16  # kept as they are: no float32 copy


def _devices(*names: str) -> list[SimpleNamespace]:
    """Devices that are headsets (an output and an input) by these names."""
    return [SimpleNamespace(name=name, outputs=2, inputs=1) for name in names]


@pytest.mark.parametrize(
    ("name", "kind", "there", "said"),
    [
        (
            "Jabra",
            "output",
            ["pulse", "default"],
            "device_not_found(name='Jabra', known=['pulse', 'default'])",
        ),
        ("Jabra", "output", [], "no_output_device"),  # no sound server, no sound card
        ("Jabra", "input", ["pulse"], "microphone_not_found(name='Jabra', known=['pulse'])"),
        ("Jabra", "input", [], "no_input_device"),
        # there, but it failed: PortAudio's words say why
        ("jabra", "output", ["Jabra Evolve 40", "pulse"], "None"),
        ("jabra", "input", ["Jabra Evolve 40", "pulse"], "None"),
    ],
)
def test_a_device_named_that_none_has_is_said_with_those_there_are(
    monkeypatch: pytest.MonkeyPatch, name: str, kind: str, there: list[str], said: str
) -> None:
    from trainer.audio import devices

    monkeypatch.setattr(devices, "list_devices", lambda: _devices(*there))
    assert str(devices.not_there(name, kind)) == said


def test_a_headset_that_only_plays_is_no_microphone(monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.audio import devices

    speakers = [SimpleNamespace(name="Jabra Evolve 40", outputs=2, inputs=0)]
    monkeypatch.setattr(devices, "list_devices", lambda: speakers)
    assert str(devices.not_there("Jabra", "input")) == "no_input_device"
    assert devices.not_there("Jabra", "output") is None
