"""The coach's "Cursisten" dialog (Ctrl+T): rename (a name taken is said), archive after a
question (both answers; gone from the pick list, back when brought back), groups made, renamed,
chosen per trainee, and only an empty one deleted (both answers). Driven by keys, the name
questions answered in the real input dialog."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from tests.ui.conftest import Asked
from tests.ui.test_report_button import drill_with_one_error
from trainer.ui.main_window import MainWindow
from trainer.ui.trainees_dialog import TraineesDialog

CTRL = Qt.KeyboardModifier.ControlModifier
NO, YES = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What warnings and notes said (instead of a modal box)."""
    said: list[str] = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(
            QMessageBox, kind, staticmethod(lambda _p, _t, text, *_a: said.append(text))
        )
    return said


def type_into_next_question(qtbot, text: str | None) -> None:
    """Answer the next name question by keys: the text and Enter, or Escape (None)."""

    def answer() -> None:
        asking = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog)]
        shown = [w for w in asking if w.isVisible()]
        if not shown:  # not asked yet: look again in a moment
            QTimer.singleShot(10, answer)
            return
        [dialog] = shown
        line = dialog.findChild(QLineEdit)
        assert line is not None
        if text is None:
            qtbot.keyClick(line, Qt.Key.Key_Escape)
            return
        line.selectAll()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def open_dialog(qtbot, window: MainWindow) -> TraineesDialog:
    """Ctrl+T on the home screen, the dialog looked at while it is open."""
    found: list[TraineesDialog] = []

    def exec_(self: TraineesDialog) -> int:
        found.append(self)
        return 0

    original = TraineesDialog.exec
    TraineesDialog.exec = exec_  # type: ignore[method-assign]
    try:
        qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_T, CTRL)
    finally:
        TraineesDialog.exec = original  # type: ignore[method-assign]
    [dialog] = found
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # (as exec would: its keys work in it)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def press(
    qtbot, dialog: TraineesDialog, widget: QWidget, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    """A key in the dialog, its window active again (offscreen, a closed question leaves no
    window active; a desktop gives the activation back to the dialog)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(widget, key, mods)


def names(dialog: TraineesDialog) -> list[tuple[str, str, str]]:
    people = dialog.people
    return [
        tuple(people.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc, union-attr]
        for i in range(people.topLevelItemCount())
    ]


def combo_names(window: MainWindow) -> list[str]:
    combo = window.home.trainee_combo
    return [combo.itemText(i) for i in range(combo.count())]


def test_rename_keeps_the_journal_and_refuses_a_name_taken(
    qtbot, window: MainWindow, told: list[str]
) -> None:
    drill_with_one_error(qtbot, window)  # An Peeters has a session and its journal
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.store.add_trainee("Jonas Maes")
    dialog = open_dialog(qtbot, window)
    assert [n[0] for n in names(dialog)] == ["An Peeters", "Jonas Maes"]
    assert dialog.focusWidget() is dialog.people  # the list has the keyboard
    assert dialog.people.accessibleName() == "Cursisten"

    type_into_next_question(qtbot, "jonas maes")  # taken (case does not count)
    press(qtbot, dialog, dialog.people, Qt.Key.Key_F2)
    assert len(told) == 1 and "Er is al een cursist met de naam" in told[0]
    type_into_next_question(qtbot, None)  # Escape: nothing changes
    press(qtbot, dialog, dialog.people, Qt.Key.Key_F2)
    type_into_next_question(qtbot, "An Peeters-Claes")
    press(qtbot, dialog, dialog.people, Qt.Key.Key_F2)
    assert [n[0] for n in names(dialog)] == ["An Peeters-Claes", "Jonas Maes"]
    assert dialog.changed
    dialog.close()
    window._fill_trainees(None)
    assert "An Peeters-Claes" in combo_names(window)
    [row] = window.store.recent_sessions(window.store.trainee_named("An Peeters-Claes").id)
    assert row.trainee == "An Peeters-Claes"
    header = json.loads(row.journal_path.read_text(encoding="utf-8").splitlines()[0])
    assert header["trainee"] == "An Peeters"  # the journal keeps the name it was written with


def test_archive_asks_first_and_can_be_undone(
    qtbot, window: MainWindow, answer_dialogs: Asked
) -> None:
    window.store.add_trainee("Jonas Maes")
    dialog = open_dialog(qtbot, window)
    dialog.people.setCurrentItem(dialog.people.topLevelItem(1))  # Jonas
    answer_dialogs.reply = NO
    press(qtbot, dialog, dialog.people, Qt.Key.Key_A, CTRL)
    assert answer_dialogs == ["Cursist archiveren"] and "Jonas Maes" in answer_dialogs.texts[0]
    assert names(dialog)[1] == ("Jonas Maes", "", "actief")
    assert not window.store.trainee_named("Jonas Maes").archived

    answer_dialogs.reply = YES
    press(qtbot, dialog, dialog.people, Qt.Key.Key_A, CTRL)
    assert names(dialog)[1] == ("Jonas Maes", "", "gearchiveerd")
    assert "Terugzetten" in dialog.archive_button.text()
    dialog.changed and window._fill_trainees(None)
    assert combo_names(window) == ["An Peeters"]  # gone from the pick list, not deleted

    press(qtbot, dialog, dialog.people, Qt.Key.Key_A, CTRL)  # brought back: no question
    assert len(answer_dialogs) == 2
    assert names(dialog)[1] == ("Jonas Maes", "", "actief")
    window._fill_trainees(None)
    assert combo_names(window) == ["An Peeters", "Jonas Maes"]


def test_groups_made_chosen_and_only_an_empty_one_deleted(
    qtbot, window: MainWindow, answer_dialogs: Asked, told: list[str]
) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.group_list.accessibleName() == "Groepen"
    type_into_next_question(qtbot, "Ochtendgroep")
    qtbot.mouseClick(dialog.new_group_button, Qt.MouseButton.LeftButton)
    type_into_next_question(qtbot, "ochtendgroep")  # taken
    dialog.new_group_button.click()
    assert len(told) == 1 and "Er is al een groep" in told[0]
    assert [g.name for g in window.store.groups()] == ["Ochtendgroep"]

    # the trainee's group, chosen by keys in its list
    dialog.group_choice.setFocus()
    dialog.group_choice.setCurrentIndex(dialog.group_choice.findText("Ochtendgroep"))
    dialog.group_choice.activated.emit(dialog.group_choice.currentIndex())
    assert names(dialog)[0] == ("An Peeters", "Ochtendgroep", "actief")
    assert dialog.group_list.item(0).text() == "Ochtendgroep (1)"

    dialog.group_list.setFocus()
    dialog.group_list.setCurrentRow(0)
    press(qtbot, dialog, dialog.group_list, Qt.Key.Key_Delete)  # not empty: said, not asked
    assert len(told) == 2 and "nog 1 cursist" in told[1] and answer_dialogs == []
    type_into_next_question(qtbot, "Avondgroep")
    press(qtbot, dialog, dialog.group_list, Qt.Key.Key_F2)
    assert names(dialog)[0][1] == "Avondgroep"

    dialog.group_choice.setCurrentIndex(0)  # (geen groep)
    dialog.group_choice.activated.emit(0)
    dialog.group_list.setFocus()  # (Tab there, as a user would)
    dialog.group_list.setCurrentRow(0)
    answer_dialogs.reply = NO
    press(qtbot, dialog, dialog.group_list, Qt.Key.Key_Delete)
    assert answer_dialogs == ["Groep verwijderen"] and len(window.store.groups()) == 1
    answer_dialogs.reply = YES
    press(qtbot, dialog, dialog.group_list, Qt.Key.Key_Delete)
    assert window.store.groups() == [] and dialog.group_list.count() == 0
