"""A call's replay heard for real: the replay window plays the customer's clip and the trainee's
recording through PortAudio into the PulseAudio null sink, recorded back from its monitor.
The two stay in step as they were in the call: the clip begins one second after the
recording's first sample in what is heard, as it did on the session clock. Played from a
second into the clip, what sounds is the clip from its second second on, not its start.

(A null sink's monitor gives frames only while something sounds, so the moment is measured
between the two voices in one recording, not against the press of a key.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.audio.recording import MonitorRecorder, best_alignment, recording
from tests.journals import write_journal
from trainer.audio.headset import from_pcm16
from trainer.core import dsp
from trainer.core.clips import MANIFEST_NAME, load_clip_library
from trainer.core.journal import ActionEvent, AudioEvent, EndEvent, ScenarioEvent, VoiceEvent
from trainer.core.loader import load_exercise
from trainer.core.replay import replay_of
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score
from trainer.paths import audio_dir, exercises_dir
from trainer.ui.app import create_application
from trainer.ui.replay_sound import ReplaySound
from trainer.ui.replay_view import ReplayView

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest

CLIP = "nl-printer-01"
HEARD_AT = 2.0  # when the clip was heard in the call
VOICE_AT = 1.0  # when the trainee's recording took its first sample
VOICE = "call.voice.wav"
VOICE_RATE = 16_000
VOICE_SECONDS = 4.0


def sweep() -> np.ndarray:
    """The trainee's 'voice': a quiet sweep, found in a recording to the sample."""
    t = np.arange(int(VOICE_RATE * VOICE_SECONDS)) / VOICE_RATE
    phase = 2 * np.pi * (200 * t + (2800 / (2 * VOICE_SECONDS)) * t * t)
    return (0.05 * np.sin(phase)).astype(np.float32)


def replay_window(qtbot, folder: Path, device: str) -> tuple[ReplayView, ReplaySound]:  # type: ignore[no-untyped-def]
    create_application()
    call, _line = load_exercise(exercises_dir() / "nl/call/nl-gesprek-02-printer.yaml")
    assert isinstance(call, CallExercise)
    library = load_clip_library(audio_dir() / MANIFEST_NAME)
    sound = ReplaySound(library, call.level, folder, device=device)
    assert sound.open() is None, sound.problem
    sound.headset.prepare(CLIP)
    length = sound.headset.seconds(CLIP)
    soundfile.write(folder / VOICE, sweep(), VOICE_RATE)
    events = [
        ScenarioEvent(t=0.0, event="bel", due=0.0),
        ActionEvent(t=VOICE_AT - 0.5, action="answered"),
        VoiceEvent(t=VOICE_AT, action="start", file=VOICE, rate=VOICE_RATE),
        AudioEvent(t=HEARD_AT - 0.03, action="play", clip=CLIP),
        AudioEvent(t=HEARD_AT, action="start", clip=CLIP, length=length),
        AudioEvent(t=HEARD_AT + length, action="end", clip=CLIP),
        VoiceEvent(t=VOICE_AT + VOICE_SECONDS, action="end", frame=len(sweep())),
        EndEvent(t=HEARD_AT + length + 1.0, reason="abandoned"),
    ]
    journal = write_journal(folder / "call.jsonl", call, events)
    result = score(call, journal)
    view = ReplayView(replay_of(call, journal, result), call, "", sound)
    qtbot.addWidget(view)
    return view, sound


def played_until(
    qtbot, view: ReplayView, recorder: MonitorRecorder, start: float, until: float
) -> None:  # type: ignore[no-untyped-def]
    """Play the replay from ``start`` to ``until`` once the monitor gives frames (its source
    takes a second or two to start: the replay's beginning would be lost)."""
    qtbot.waitUntil(lambda: recorder.frames > 0, timeout=10_000)
    view.seek(start)
    view.play()
    qtbot.waitUntil(lambda: view.t > until, timeout=20_000)
    view.pause()


def test_both_voices_sound_in_the_replay_in_step_and_from_where_they_were(
    qtbot, tmp_path: Path, null_sink: str
) -> None:
    view, sound = replay_window(qtbot, tmp_path, null_sink)
    try:
        rate = sound.headset.engine.samplerate  # type: ignore[union-attr]
        clip = from_pcm16(sound.headset.prepare(CLIP))  # as the call's level made it
        voice = dsp.resample(sweep(), VOICE_RATE, rate)
        with recording(null_sink, rate) as recorder:
            played_until(qtbot, view, recorder, VOICE_AT - 0.5, HEARD_AT + 1.8)
        recorded = recorder.audio()
        heard_clip, clip_lag = best_alignment(
            recorded, np.ascontiguousarray(clip[: int(1.5 * rate)])
        )
        heard_voice, voice_lag = best_alignment(recorded, voice)
        gaps = f"(the replay's stream ran dry {sound.headset.engine.underflows} times)"  # type: ignore[union-attr]
        assert heard_clip >= 0.6, (
            f"the replay's sound matches the clip only {heard_clip:.2f} {gaps}"
        )
        assert heard_voice >= 0.5, f"the trainee's recording is found only {heard_voice:.2f} {gaps}"
        apart = (clip_lag - voice_lag) / rate
        assert abs(apart - (HEARD_AT - VOICE_AT)) <= 0.05, f"the clip began {apart:.3f} s after"

        with recording(null_sink, rate) as recorder:
            played_until(qtbot, view, recorder, HEARD_AT + 1.0, HEARD_AT + 3.0)  # 1 s into it
        recorded = recorder.audio()
        rest, _lag = best_alignment(recorded, np.ascontiguousarray(clip[rate : 2 * rate]))
        first, _lag = best_alignment(recorded, np.ascontiguousarray(clip[: rate // 2]))
        assert rest >= 0.6 and first < 0.3, (rest, first)
    finally:
        view.close()
