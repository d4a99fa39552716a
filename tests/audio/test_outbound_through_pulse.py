"""An outbound call that reaches a voicemail, on the agent desktop with real sound: the ringback
tone while the number rings, the greeting clip heard through PortAudio into the PulseAudio
null sink, the beep after it, and the trainee's message journaled from the beep to F8."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.audio.recording import recording
from tests.keys import type_text
from tests.ui.test_call_lookup import shipped
from trainer.core.journal import ActionEvent, AudioEvent, read_journal
from trainer.ui.main_window import MainWindow

pytestmark = pytest.mark.realtime  # records back what it played: run alone, after the rest


def tone_frames(audio: np.ndarray, rate: int, freq: float) -> int:
    """How many 0.1 s frames of ``audio`` are nearly all one tone at ``freq`` (speech and
    silence are not)."""
    size = rate // 10
    count = 0
    for start in range(0, len(audio) - size, size):
        spectrum = np.abs(np.fft.rfft(audio[start : start + size])) ** 2
        total = float(spectrum.sum())
        bins = np.fft.rfftfreq(size, 1 / rate)
        near = float(spectrum[np.abs(bins - freq) <= 30].sum())
        if total > 1e-6 and near / total > 0.8:
            count += 1
    return count


def test_a_voicemail_greeting_a_beep_and_a_message(qtbot, window: MainWindow) -> None:
    call = shipped("nl-uitgaand-03-voicemail")
    assert call.dial is not None
    call = call.model_copy(update={"dial": call.dial.model_copy(update={"ring_seconds": 2.0})})
    session = window.start_exercise(call, window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    engine = session.headset.engine
    assert engine is not None, "no sound device"
    journal = session.journal.path

    def actions() -> list[str]:
        return [e.action for e in read_journal(journal).events if isinstance(e, ActionEvent)]

    with recording("pulse", engine.samplerate) as recorder:
        qtbot.wait(1000)  # the monitor's stream running before the first tone
        type_text(qtbot, view.dial, call.customer.phone + "\n")
        assert session.state == "dialling"
        qtbot.waitUntil(lambda: session.state == "voicemail", timeout=5000)
        qtbot.waitUntil(lambda: "message_start" in actions(), timeout=20000)
        # the beep, then the trainee speaks (the monitor hears the desk only). The monitor's
        # stream hands over what it captured in fragments, late by up to a second or more on
        # a loaded machine: the message ends once the beep is in the recording, not after a
        # fixed wait (1.5 s once caught none of it)
        rate = engine.samplerate
        qtbot.waitUntil(lambda: tone_frames(recorder.audio(), rate, 1000.0) >= 2, timeout=5000)
        qtbot.keyClick(view, Qt.Key.Key_F8)
    audio = recorder.audio()

    assert session.state == "ended"
    desk = [a for a in actions() if a != "step"]
    assert desk == ["dialled", "message_start", "message_end", "closed"]
    heard = [e for e in read_journal(journal).events if isinstance(e, AudioEvent)]
    assert [(e.action, e.clip) for e in heard if e.action in ("start", "end")] == [
        ("start", call.dial.greeting),
        ("end", call.dial.greeting),
    ]
    assert not heard[0].subtitle  # heard, not read
    # the ringback (425 Hz, a second of it in the first two seconds) and the beep (1 kHz,
    # 0.4 s) reached the sink; the greeting's speech is neither
    assert tone_frames(audio, rate, 425.0) >= 5
    assert tone_frames(audio, rate, 1000.0) >= 2
