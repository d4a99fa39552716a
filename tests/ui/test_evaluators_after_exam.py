"""From the exam room to the evaluators: a candidate takes a whole exam in the exam window (a
copy part, a dictation and a call, each ended by its time limit), then the evaluators' screen
of the same data folder finds one exam of three parts, every seal holding (the call's by its
sealed copy in the exam's folder), so two evaluators can sign it off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.exams import Clock, enrol_workstation, signed_package
from tests.ui.test_exam_window import through_to_the_call, window_for
from trainer.paths import STORE_FILE
from trainer.store import Store
from trainer.store.exam_sheet import exam_sheets, record_verdict, sign_off
from trainer.store.verdicts import Verdict


@pytest.fixture
def centre_key(tmp_path: Path, data_dir: Path) -> Path:
    return enrol_workstation(tmp_path / "centre", data_dir)


def test_an_exam_taken_in_the_exam_window_is_whole_for_the_evaluators(
    qtbot: QtBot, data_dir: Path, centre_key: Path, tmp_path: Path
) -> None:
    package = signed_package(tmp_path / "pakket", centre_key, call=True)
    clock = Clock()
    window = window_for(qtbot, data_dir, package, clock)
    through_to_the_call(qtbot, window, clock)
    qtbot.keyClick(window.call_view, Qt.Key.Key_F2)  # the call answered, then its time runs out
    clock.at += 241
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page)

    store = Store(data_dir / STORE_FILE)
    try:
        (sheet,) = exam_sheets(store)
        assert sheet.exam == "nl-proefexamen/K-0412"
        assert [p.name for p in sheet.parts] == ["part-01", "part-02", "part-03"]
        assert [p.seal.status if p.seal else None for p in sheet.parts] == ["intact"] * 3
        assert any(code.startswith("D140801") for code, _ in sheet.parts[2].evidence)
        record_verdict(store, sheet, Verdict(sheet.exam, 1, "Els Wouters", False, ""))
        record_verdict(store, sheet, Verdict(sheet.exam, 2, "Marc Claes", False, ""))
        sign_off(store, sheet)
        assert exam_sheets(store)[0].signed_off
    finally:
        store.close()
