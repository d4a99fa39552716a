"""The trainee's voice recorded during a call, for real: the null sink's monitor is the
microphone, so what the call plays into the headset comes back as the 'trainee's voice', and
the recording is placed against the customer's clip by its content."""

from __future__ import annotations

from pathlib import Path

import pytest
import soundfile
from PySide6.QtCore import Qt

from tests.audio.recording import best_alignment
from tests.core.test_scenario import transfer_example
from trainer.audio.headset import from_pcm16
from trainer.core.clips import load_shipped_library
from trainer.core.journal import AudioEvent, EndEvent, VoiceEvent, read_journal
from trainer.core.loader import load_exercise
from trainer.core.scenario import CallExercise
from trainer.paths import audio_dir
from trainer.ui.call_controller import CallController
from trainer.ui.main_window import MainWindow

FIRST_CLIP = "nl-groet-01"  # what the caller says first in the documented example


def start_call(window: MainWindow, tmp_path: Path) -> CallController:
    path = tmp_path / "gesprek.yaml"
    path.write_text(transfer_example(), encoding="utf-8")
    call, _ = load_exercise(path, load_shipped_library(audio_dir()).languages)
    assert isinstance(call, CallExercise)
    session = window.start_exercise(call, window.current_trainee())
    assert isinstance(session, CallController)
    return session


def voice_events(path: Path) -> list[VoiceEvent]:
    return [e for e in read_journal(path).events if isinstance(e, VoiceEvent)]


def heard(path: Path, clip: str, action: str) -> list[AudioEvent]:
    return [
        e
        for e in read_journal(path).events
        if isinstance(e, AudioEvent) and e.clip == clip and e.action == action
    ]


@pytest.mark.realtime  # judges the time of what was heard: run alone, after the rest
def test_the_recording_keeps_time_with_the_customer_within_30_ms(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    session = start_call(window, tmp_path)
    view = window.call_view
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    assert view.recording.isVisible() and view.recording.text() == "● Opname"
    assert view.recording.accessibleName() == "Je stem wordt opgenomen tijdens dit gesprek"
    qtbot.keyClick(view, Qt.Key.Key_F2)
    journal = session.journal.path
    qtbot.waitUntil(lambda: bool(heard(journal, FIRST_CLIP, "end")), timeout=15000)
    qtbot.wait(300)  # the clip's tail through the monitor into the recording
    played = from_pcm16(session.headset.prepare(FIRST_CLIP))
    rate = session.headset.engine.samplerate if session.headset.engine else 0
    session.finish("abandoned")

    events = voice_events(journal)
    start = next(e for e in events if e.action == "start")
    end = next(e for e in events if e.action == "end")
    assert not any(e.action == "none" for e in events)
    recording = journal.with_name(start.file)
    assert recording.parent == journal.parent and recording.suffix == ".opus"
    audio, file_rate = soundfile.read(recording, dtype="float32")
    assert file_rate == start.rate == 16000 == rate  # the headset plays at the line's rate
    assert len(audio) == end.frame and end.reason == ""
    # the journal's end is the last sample's time: the file's length after its first
    assert abs(end.t - (start.t + end.frame / file_rate)) < 1e-6

    score, lag = best_alignment(audio, played)
    assert score > 0.8, f"the customer's clip is not in the recording (correlation {score:.2f})"
    placed = start.t + lag / file_rate  # where the recording puts the clip's first frame
    said = heard(journal, FIRST_CLIP, "start")[0]
    assert said.position == 0.0
    assert abs(placed - said.t) < 0.030, (
        f"the clip is heard at {said.t:.3f} s; the recording places it at {placed:.3f} s"
    )
    # nothing at all in the journal's end before the recording's: the session ended after
    assert read_journal(journal).end is not None
    assert isinstance(read_journal(journal).events[-1], EndEvent)


def test_without_a_microphone_the_call_goes_on_and_the_journal_says_why(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.settings = window.settings.model_copy(update={"input_device": "geen-microfoon"})
    session = start_call(window, tmp_path)
    view = window.call_view
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    assert view.recording.isVisible() and view.recording.text() == "○ Geen opname"
    said = view.recording.accessibleName()
    # its name, and the microphones there are (not PortAudio's English, naming it again)
    assert said.startswith("Geen opname van je stem: geen microfoon met de naam 'geen-microfoon'")
    assert "(er zijn: " in said and "matching" not in said
    assert said.endswith("Het gesprek gaat gewoon door.")
    assert view.problem.isVisible() and view.problem.text() == said
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert session.state == "talking"  # the call went on
    result = session.finish("abandoned")
    assert result is not None

    journal = session.journal.path
    events = voice_events(journal)
    assert [(e.action, e.reason) for e in events] == [("none", "no_microphone")]
    assert not list(journal.parent.glob("*.opus"))  # no file for a recording that never was


def test_switched_off_nothing_is_recorded_and_nothing_shown(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.settings = window.settings.model_copy(update={"record_voice": False})
    session = start_call(window, tmp_path)
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    assert not window.call_view.recording.isVisible()
    session.finish("abandoned")
    events = voice_events(session.journal.path)
    assert [(e.action, e.reason) for e in events] == [("none", "off")]
    assert not list(session.journal.path.parent.glob("*.opus"))


def test_a_microphone_lost_mid_call_keeps_what_was_recorded_and_the_call_goes_on(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    session = start_call(window, tmp_path)
    view = window.call_view
    journal = session.journal.path
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: any(e.action == "start" for e in voice_events(journal)), timeout=5000)
    assert session.voice is not None
    session.voice._stream.abort()  # what PortAudio sees when the USB headset's microphone goes
    qtbot.waitUntil(lambda: view.recording.text() == "○ Geen opname", timeout=3000)
    said = view.problem.text()
    assert said.startswith("Geen opname van je stem: de microfoon '") and "werkt niet meer" in said
    assert session.state == "talking" and not session.paused  # the call goes on
    qtbot.keyClick(view, Qt.Key.Key_F8)  # and can be ended as ever
    assert session.state == "ended"
    session.finish("abandoned")

    events = voice_events(journal)
    assert [e.action for e in events] == ["start", "end"]
    end = events[-1]
    assert end.reason == "microphone_lost" and end.frame > 0
    audio, _ = soundfile.read(journal.with_name(events[0].file), dtype="float32")
    assert len(audio) == end.frame  # what came before the loss is kept, the file whole
