"""A take that misses something is said to the coach: cut off at the recording limit, or with
input lost on the way. The microphone is a fake stream here (the test feeds its callback the
blocks PortAudio would); the recorder, the dialog, the trimming and the levelling are real.
The whole path through a real device is tests/audio/test_record_dialog.py."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import numpy as np
import pytest

from trainer.audio import recorder as recorder_module
from trainer.ui.app import create_application
from trainer.ui.record_dialog import RecordDialog

RATE = 8000
BLOCK = 800  # 0.1 s


class FakeInputStream:
    """Stands in for sounddevice.InputStream: keeps the callback for the test to call."""

    opened: ClassVar[list[FakeInputStream]] = []

    def __init__(self, *, callback: Any, **_settings: object) -> None:
        self.callback = callback
        self.active = False
        FakeInputStream.opened.append(self)

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass  # (nothing to release: no device)

    def feed(self, seconds: float, *, overflow_every: int = 0) -> None:
        """Blocks of a 440 Hz tone, as PortAudio would hand them; every ``overflow_every``th
        one flagged as input overflow (PortAudio dropped input before it)."""
        t = np.arange(BLOCK) / RATE
        block = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[:, None]
        for n in range(round(seconds * RATE / BLOCK)):
            lost = bool(overflow_every) and n % overflow_every == overflow_every - 1
            self.callback(block, BLOCK, None, SimpleNamespace(input_overflow=lost))


@pytest.fixture
def microphone(monkeypatch: pytest.MonkeyPatch) -> type[FakeInputStream]:
    FakeInputStream.opened = []
    fake = SimpleNamespace(
        query_devices=lambda *_a: {"default_samplerate": RATE},
        InputStream=FakeInputStream,
        PortAudioError=OSError,
    )
    monkeypatch.setattr(recorder_module, "sounddevice", lambda: fake)
    return FakeInputStream


@pytest.fixture
def dialog(qtbot, tmp_path: Path, microphone: type[FakeInputStream]) -> RecordDialog:
    create_application()
    folder = tmp_path / "audio"
    folder.mkdir()
    (folder / "clips.yaml").write_text("format: 1\nclips: []\n", encoding="utf-8")
    made = RecordDialog(folder)
    qtbot.addWidget(made)
    return made


def test_a_whole_take_says_nothing_is_missing(dialog: RecordDialog, microphone, caplog) -> None:
    dialog.record_button.click()
    microphone.opened[-1].feed(2.0)
    dialog.record_button.click()
    said = dialog.status.text()
    assert said.startswith("Opname van ")
    assert "stopte" not in said and "verloren" not in said
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert dialog.save_button.isEnabled()


def test_a_take_at_the_limit_stops_and_says_it_was_cut_off(
    qtbot, dialog: RecordDialog, microphone, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(recorder_module, "MAX_SECONDS", 1)  # (two minutes, made short)
    dialog.record_button.click()
    microphone.opened[-1].feed(1.5)  # half a second more than fits
    assert dialog.recorder is not None and dialog.recorder.cut_off
    qtbot.waitUntil(lambda: not dialog.recorder.recording)  # the meter's tick stops it
    said = dialog.status.text()
    assert "De opname stopte na 0:01, de langste die kan" in said
    assert dialog.record_button.text() == "● &Opnemen"
    assert dialog.save_button.isEnabled()  # what was recorded can still be kept
    assert "a recording was cut off at its limit of 1 s" in caplog.text


def test_a_take_that_lost_input_says_so(dialog: RecordDialog, microphone, caplog) -> None:
    dialog.record_button.click()
    microphone.opened[-1].feed(2.0, overflow_every=5)  # 20 blocks: 4 flagged
    dialog.record_button.click()
    said = dialog.status.text()
    assert said.startswith("Opname van ")
    assert "er ging 4 keer geluid verloren tijdens de opname" in said
    assert "stopte" not in said
    assert "a recording lost input 4 times" in caplog.text


def test_a_microphone_that_cannot_be_closed_is_logged_and_the_take_kept(
    dialog: RecordDialog, microphone, caplog
) -> None:
    dialog.record_button.click()
    stream = microphone.opened[-1]
    stream.feed(1.0)

    def gone() -> None:
        raise OSError("device unplugged")

    stream.stop = gone  # type: ignore[method-assign]
    dialog.record_button.click()
    assert "closing the microphone None failed: device unplugged" in caplog.text
    assert dialog.take is not None and len(dialog.take) > 0
