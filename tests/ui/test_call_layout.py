"""The agent desktop fits the screens of a training room (1280 pixels wide, often less)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.test_no_accidents import shipped
from trainer.ui.main_window import MainWindow

SCREEN_WIDTH = 1280


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """The call runs with subtitles: the layout is what is tested."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def test_a_call_does_not_widen_the_window_past_a_laptop_screen(qtbot, window: MainWindow) -> None:
    window.resize(1200, 800)
    call = window.start_exercise(
        shipped("nl/call/nl-gesprek-04-geen-internet.yaml"), window.current_trainee()
    )
    QApplication.processEvents()
    assert window.minimumSizeHint().width() < SCREEN_WIDTH
    assert window.width() == 1200  # the desk fitted the window it was given
    # the longest queue board of the shipped calls on the bar, while talking
    qtbot.waitUntil(lambda: call.state == "ringing")
    call.on_desk_action("answer")
    window.call_view.show_queue("Wachtrij technische hulp: 12 wachtenden, langste wachttijd 8:05.")
    QApplication.processEvents()
    assert window.minimumSizeHint().width() < SCREEN_WIDTH
    call.finish("abandoned")
