"""A caller in the helpdesk queue speaks in the headset when the trainee takes the call (F2),
on the real queue screen with the app's headset player on a fake sound device the test plays
block by block (what it reports is exact; no sound leaves the machine). Without a headset the
caller's words are shown, and said why; a headset pulled mid-sentence stops nothing of the
shift; one plugged in again is used for the next call taken.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import REPO
from tests.ui.test_queue_session import FakeTime, at, key
from trainer.audio.engine import AudioEngine
from trainer.core.journal import AudioEvent, read_journal
from trainer.core.journal_writer import SessionClock
from trainer.core.loader import load_exercise
from trainer.core.queue_scenario import QueueExercise
from trainer.core.queue_scoring import QueueResult
from trainer.ui import queue_controller, queue_sound
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_controller import QueueController

SHIFT = REPO / "exercises/nl/queue/nl-wachtrij-01-maandagochtend.yaml"
CALL, CLIP = "scherm-planning", "nl-wachtrij-01-01"  # at 330 s, the last of five contacts
RATE, BLOCK = 8000, 400


class FakeStream:
    """Stands in for sounddevice.OutputStream: the test plays it a block at a time."""

    def __init__(self, *, callback, samplerate, channels, **_kw) -> None:
        self.callback, self.samplerate, self.channels = callback, samplerate, channels
        self.active, self.latency, self.time = False, 0.05, 100.0

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass

    def block(self) -> None:
        out = np.zeros((BLOCK, self.channels), dtype=np.float32)
        info = SimpleNamespace(outputBufferDacTime=self.time + 0.05, currentTime=self.time)
        self.callback(out, BLOCK, info, SimpleNamespace(output_underflow=False))
        self.time += BLOCK / self.samplerate


class Devices:
    """The headset's engine factory: a fake stream per device opened, while plugged in."""

    def __init__(self) -> None:
        self.streams: list[FakeStream] = []
        self.plugged = True

    def __call__(self, device: int | str | None) -> AudioEngine:
        def stream(**kw) -> FakeStream:
            if not self.plugged:
                raise ValueError("no such device")
            self.streams.append(FakeStream(**kw))
            return self.streams[-1]

        return AudioEngine(device, samplerate=RATE, blocksize=BLOCK, stream_factory=stream)


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    shutil.copy(SHIFT, folder / SHIFT.name)
    return folder


@pytest.fixture
def devices(monkeypatch: pytest.MonkeyPatch) -> Devices:
    devices = Devices()
    real = queue_sound.Headset
    monkeypatch.setattr(
        queue_sound, "Headset", lambda *a, **k: real(*a, engine_factory=devices, **k)
    )
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "Jabra in de test")
    return devices


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTime]:
    now = FakeTime()
    monkeypatch.setattr(queue_controller, "SessionClock", lambda: SessionClock(now))
    yield now


def start(qtbot, window: MainWindow, exercise: QueueExercise | None = None) -> QueueController:
    if exercise is None:
        exercise = load_exercise(SHIFT)[0]  # type: ignore[assignment]
    shift = window.start_exercise(exercise, window.current_trainee())
    assert isinstance(shift, QueueController)
    qtbot.waitUntil(lambda: shift._tick_timer.isActive(), timeout=3000)
    return shift


def take_last(qtbot, shift: QueueController, clock: FakeTime, count: int) -> None:
    """The contacts in at 331 s; the last one (the call) chosen in the queue and taken (F2)."""
    view = shift.view
    at(qtbot, clock, 331 + count - 5, shift)
    qtbot.waitUntil(lambda: view.contacts.count() == count, timeout=3000)
    view.focus_contacts()
    key(qtbot, Qt.Key.Key_End)
    key(qtbot, Qt.Key.Key_F2)


def play(qtbot, devices: Devices, clock: FakeTime, seconds: float) -> None:
    """The headset plays on for ``seconds``; the session clock keeps pace; the screen's poll
    sees what was heard."""
    stream = devices.streams[-1]
    for _ in range(round(seconds * RATE / BLOCK)):
        stream.block()
        clock.t += BLOCK / RATE
    qtbot.wait(150)


def audio(shift: QueueController, clip: str = CLIP) -> list[AudioEvent]:
    return [e for e in read_journal(shift.journal.path).audio if e.clip == clip]


def test_the_caller_is_heard_in_the_headset_when_the_call_is_taken(
    qtbot, window: MainWindow, fake_time: FakeTime, devices: Devices, answer_dialogs
) -> None:
    shift = start(qtbot, window)
    view = shift.view
    assert not view.problem.isVisible()  # the headset opened
    take_last(qtbot, shift, fake_time, 5)
    assert shift.current == CALL
    said = view.contact_text.toPlainText()
    assert "De beller spreekt in je headset." in said and "dockingstation" not in said
    headset = shift.sound.headset  # type: ignore[union-attr]
    assert headset.clip == CLIP and headset.playing
    play(qtbot, devices, fake_time, 16.0)
    qtbot.waitUntil(lambda: [e.action for e in audio(shift)] == ["play", "start", "end"])
    play_line, start_line, end_line = audio(shift)
    seconds = soundfile.info(str(window.clips.path_of(window.clips.clips[CLIP]))).duration
    assert start_line.length == pytest.approx(seconds, abs=0.001) and not start_line.subtitle
    assert start_line.t >= play_line.t and end_line.t - start_line.t == pytest.approx(
        seconds, abs=0.1
    )
    # the shift ends (F12, asked); the result says the caller was heard
    key(qtbot, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    result = shift.result
    assert isinstance(result, QueueResult)
    assert next(c for c in result.contacts if c.id == CALL).caller == "heard"
    page = window.stack.currentWidget()
    table = page.contacts  # type: ignore[attr-defined]
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert [n for n in names if n.endswith("(gehoord)")] == [
        "Tweede scherm blijft zwart (gehoord)"
    ], names
    assert any(e.action == "status" for e in read_journal(shift.journal.path).audio)


def test_a_headset_pulled_mid_sentence_stops_nothing_of_the_shift(
    qtbot, window: MainWindow, fake_time: FakeTime, devices: Devices
) -> None:
    shift = start(qtbot, window)
    view = shift.view
    take_last(qtbot, shift, fake_time, 5)
    play(qtbot, devices, fake_time, 3.0)
    devices.streams[-1].active = False  # the USB headset pulled out
    qtbot.waitUntil(lambda: view.problem.isVisible(), timeout=3000)
    told = view.problem.text()
    assert (
        told.startswith("De headset is weg ('Jabra in de test').") and "De dienst gaat door" in told
    )
    # the rest of what the caller says, as text; the shift goes on
    said = view.contact_text.toPlainText()
    assert "De beller zegt (als tekst, zonder geluid):" in said and "dockingstation" in said
    cut = [e for e in audio(shift) if e.subtitle]
    assert len(cut) == 1 and 2.5 < cut[0].position < 3.5
    at(qtbot, fake_time, 345, shift)  # its clock moves on
    assert shift.active and QApplication.focusWidget() is not None


def test_without_a_headset_the_caller_is_read_and_one_plugged_in_is_heard_next(
    qtbot, window: MainWindow, fake_time: FakeTime, devices: Devices
) -> None:
    shift_file = load_exercise(SHIFT)[0]
    assert isinstance(shift_file, QueueExercise)
    call = shift_file.arrival(CALL)
    assert call is not None
    second = call.model_copy(update={"id": "scherm-tweede", "at": 332.0})
    exercise = shift_file.model_copy(update={"arrivals": [*shift_file.arrivals, second]})
    devices.plugged = False
    shift = start(qtbot, window, exercise)
    view = shift.view
    told = view.problem.text()
    assert told.startswith("Geen geluid: ") and "verschijnt als tekst" in told
    at(qtbot, fake_time, 333, shift)
    qtbot.waitUntil(lambda: view.contacts.count() == 6, timeout=3000)
    view.focus_contacts()
    key(qtbot, Qt.Key.Key_End)
    key(qtbot, Qt.Key.Key_Up)  # the first caller
    key(qtbot, Qt.Key.Key_F2)
    assert shift.current == CALL
    assert "dockingstation" in view.contact_text.toPlainText()  # read, not heard
    assert view.problem.text().startswith("Geen geluid (")
    assert [(e.action, e.subtitle) for e in audio(shift)] == [("play", None), ("start", True)]
    # plugged in: the next call taken is heard
    devices.plugged = True
    view.focus_contacts()
    key(qtbot, Qt.Key.Key_End)
    key(qtbot, Qt.Key.Key_F2)
    assert shift.current == "scherm-tweede"
    assert "De beller spreekt in je headset." in view.contact_text.toPlainText()
    assert shift.sound is not None and shift.sound.headset.playing
    play(qtbot, devices, fake_time, 1.0)
    qtbot.waitUntil(lambda: sum(e.action == "start" and not e.subtitle for e in audio(shift)) == 1)


def test_the_caller_waits_while_the_shift_stands_still_for_its_journal(
    qtbot, window: MainWindow, fake_time: FakeTime, devices: Devices
) -> None:
    shift = start(qtbot, window)
    take_last(qtbot, shift, fake_time, 5)
    play(qtbot, devices, fake_time, 2.0)
    headset = shift.sound.headset  # type: ignore[union-attr]
    assert headset.playing
    shift.on_hold(True)  # (as the session calls it when the journal cannot be written)
    assert not headset.playing
    at_stop = headset.position
    shift.on_hold(False)
    assert headset.playing
    play(qtbot, devices, fake_time, 0.5)
    starts = [e for e in audio(shift) if e.action == "start"]
    assert len(starts) == 2 and starts[1].position == pytest.approx(at_stop, abs=0.1)
