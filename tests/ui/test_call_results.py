"""The call results screen tells the trainee what went wrong, sound included."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_call_scoring import good_call, scored
from trainer.core.journal import AudioEvent, EndEvent
from trainer.ui.call_results_view import CallResultsView


def test_a_call_with_dropouts_says_the_sound_stopped(qtbot, tmp_path: Path) -> None:
    events = good_call()
    clean = scored(tmp_path, events)
    stalled = scored(
        tmp_path,
        [*events[:-1], AudioEvent(t=72.0, action="status", clip="", underflows=2), events[-1]],
    )
    assert isinstance(events[-1], EndEvent) and stalled.audio_underflows == 2
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(clean)
    assert view.verdict.text() == "Geslaagd" and "haperde" not in view.summary.text()
    view.show_result(stalled)
    assert "het geluid haperde 2 keer" in view.summary.text()
    assert view.verdict.text() == "Geslaagd"  # the computer's fault, not the trainee's
