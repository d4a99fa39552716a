"""The "Rapport" button on the results pages: Ctrl+S (or a click) asks where to save, and the
report is written there, or nothing when the question is cancelled."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

import trainer.ui.report.save as saving
from tests.cursors import cursor_during, cursor_now
from tests.report_sessions import call_session
from tests.ui.test_copy_drill import send_commit, start_selected
from trainer.core.call_competences import COMPETENCES
from trainer.core.scoring import score
from trainer.ui.main_window import MainWindow

WAIT = Qt.CursorShape.WaitCursor


class SaveAnswer:
    """The save dialog, answered with ``path`` ('' = cancelled) and the type chosen; what was
    proposed, and the cursor while it was asked."""

    def __init__(self, path: str, chosen: int = 0) -> None:
        self.path, self.chosen = path, chosen
        self.proposed: list[str] = []
        self.cursors: list[object] = []

    def __call__(self, _parent: object, _title: str, proposed: str, filters: str, *_a: object):  # type: ignore[no-untyped-def]
        self.proposed.append(proposed)
        self.cursors.append(cursor_now())
        return self.path, filters.split(";;")[self.chosen]


def answer_save(monkeypatch: pytest.MonkeyPatch, path: str, chosen: int = 0) -> SaveAnswer:
    answer = SaveAnswer(path, chosen)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return answer


def drill_with_one_error(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Cafe")  # é typed as e: one word error in four
    send_commit(surface, " ")
    qtbot.keyClicks(surface, "L")
    send_commit(surface, "é")
    qtbot.keyClicks(surface, "on belt terug.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_ctrl_s_saves_the_drill_report_where_the_user_says(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_with_one_error(qtbot, window)
    target = tmp_path / "out" / "rapport an.pdf"
    target.parent.mkdir()
    answer = answer_save(monkeypatch, str(target))
    assert window.results.report_button.isVisible()
    assert "Ctrl+S" in window.results.report_button.text()
    written = cursor_during(monkeypatch, saving, "write_report")
    qtbot.keyClick(window.results, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # asked with the usual cursor; written under the wait cursor, given back after
    assert (answer.cursors, written, cursor_now()) == ([None], [WAIT], None)
    # the name proposed: trainee, exercise and the day
    [proposed] = answer.proposed
    assert Path(proposed).name.startswith("rapport-an-peeters-nl-copy-kort-20")
    assert Path(proposed).suffix == ".pdf"
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "NIET GESLAAGD" in text and "An Peeters" in text
    assert "Café" in text and "Cafe" in text  # the wrong word, expected and typed
    assert window.stack.currentWidget() is window.results


def test_cancelling_the_question_writes_nothing(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_with_one_error(qtbot, window)
    before = sorted(tmp_path.rglob("*"))
    answer = answer_save(monkeypatch, "")
    qtbot.mouseClick(window.results.report_button, Qt.MouseButton.LeftButton)
    assert len(answer.proposed) == 1  # it was asked
    assert sorted(tmp_path.rglob("*")) == before
    assert cursor_now() is None  # nothing to wait for
    assert window.stack.currentWidget() is window.results


def test_a_name_without_extension_gets_the_type_chosen(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_with_one_error(qtbot, window)
    answer_save(monkeypatch, str(tmp_path / "rapport"), chosen=1)  # "Webpagina (*.html)"
    qtbot.keyClick(window.results, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "NIET GESLAAGD" in page and "data:image/png;base64," in page


def test_a_report_that_cannot_be_written_is_said_with_its_file(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill_with_one_error(qtbot, window)
    said: list[str] = []
    cursors: list[object] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        staticmethod(lambda _p, _t, text, *_a: (said.append(text), cursors.append(cursor_now()))),
    )
    target = tmp_path / "gone" / "rapport.csv"
    answer_save(monkeypatch, str(target))
    qtbot.keyClick(window.results, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 1 and str(target) in said[0]
    assert not target.exists()
    assert cursors == [None]  # said once the wait cursor is gone


def test_the_call_results_page_saves_its_report_too(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    call, journal = call_session(tmp_path)
    trainee = window.current_trainee()
    assert trainee is not None
    session = window.store.start_session(
        trainee.id, call.id, "x", call.title, "practice", journal.path
    )
    result = score(call, journal)
    # the call ends as the app ends it: its result on the call results page
    window._last_exercise = call
    window._on_drill_ended(result, session)
    assert window.stack.currentWidget() is window.call_results
    target = tmp_path / "call.csv"
    answer_save(monkeypatch, str(target))
    qtbot.keyClick(window.call_results, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert {r[1] for r in rows if r[0] == "competence"} == set(COMPETENCES)
    assert rows[9][:2] == ["verdict", "passed"] and rows[9][3] == "NIET GESLAAGD"
