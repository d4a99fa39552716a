"""The session replay as a coach uses it: a drill and a call really done in the window, opened
again from the recent results (Enter) and replayed with Ctrl+J. Scrubbing to a moment shows
the text or the fields as the journal had them then; N jumps to the next mark, and the clock
stands at the error the results page lists; without a sound device the replay says so and
goes on silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.keys import type_text
from tests.ui.test_past_results import (
    CTRL,
    drill,
    exercises,  # noqa: F401 (the fixture: the short drill and a shipped call)
    focused,
    open_recent_by_enter,
)
from trainer.core.journal import AudioEvent, FieldEvent, KeyEvent, read_journal
from trainer.ui.main_window import MainWindow
from trainer.ui.replay_view import ReplayView, clock_text


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound device: the call runs with subtitles, the replay is silent."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def replay_window(qtbot, window: MainWindow) -> ReplayView:
    qtbot.keyClick(focused(), Qt.Key.Key_J, CTRL)
    view = window._replay  # type: ignore[attr-defined]
    assert isinstance(view, ReplayView) and view.isVisible()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def journal_of(window: MainWindow):  # type: ignore[no-untyped-def]
    row = window.store.session(window._reported[1])  # type: ignore[index]
    assert row is not None
    return read_journal(row.journal_path)


def typed_by(keys: list[KeyEvent], t: float) -> str:
    """The text the journal's keys had made by ``t``."""
    text = ""
    for key in keys:
        if key.t > t:
            break
        text = text[:-1] if key.key == "Backspace" else text + (key.text or "")
    return text


def typed_lines(view: ReplayView) -> list[str]:
    """The typed text shown under the reference (the lines after the legend, every other)."""
    assert view.text is not None
    lines = [line for line in view.text.toPlainText().splitlines()[1:] if line.strip()]
    return [line.replace("\xa0", " ") for line in lines[1::2]]


def press(qtbot, view: ReplayView, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(view.mark_list, key, modifier)


def test_a_past_drill_replays_its_text_and_jumps_to_its_error(qtbot, window: MainWindow) -> None:
    drill(qtbot, window)  # 'Café' typed as 'Cafe'
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    open_recent_by_enter(qtbot, window)
    assert window.stack.currentWidget() is window.results
    listed = window.results.error_table
    assert listed.rowCount() == 1 and listed.item(0, 2).text() == "Café"
    view = replay_window(qtbot, window)
    keys = journal_of(window).keys
    assert view.text is not None
    assert view.t == 0.0 and typed_lines(view) == []

    # scrubbed to the moment the sixth key was typed: the text as the journal had it (the
    # test types faster than the slider's milliseconds tell apart: the exact time is asked)
    view.seek(keys[5].t)
    assert typed_by(keys, view.t) == "Cafe L"
    assert typed_lines(view) == ["Cafe L"]

    # N: the clock at the error the results page lists, shown in its text and list
    press(qtbot, view, Qt.Key.Key_Home)
    press(qtbot, view, Qt.Key.Key_N)
    (error,) = [m for m in view.replay.marks if m.kind == "error"]
    assert view.t == error.t == keys[3].t  # the 'e' typed for 'é'
    assert view.clock.text().startswith(clock_text(error.t))
    assert typed_lines(view) == ["Cafe"]
    row = view.mark_list.currentItem().text()
    assert "Café" in row and "Cafe" in row
    press(qtbot, view, Qt.Key.Key_N)  # the only mark: the clock stays
    assert view.t == error.t
    press(qtbot, view, Qt.Key.Key_End)
    assert view.t == view.replay.duration
    assert typed_lines(view) == [typed_by(keys, view.t).rstrip()] == ["Cafe Léon belt terug."]
    press(qtbot, view, Qt.Key.Key_P)
    assert view.t == error.t
    press(qtbot, view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def heard(path: Path) -> bool:
    return any(isinstance(e, AudioEvent) and e.action == "start" for e in read_journal(path).events)


def finished_call(qtbot, window: MainWindow) -> None:
    call = window.catalog.by_id("nl-gesprek-01-wachtwoord")
    assert call is not None
    session = window.start_exercise(call.exercise, window.current_trainee())
    assert session is not None
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    view = window.call_view
    qtbot.keyClick(focused(), Qt.Key.Key_F2)  # answer
    # the customer's greeting (shown as a subtitle without a headset) begins a second later
    qtbot.waitUntil(lambda: heard(session.journal.path), timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # end the call: on to the wrap-up
    qtbot.keyClicks(view.contact_result, "o")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(view.closing_code, "g")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, view.fields["notitie"], "Geen actie nodig.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # hand in
    assert window.stack.currentWidget() is window.call_results


def test_a_past_call_replays_its_fields_and_marks_silently(qtbot, window: MainWindow) -> None:
    finished_call(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    open_recent_by_enter(qtbot, window)
    assert window.stack.currentWidget() is window.call_results
    view = replay_window(qtbot, window)
    assert view.fields is not None
    journal = journal_of(window)
    (note,) = [e for e in journal.events if isinstance(e, FieldEvent) and e.field == "notitie"]
    row = [view.fields.item(r, 0).text() for r in range(view.fields.rowCount())].index("Notitie")

    view.seek(note.t - 0.0005)  # just before it was committed
    assert view.fields.item(row, 1).text() == ""
    view.seek(note.t)
    assert view.fields.item(row, 1).text() == "Geen actie nodig."
    view.slider.setValue(0)  # the slider moves the clock
    assert view.t == 0.0 and view.fields.item(row, 1).text() == ""

    # the marks: the ring first; the note without the facts asked is a wrong field
    press(qtbot, view, Qt.Key.Key_Home)
    first = view.replay.marks[0]
    assert (first.kind, first.name) == ("screen", "bel")
    kinds = {(m.kind, m.name) for m in view.replay.marks}
    assert {("action", "answered"), ("field", "notitie")} <= kinds
    wrong = next(m for m in view.replay.marks if m.kind == "field")
    while view.t < wrong.t:
        before = view.t
        press(qtbot, view, Qt.Key.Key_Right, CTRL)
        assert view.t > before
    assert view.t == wrong.t
    assert "Notitie" in view.mark_list.currentItem().text()
    # scrubbed, the list follows the clock: the last mark passed is the current row
    view.seek(note.t / 2)
    passed = [i for i, m in enumerate(view.replay.marks) if m.t <= note.t / 2]
    assert view.mark_list.currentRow() == passed[-1]

    # no sound device: said on the window, and the clock still runs
    assert view.sound_note.isVisible() and "Geen geluid" in view.sound_note.text()
    press(qtbot, view, Qt.Key.Key_Home)
    press(qtbot, view, Qt.Key.Key_Space)
    assert view.playing
    qtbot.waitUntil(lambda: view.t > 0.1, timeout=3000)
    press(qtbot, view, Qt.Key.Key_Space)
    assert not view.playing
    stopped = view.t
    qtbot.wait(100)
    assert view.t == stopped


def test_the_sessions_list_replays_the_chosen_session(qtbot, window: MainWindow) -> None:
    drill(qtbot, window)
    window.open_sessions()
    sessions = window.sessions_view
    sessions.table.selectRow(0)
    qtbot.keyClick(sessions.table, Qt.Key.Key_J, CTRL)
    view = window._replay  # type: ignore[attr-defined]
    assert isinstance(view, ReplayView) and view.isVisible()
    qtbot.addWidget(view)
    assert [(m.kind, m.detail, m.value) for m in view.replay.marks] == [("error", "Café", "Cafe")]
    # the result beneath it, as Enter opens it; Escape closes the replay, then goes back
    assert window.stack.currentWidget() is window.results
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    press(qtbot, view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is sessions


def test_a_long_drill_paused_while_playing_shows_its_text_as_it_was(qtbot, tmp_path: Path) -> None:
    """A long text is redrawn a few times a second while playing; paused, it is the text of
    that moment (a replay built from a written journal, on the real window)."""
    from tests.journals import write_journal
    from trainer.core.exercise import CopyExercise
    from trainer.core.journal import EndEvent
    from trainer.core.replay import replay_of
    from trainer.core.scoring import score

    text = " ".join(["de klant belt morgen terug over de factuur"] * 80)
    exercise = CopyExercise(
        format=1, id="nl-copy-lang", title="Lang", language="nl", kind="copy", level=1,
        text=text,
    )  # fmt: skip
    keys = [KeyEvent(t=0.5 + i * 0.002, text=ch) for i, ch in enumerate(text)]
    journal = write_journal(
        tmp_path / "lang.jsonl", exercise, [*keys, EndEvent(t=keys[-1].t + 1, reason="finished")]
    )
    result = score(exercise, journal)
    view = ReplayView(replay_of(exercise, journal, result, text), exercise, text)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    view.seek(4.0)  # well over 2,000 characters typed
    view.play()
    qtbot.waitUntil(lambda: view.t > 4.5, timeout=5000)
    view.pause()
    shown = "".join(line.replace("\xa0", " ") for line in typed_lines(view))
    assert len(typed_by(keys, view.t)) > 2000
    assert shown.replace(" ", "") == typed_by(keys, view.t).replace(" ", "")


def test_a_journal_gone_is_said_and_closing_the_app_closes_the_replay(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    drill(qtbot, window)
    view = replay_window(qtbot, window)
    press(qtbot, view, Qt.Key.Key_Escape)
    journal = window.store.session(window._reported[1]).journal_path  # type: ignore[index,union-attr]
    journal.rename(journal.with_suffix(".weg"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(focused(), Qt.Key.Key_J, CTRL)
    assert len(told) == 1 and "kan niet teruggekeken worden" in told[0], told

    journal.with_suffix(".weg").rename(journal)
    view = replay_window(qtbot, window)
    window.close()  # the replay closes with the app
    assert not view.isVisible()
