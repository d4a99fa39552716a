"""Real sound for the audio tests: PulseAudio with a null sink, started if it is not running.

The test command (./run-tests) starts it too; this fixture makes a single test file runnable
on its own. What the engine plays into the sink can be recorded back from its monitor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.sound import start_null_sink
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def null_sink() -> str:
    """The PortAudio device name that reaches the null sink ('pulse')."""
    problem = start_null_sink()
    if problem:
        pytest.fail(f"PulseAudio with a null sink could not be started: {problem}")
    return "pulse"


@pytest.fixture
def window(qtbot, data_dir: Path, null_sink: str, monkeypatch) -> MainWindow:
    """The main window, active on screen, with the headset on the null sink and one trainee;
    questions are answered yes."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", null_sink)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    create_application()
    win = MainWindow(data_dir=data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    trainee = win.store.add_trainee("Sofie Maes")
    win._fill_trainees(trainee.id)
    return win
