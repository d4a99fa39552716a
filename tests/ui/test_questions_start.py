"""The questions before a session: a trainee's name, and recovering sessions cut off earlier.
Each answer is tested here where no other test gives it: Cancel (or no name) for the name, and
'No' to recovering a session whose store row was left running.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.ui.conftest import Asked
from tests.ui.test_sessions_on_disk import _killed_drill
from trainer.ui.main_window import MainWindow


def test_starting_without_a_trainee_asks_a_name_and_cancel_or_no_name_starts_nothing(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_trainee() is None
    asked: list[str] = []
    answers = [("An Peeters", False), ("   ", True), ("An Peeters", True)]  # Cancel, OK, OK

    def get_text(_parent: object, title: str, *_a: object, **_k: object) -> tuple[str, bool]:
        asked.append(title)
        return answers.pop(0)

    with pytest.MonkeyPatch.context() as patch:  # (answer_dialogs stays in place)
        patch.setattr(QInputDialog, "getText", staticmethod(get_text))
        tree = window.home.exercise_tree
        for _cancelled_or_blank in range(2):
            tree.setFocus()
            qtbot.keyClick(tree, Qt.Key.Key_Return)
            # nothing started, nobody added, nothing written
            assert window.stack.currentWidget() is window.home and window.drill is None
            assert window.store.trainees() == []
            assert not (data_dir / "journals").exists() or not any(
                (data_dir / "journals").rglob("*.jsonl")
            )
        tree.setFocus()
        qtbot.keyClick(tree, Qt.Key.Key_Return)  # a name given: the drill starts for them
    assert asked == ["Nieuwe cursist"] * 3
    assert window.stack.currentWidget() is window.drill_view
    assert [t.name for t in window.store.trainees()] == ["An Peeters"]
    assert window.home.trainee_combo.currentText() == "An Peeters"


def test_no_to_recovering_keeps_the_journal_and_asks_again_at_the_next_start(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: Asked
) -> None:
    journal = _killed_drill(data_dir, exercises)  # its store row says it is still running
    kept = journal.read_bytes()

    answer_dialogs.reply = QMessageBox.StandardButton.No  # not now
    window = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: answer_dialogs == ["Onderbroken sessies"])
    # nothing recovered: no result listed, the row as it was, the journal untouched
    [trainee] = window.store.trainees()
    assert window.store.recent_sessions(trainee.id) == []
    assert window.home.recent_table.rowCount() == 0
    [row] = window.store.unfinished_sessions()
    assert row.journal_path == journal
    assert journal.read_bytes() == kept
    window.close()

    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    again = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: len(answer_dialogs) == 2)
    assert answer_dialogs[1] == "Onderbroken sessies"
    [recovered] = again.store.recent_sessions(trainee.id)
    assert recovered.status == "recovered" and recovered.journal_path == journal
    assert again.store.unfinished_sessions() == []
