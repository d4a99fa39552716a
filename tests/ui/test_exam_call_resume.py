"""A call part cut off (the app killed mid-call) goes on where it stood once the supervisor
resumes: the desk as it was (the call answered, the field entered, the text typed in the next
field and not yet entered, with the cursor there), the time used counted, the
new journal holding every line of the old, and the part's result the combined journal's
score. A call whose journal does not rebuild it is scored as it stood (tests/ui/
test_exam_window.py)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exams import CODE, Clock, enrol_workstation, parts_of, signed_package
from tests.ui.test_exam_window import through_to_the_call, window_for
from trainer.core.exam_run import exam_folder, read_state
from trainer.core.journal import ActionEvent, FieldEvent, PauseEvent, read_journal
from trainer.core.scenario import CallExercise
from trainer.core.scoring import score
from trainer.paths import STORE_FILE
from trainer.store import Store
from trainer.store.on_disk import unknown_journals


def test_a_call_cut_off_goes_on_where_it_stood(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    package = signed_package(
        tmp_path / "pakket", enrol_workstation(tmp_path / "centre", data_dir), call=True
    )
    exercise = parts_of(package)[2][2]
    assert isinstance(exercise, CallExercise)
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    through_to_the_call(qtbot, window, clock)
    call, view = window.call, window.call_view
    assert call is not None and view is not None
    clock.at += 5
    qtbot.waitUntil(lambda: call.state == "ringing")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert call.state == "talking"
    first = next(iter(view.fields.values()))
    qtbot.keyClicks(first, "Peeters")
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # committed
    second = list(view.fields.values())[1]
    qtbot.keyClicks(second, "Jann")
    qtbot.keyClick(second, Qt.Key.Key_Backspace)  # typed, not yet committed
    clock.at += 20
    qtbot.wait(120)  # (the desk's timer and poll fire what came due)
    window.timer.stop()
    old = call.journal.path
    call.stop_here()  # the app killed mid-call: no end in the desk's journal
    window.call = None
    before = read_journal(old)
    assert any(isinstance(e, FieldEvent) and e.value == "Peeters" for e in before.events)

    again = window_for(qtbot, data_dir, package, clock)
    assert "gesprek" not in again.resume_text.text()  # nothing to warn of: it goes on
    again.resume_code.setText(CODE)
    qtbot.keyClick(again.resume_code, Qt.Key.Key_Return)
    resumed, desk = again.call, again.call_view
    assert resumed is not None and desk is not None and again.body.currentWidget() is desk
    assert resumed.state == "talking"  # answered before the cut: still in the call
    assert next(iter(desk.fields.values())).text() == "Peeters"
    # the text typed and not committed is back, the cursor in its field once the call goes on
    going_on = list(desk.fields.values())[1]
    assert going_on.text() == "Jan"
    qtbot.waitUntil(lambda: not resumed.paused)
    assert again.focusWidget() is going_on
    # the supervisor's page and back: the cursor still there
    qtbot.keyClick(going_on, Qt.Key.Key_Escape)
    assert again.pages.currentWidget() is again.leave_page
    qtbot.keyClick(again.back_button, Qt.Key.Key_Space)
    assert again.focusWidget() is going_on
    qtbot.keyClicks(going_on, "ssens")
    qtbot.keyClick(going_on, Qt.Key.Key_Tab)
    assert resumed.call.committed[going_on.field.id] == "Janssens"
    qtbot.wait(120)
    assert not resumed.paused  # on at once (no headset: as a call without sound runs)
    used = max(float(getattr(e, "t", 0.0)) for e in before.events)
    assert resumed.clock.now() >= used  # the time used counted
    assert again.run is not None and again.run.remaining() <= 240 - used + 0.5

    clock.at += 241
    qtbot.waitUntil(lambda: again.pages.currentWidget() is again.end_page)
    folder = exam_folder(data_dir, "nl-proefexamen", "K-0412")
    state = read_state(folder)
    assert state is not None and state.finished and state.resumes == 1
    part = state.parts[2]
    # the desk's journal cut off is kept in the exam's folder (not among the desk's journals,
    # where the app would take it for a session of its own)
    assert len(part.earlier_journals) == 2 and not old.exists()
    assert read_journal(folder / part.earlier_journals[0]).events == before.events
    after = read_journal(folder / part.journal)
    assert after.events[: len(before.events)] == before.events  # nothing lost
    assert any(isinstance(e, PauseEvent) and e.reason == "exam interrupted" for e in after.events)
    assert after.end is not None and after.end.reason == "time_up"
    saved = json.loads((folder / part.result).read_text(encoding="utf-8"))
    assert saved == score(exercise, after).model_dump(mode="json")
    answered = [e for e in after.events if isinstance(e, ActionEvent) and e.action == "answered"]
    assert len(answered) == 1  # answered once, before the cut
    store = Store(data_dir / STORE_FILE)
    try:
        assert store.unfinished_sessions() == []
        assert unknown_journals(store, data_dir) == []  # no half call to recover at a start
        trainee = store.trainee_named("An Peeters (K-0412)")
        rows = [r for r in store.recent_sessions(trainee.id) if r.exercise_id == exercise.id]
        assert len(rows) == 1  # one call, gone on in its row
        # the desk's row names the journal it went on in (the exam keeps its copy)
        assert rows[0].journal_path.resolve() == Path(part.earlier_journals[1]).resolve()
    finally:
        store.close()
