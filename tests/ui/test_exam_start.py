"""'Examen afnemen…' from the app's home screen: the supervisor chooses the signed package and
types the candidate's number; what would stop the exam is said first, else the exam screen
covers the screen until the supervisor leaves it with the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.exams import CODE, enrol_workstation, signed_package, write_package
from trainer.ui import exam_start
from trainer.ui.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_a: object) -> object:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return said


def test_an_unsigned_package_is_said_and_no_exam_opens(
    window: MainWindow, tmp_path: Path, data_dir: Path, warnings: list[str]
) -> None:
    enrol_workstation(tmp_path / "centre", data_dir)
    package = write_package(tmp_path / "pakket")
    exam = exam_start.open_exam(window, package=lambda _w: package, candidate=lambda _w: "K-7")
    assert exam is None and len(warnings) == 1 and str(package) in warnings[0]


def test_a_bad_candidate_number_is_said(
    window: MainWindow, tmp_path: Path, data_dir: Path, warnings: list[str]
) -> None:
    package = signed_package(tmp_path / "pakket", enrol_workstation(tmp_path / "c", data_dir))
    exam = exam_start.open_exam(window, package=lambda _w: package, candidate=lambda _w: "K 7/")
    assert exam is None and "geen kandidaatnummer" in warnings[0]


def test_the_exam_screen_opens_full_screen_and_leaves_with_the_code(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, data_dir: Path, warnings: list[str]
) -> None:
    package = signed_package(tmp_path / "pakket", enrol_workstation(tmp_path / "c", data_dir))
    assert window.home.exam_button.isVisible()  # type: ignore[attr-defined]
    exam = exam_start.open_exam(window, package=lambda _w: package, candidate=lambda _w: "K-7")
    assert exam is not None and warnings == []
    qtbot.waitUntil(exam.isVisible)
    assert exam.isFullScreen()
    assert exam.pages.currentWidget() is exam.check_in and exam.candidate_field.text() == "K-7"
    qtbot.keyClick(exam.name_field, Qt.Key.Key_Escape)
    qtbot.keyClicks(exam.leave_code, CODE)
    qtbot.keyClick(exam.leave_code, Qt.Key.Key_Return)
    assert not exam.isVisible() and window.exam_window is None  # type: ignore[attr-defined]


def test_a_number_taken_on_another_workstation_is_said_from_the_settings_central_store(
    window: MainWindow, tmp_path: Path, data_dir: Path, central_url: str, warnings: list[str]
) -> None:
    """'Examen afnemen…' asks the central store of the app's settings (no environment
    variable here) whether the number is taken in the room, as `exam start` does."""
    from tests.store.test_central_same_candidate import _room_says

    package = signed_package(tmp_path / "pakket", enrol_workstation(tmp_path / "c", data_dir))
    _room_says(central_url, "PC 11", "nl-proefexamen", "K-0412")
    window.settings = window.settings.model_copy(update={"database_url": central_url})
    exam = exam_start.open_exam(window, package=lambda _w: package, candidate=lambda _w: "K-0412")
    assert exam is None and len(warnings) == 1
    assert "K-0412" in warnings[0] and "PC 11" in warnings[0]
    # another number goes ahead
    exam = exam_start.open_exam(window, package=lambda _w: package, candidate=lambda _w: "K-0413")
    assert exam is not None and len(warnings) == 1
    exam.close()
