"""A caller in the helpdesk queue, with real sound: F2 takes the call on the queue screen and
the caller's clip is heard through PortAudio at the PulseAudio null sink's monitor, as the
level's phone line made it, and journaled as heard (start and end on the audio clock)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.audio.recording import best_alignment, recording
from trainer.audio.headset import from_pcm16
from trainer.core.journal import AudioEvent, read_journal
from trainer.core.queue_scenario import QueueExercise
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_controller import QueueController

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest

CALL, CLIP = "scherm-planning", "nl-wachtrij-01-01"


def test_the_caller_is_heard_at_the_monitor_when_f2_takes_the_call(
    qtbot, window: MainWindow
) -> None:
    shipped = window.catalog.by_id("nl-wachtrij-01-maandagochtend")
    assert shipped is not None and isinstance(shipped.exercise, QueueExercise)
    exercise = shipped.exercise
    call = exercise.arrival(CALL)
    assert call is not None and call.clip == CLIP
    # the call alone, coming in at once (the screen and the sound are tested, not the wait)
    exercise = exercise.model_copy(update={"arrivals": [call.model_copy(update={"at": 0.2})]})
    shift = window.start_exercise(exercise, window.current_trainee())
    assert isinstance(shift, QueueController) and shift.sound is not None
    view = shift.view
    engine = shift.sound.headset.engine
    assert engine is not None, f"no sound device: {view.problem.text()}"
    qtbot.waitUntil(lambda: view.contacts.count() == 1, timeout=5000)
    journal = shift.journal.path

    def heard(action: str) -> list[AudioEvent]:
        return [e for e in read_journal(journal).audio if e.clip == CLIP and e.action == action]

    played = from_pcm16(shift.sound.headset.prepare(CLIP))  # as the level's phone line made it
    with recording("pulse", engine.samplerate) as recorder:
        qtbot.wait(1000)  # the monitor's stream running before the caller speaks
        view.focus_contacts()
        qtbot.keyClick(view.contacts, Qt.Key.Key_F2)
        assert shift.current == CALL
        assert "De beller spreekt in je headset." in view.contact_text.toPlainText()
        qtbot.waitUntil(lambda: bool(heard("end")), timeout=30000)
        qtbot.wait(300)
    recorded = recorder.audio()

    (start,) = heard("start")
    assert not start.subtitle and start.length is not None
    assert start.t >= heard("play")[0].t and heard("end")[0].t > start.t
    score, _lag = best_alignment(recorded, played)
    # (a null sink that ran dry shows as the engine's late blocks: say how many)
    assert score >= 0.9, (
        f"the monitor heard the caller's clip only {score:.2f} ({engine.underflows} late blocks)"
    )
    assert not view.problem.isVisible()
    shift.finish("abandoned")
