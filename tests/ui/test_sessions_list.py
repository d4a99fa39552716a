"""The coach's sessions list (Ctrl+H on the home screen): every session of the store with
filters and sortable columns; Enter opens a result and Escape comes back to the same row; an
archived trainee's sessions are left out unless asked for."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

from tests.cursors import cursor_during
from tests.ui.test_report_button import drill_with_one_error
from trainer.store import Store
from trainer.ui.main_window import MainWindow
from trainer.ui.sessions_view import SessionsView

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def column(view: SessionsView, n: int) -> list[str]:
    model = view.model
    return [model.data(model.index(r, n)) for r in range(model.rowCount())]


def stored(store: Store, name: str, day: str, passed: bool, mode: str = "practice") -> int:
    """A finished copy drill of ``name`` on ``day`` (no journal needed to be listed)."""
    trainee = store.trainee_named(name)
    sid = store.start_session(
        trainee.id,
        "nl-copy-kort",
        "h",
        "Korte notitie",
        mode,
        store.folder / "journals" / f"{name}-{day}.jsonl",
        started_at=f"{day}T10:00:00+01:00",
    )
    result = {"passed": passed, "typing": {"keystrokes": 20, "error_rate": 0.0, "wpm": 30.0}}
    store.finish_session(sid, "finished", result)
    return sid


def read_again(view: SessionsView) -> None:
    """Wait until the list has read the store for the filters changed (it waits for the
    changes to stop, ``REFRESH_AFTER_MS``)."""
    deadline = time.monotonic() + 3
    while view.pending and time.monotonic() < deadline:
        QTest.qWait(10)
    assert not view.pending


def choose(combo: QComboBox, text: str) -> None:
    """Pick a choice by keyboard: focus the list and type the start of its text; then wait
    for the list to follow it."""
    combo.setFocus()
    combo.setCurrentIndex(combo.findText(text))
    view = combo.parentWidget()
    while view is not None and not isinstance(view, SessionsView):
        view = view.parentWidget()
    if view is not None:
        read_again(view)


@pytest.fixture
def people(window: MainWindow) -> Store:
    store = window.store
    group = store.add_group("Ochtendgroep")
    stored(store, "Lotte Peeters", "2026-03-02", True)
    stored(store, "Lotte Peeters", "2026-03-09", False, mode="exam")
    stored(store, "Jonas Maes", "2026-04-01", True)
    stored(store, "Ine Claes", "2026-05-01", True)
    for name in ("Lotte Peeters", "Jonas Maes"):
        store.set_trainee_group(store.trainee_named(name).id, group.id)
    store.set_trainee_archived(store.trainee_named("Ine Claes").id, True)
    return store


def test_ctrl_h_lists_the_sessions_newest_first_without_archived_trainees(
    qtbot, window: MainWindow, people: Store
) -> None:
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_H, CTRL)
    view = window.sessions_view
    assert window.stack.currentWidget() is view and view.table.hasFocus()
    assert column(view, 1) == ["Jonas Maes", "Lotte Peeters", "Lotte Peeters"]
    assert column(view, 0)[0] == "2026-04-01 10:00"
    assert view.count.text() == "3 sessies"
    assert column(view, 2) == ["Ochtendgroep"] * 3

    qtbot.keyClick(view.archived, Qt.Key.Key_Space)  # "also archived trainees"
    assert view.archived.isChecked()
    assert column(view, 1)[0] == "Ine Claes" and view.model.rowCount() == 4
    qtbot.keyClick(view.archived, Qt.Key.Key_Space)
    assert "Ine Claes" not in column(view, 1)

    view.table.horizontalHeader().sectionClicked.emit(1)  # sort by trainee (a header click)
    names = column(view, 1)
    assert names in (sorted(names), sorted(names, reverse=True))

    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home


def test_the_filters_choose_the_sessions(qtbot, window: MainWindow, people: Store) -> None:
    window.open_sessions()
    view = window.sessions_view
    choose(view.trainee, "Lotte Peeters")
    assert column(view, 1) == ["Lotte Peeters", "Lotte Peeters"]
    choose(view.mode, "examen")
    assert column(view, 0) == ["2026-03-09 10:00"]
    choose(view.mode, "Alle")
    choose(view.passed, "geslaagd")
    assert column(view, 0) == ["2026-03-02 10:00"]
    choose(view.trainee, "Alle")
    assert column(view, 1) == ["Jonas Maes", "Lotte Peeters"]
    view.since.setDate(QDate(2026, 3, 15))
    read_again(view)
    assert column(view, 1) == ["Jonas Maes"]
    view.since.setDate(view.since.minimumDate())  # "—": no limit
    view.until.setDate(QDate(2026, 3, 5))
    read_again(view)
    assert column(view, 1) == ["Lotte Peeters"]
    view.until.setDate(view.until.minimumDate())
    choose(view.passed, "Alle")
    choose(view.kind, "Gesprek")
    assert view.model.rowCount() == 0 and view.count.text() == "0 sessies"
    choose(view.kind, "Overtypen")
    choose(view.language, "Nederlands")
    assert view.model.rowCount() == 3
    chosen = view.chosen()
    assert chosen.exercise_ids == frozenset({"nl-copy-kort"}) and chosen.archived is False
    assert chosen.since is None and chosen.until is None
    group = people.groups()[0]
    choose(view.group, "Ochtendgroep")
    assert view.chosen().group_ids == frozenset({group.id}) and view.model.rowCount() == 3
    people.set_trainee_group(people.trainee_named("Jonas Maes").id, None)
    view.refresh()
    assert column(view, 1) == ["Lotte Peeters", "Lotte Peeters"]
    assert date(2026, 3, 2)  # (the days above are the stored ones, in the workstation's time)


def test_enter_opens_the_result_and_escape_comes_back_to_its_row(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_with_one_error(qtbot, window)
    seen = window.results.verdict.text(), window.results.figures["word_errors"].text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    stored(window.store, "Jonas Maes", "2026-04-01", True)  # an older row below it
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_H, CTRL)
    view = window.sessions_view
    assert view.model.rowCount() == 2
    view.table.selectRow(0)  # the drill just typed: the newest
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.results
    assert (window.results.verdict.text(), window.results.figures["word_errors"].text()) == seen
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view
    assert view.table.hasFocus() and view.table.currentIndex().row() == 0

    # the other row's stored result is not a whole one, and it has no journal to score
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is view
    assert len(told) == 1 and "geen logboek gevonden" in told[0]


def test_the_home_screen_has_buttons_for_both(window: MainWindow, people: Store) -> None:
    home = window.home
    assert home.sessions_button.text().replace("&", "") == "Sessies…"
    assert home.trainees_button.text().replace("&", "") == "Cursisten…"
    home.sessions_button.click()
    assert window.stack.currentWidget() is window.sessions_view
    assert window.sessions_view.table.accessibleName() == "Sessies"
    assert Path(window.store.path).exists()


def test_the_list_follows_a_language_and_a_closed_window_s_list_reads_no_store(
    qtbot, window: MainWindow, people: Store
) -> None:
    """On screen, the rows are worded again at once; a closed window's list (its store
    closed) is not read again."""
    from trainer.ui import language

    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_H, CTRL)
    view = window.sessions_view
    assert column(view, 4)[0] == "Overtypen"
    try:
        language.install("fr")
        QApplication.processEvents()
        assert column(view, 4)[0] == "Recopie"
        window.close()  # the store closes; the list stays, hidden
        language.install("nl")  # (an error here fails the test: pytest-qt catches it)
        QApplication.processEvents()
        assert column(view, 4)[0] == "Recopie"  # not read again while hidden
    finally:
        language.install("nl")


def test_a_date_stepped_day_by_day_reads_the_store_once_under_the_wait_cursor(
    qtbot, window: MainWindow, people: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Down on the 'since' date five times (a coach going back a few days) reads the sessions
    once, after the last step, not at each (0.5 s each on 10,000 sessions), with the wait
    cursor while it reads; the list then follows the date chosen."""
    window.open_sessions()
    view = window.sessions_view
    view.since.setDate(QDate(2026, 3, 20))
    read_again(view)
    assert column(view, 1) == ["Jonas Maes"]
    reads = cursor_during(monkeypatch, people, "sessions")  # one shape per read
    view.since.setFocus()
    view.since.setCurrentSection(view.since.Section.DaySection)
    for _ in range(15):  # 20 March back to 5 March
        qtbot.keyClick(view.since, Qt.Key.Key_Down)
    assert view.since.date() == QDate(2026, 3, 5)
    assert reads == [] and view.pending  # nothing read while the keys come
    read_again(view)
    assert reads == [Qt.CursorShape.WaitCursor] and QApplication.overrideCursor() is None
    assert column(view, 1) == ["Jonas Maes", "Lotte Peeters"]  # 9 March on
    # a filter changed and the list left at once: not read while hidden, read when opened
    view.passed.setCurrentIndex(view.passed.findText("geslaagd"))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.home
    QTest.qWait(400)
    assert len(reads) == 1 and not view.pending
    window.open_sessions()
    assert len(reads) == 2 and column(view, 1) == ["Jonas Maes"]
