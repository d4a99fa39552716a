"""A timeline event that an action brings forward comes on time, even while the desk's timer
is aimed at a later one (the sound's poll asks to aim it 20 times a second)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_call_lookup import shipped
from trainer.core.scenario import CallExercise
from trainer.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def test_an_event_after_the_answer_comes_at_once_though_a_later_one_was_waiting(
    qtbot, window: MainWindow
) -> None:
    base = shipped("nl-gesprek-03-verkeerd-klantnummer").model_dump()
    base["expect"]["verify_after"] = None  # its clip is not in this short timeline
    base["timeline"] = [
        {"id": "bel", "at": 0, "do": "ring"},
        {"id": "later", "at": 60, "do": "alert", "text": "Storing in Gent opgelost."},
        {"id": "wacht", "after": "answered", "delay": 0.2, "do": "queue", "text": "3 in wacht"},
    ]
    session = window.start_exercise(CallExercise.model_validate(base), window.current_trainee())
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    qtbot.wait(300)  # the timer is now aimed at the alert, a minute away
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F2)
    messages = window.call_view.messages
    # (aimed at the alert, the queue would come with it, a minute late)
    qtbot.waitUntil(lambda: messages.count() == 1, timeout=3000)
    assert "3 in wacht" in messages.item(0).text()
