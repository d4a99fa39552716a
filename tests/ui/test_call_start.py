"""A call starts on time however long the microphone takes to open: the ring due at the start
of the call is journaled when it was due, and the microphone opened after it (its first sample
is placed on the call's clock, so it cannot open before the clock starts)."""

from __future__ import annotations

import time

import pytest

from tests.ui.test_call_lookup import shipped
from trainer.audio.voice_recorder import VoiceRecorder
from trainer.core.journal import ScenarioEvent, VoiceEvent, read_journal
from trainer.core.messages import Message
from trainer.ui.main_window import MainWindow

OPENING = 0.15  # s a slow microphone takes to open


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: the customer appears as subtitles (the microphone is the slow part)."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def test_the_ring_is_on_time_when_the_microphone_is_slow_to_open(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_and_missing(recorder: VoiceRecorder) -> Message:
        time.sleep(OPENING)
        return Message("default_microphone_cannot_open", {"detail": "geen microfoon"})

    monkeypatch.setattr(VoiceRecorder, "start", slow_and_missing)
    assert window.settings.record_voice  # (on by default)
    call = shipped("nl-gesprek-01-wachtwoord")
    session = window.start_exercise(call, window.current_trainee())
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    session.journal.sync_pending()
    events = read_journal(session.journal.path).events
    ring = next(e for e in events if isinstance(e, ScenarioEvent) and e.event == "bel")
    assert ring.due == 0.0
    assert ring.t - ring.due < 0.05  # not the microphone's 0.15 s late
    voice = next(e for e in events if isinstance(e, VoiceEvent))
    assert voice.action == "none" and voice.reason == "no_microphone"
    assert voice.t >= OPENING  # said once the microphone was tried
