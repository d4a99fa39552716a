"""A queue shift and a chat session in the coach's screens: the trainee's recent results on the
home screen, the sessions list (Ctrl+H) with their kind and verdict, its kind filter, Enter
reopening the shift's result, and the progress window's competences (Ctrl+G). The sessions are
the shipped level-1 shift with a ticket sent to the wrong team and the shipped password chat
with a reply short of its facts, driven through their engines and stored in the window's own
store as the app stores them (tests/queue_chat_sessions.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.queue_chat_sessions import TRAINEE, chat_session, queue_session
from tests.ui.test_sessions_list import choose
from trainer.core.exercise import content_hash
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.ui.app import create_application
from trainer.ui.chat_results_view import ChatResultsView
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_results_view import QueueResultsView

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, data_dir: Path, answer_dialogs: list[str]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The app on the shipped exercises, the trainee's shift and chat in its store."""
    create_application()
    win = MainWindow(data_dir=data_dir, exercise_dirs=[exercises_dir()])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    store = win.store
    trainee = store.add_trainee(TRAINEE)
    journals = store.folder / "journals"
    journals.mkdir(exist_ok=True)
    for day, make in (("23", queue_session), ("24", chat_session)):
        exercise, journal = make(journals, f"{exercise_kind(make)}.jsonl")
        sid = store.start_session(
            trainee.id,
            exercise.id,
            content_hash(exercise),
            exercise.title,
            "practice",
            journals / f"{exercise_kind(make)}.jsonl",
            started_at=f"2026-11-{day}T10:00:00+01:00",
        )
        store.finish_session(sid, "finished", score(exercise, journal).model_dump(mode="json"))
    win._fill_trainees(trainee.id)
    yield win
    dialog = getattr(win, "progress_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.close()


def exercise_kind(make: object) -> str:
    return "queue" if make is queue_session else "chat"


def cells(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, column).text() for r in range(table.rowCount())]


def listed(window: MainWindow, column: int) -> list[str]:
    model = window.sessions_view.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_recent_results_say_what_went_wrong_in_a_shift_and_a_chat(window: MainWindow) -> None:
    table = window.home.recent_table
    assert cells(table, 1) == [
        "Wachtwoord van de webmail vergeten (chat)",
        "Maandagochtend op de servicedesk",
    ]
    assert cells(table, 4) == ["niet geslaagd", "niet geslaagd"]
    # the shift: one contact not handled as expected (it has no form: no '0 velden'), and
    # the competence it cost in the tooltip
    assert cells(table, 3)[1] == "1 contact"
    assert table.item(1, 3).toolTip() == "Niet getoond: D140801 Id16426"
    assert table.item(0, 3).toolTip() == "Niet getoond: D140801 Id17255, co 01671"


def test_the_sessions_list_names_their_kind_filters_by_it_and_opens_the_shift(
    qtbot, window: MainWindow
) -> None:
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_H, CTRL)
    view = window.sessions_view
    assert window.stack.currentWidget() is view
    assert listed(window, 4) == ["Chat", "Wachtrij"]
    assert listed(window, 9) == ["niet geslaagd", "niet geslaagd"]
    # what went wrong, as on the home screen: the chat's fields were right, one contact not
    assert listed(window, 8) == ["0 velden", "1 contact"]
    choose(view.kind, "Wachtrij")
    assert listed(window, 3) == ["Maandagochtend op de servicedesk"]
    choose(view.kind, "Chat")
    assert listed(window, 3) == ["Wachtwoord van de webmail vergeten (chat)"]
    choose(view.kind, "Wachtrij")
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert isinstance(page, QueueResultsView)
    assert page.verdict.text() == "Niet geslaagd" and not page.again_button.isVisible()
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view


def test_ctrl_j_on_a_chat_in_the_sessions_list_opens_its_replay(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    window.open_sessions()
    view = window.sessions_view
    view.table.setFocus()
    view.table.selectRow(0)  # the chat
    qtbot.keyClick(view.table, Qt.Key.Key_J, CTRL)
    # its result opens (Escape goes back to the list), and its replay over it
    assert isinstance(window.stack.currentWidget(), ChatResultsView)
    from trainer.ui.replay_view import ReplayView

    replay = window._replay  # type: ignore[attr-defined]
    assert isinstance(replay, ReplayView) and replay.isVisible() and told == []
    replay.close()


def test_the_progress_window_charts_their_competences(qtbot, window: MainWindow) -> None:
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_G, CTRL)
    dialog = window.progress_dialog
    qtbot.waitExposed(dialog)
    chart = dialog.competences
    # the shift's routing (the ticket sent to the wrong team) and the chat's communication
    # (a reply without its thanks): each not shown, at its session
    assert chart.data("D140801 Id16426")[1] == [0.0]
    assert chart.data("co 01671")[1] == [0.0]
    assert chart.data("co 01672")[1] == [1.0]
