"""Escape asks whether to stop: 'No' leaves the session as it was, for every kind of session.

('Yes' is tested with each kind elsewhere: test_copy_drill, test_no_accidents, the dictation's
and the call's audio tests; closing the window mid-session asks the same question, with both
answers, in test_no_accidents.)
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.keys import type_text
from tests.ui.conftest import Asked
from trainer.core.clips import load_shipped_library
from trainer.core.journal import read_journal
from trainer.core.loader import load_exercise
from trainer.paths import audio_dir, exercises_dir
from trainer.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: calls run with subtitles, dictations without the player."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def shipped(relative: str) -> Any:
    exercise, _ = load_exercise(
        exercises_dir() / relative, load_shipped_library(audio_dir()).languages
    )
    return exercise


def session_and_input(window: MainWindow, kind: str) -> tuple[Any, QWidget, QWidget]:
    """Start a session of ``kind``: the session, where the trainee types, and its page."""
    if kind == "copy":
        exercise = window.catalog.by_id("nl-copy-kort").exercise
    elif kind == "dictation":
        exercise = shipped("nl/dictation/nl-dictee-01-begroeting-en-printer.yaml")
    else:
        exercise = shipped("nl/call/nl-gesprek-01-wachtwoord.yaml")
    session = window.start_exercise(exercise, window.current_trainee())
    assert session is not None
    if kind == "copy":
        where, page = window.drill_view.surface, window.drill_view
    elif kind == "dictation":
        where, page = window.dictation_view.editor, window.dictation_view
    else:
        where, page = window.call_view.fields["gebruikersnaam"], window.call_view
    where.setFocus()
    return session, where, page


@pytest.mark.parametrize("kind", ["copy", "dictation", "call"])
def test_escape_then_no_goes_on_with_the_session_and_stores_nothing(
    qtbot, window: MainWindow, answer_dialogs: Asked, kind: str
) -> None:
    session, where, page = session_and_input(window, kind)
    type_text(qtbot, where, "Caf")
    answer_dialogs.reply = QMessageBox.StandardButton.No
    qtbot.keyClick(where, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"]

    # the session goes on where it was: same page, still taking keys, nothing stored
    assert window.stack.currentWidget() is page and session.active
    type_text(qtbot, where, "é")
    assert [k.text for k in read_journal(session.journal.path).keys] == ["C", "a", "f", "é"]
    assert read_journal(session.journal.path).end is None
    trainee = window.current_trainee()
    assert window.store.recent_sessions(trainee.id) == []  # no result listed
    assert window.store.session(session.session_id).status == "running"

    # asked again, 'Yes' stops it: one abandoned session with every key
    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    qtbot.keyClick(where, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"] * 2
    assert not session.active
    [row] = window.store.recent_sessions(trainee.id)
    assert row.status == "abandoned"
    assert [k.text for k in read_journal(row.journal_path).keys] == ["C", "a", "f", "é"]
