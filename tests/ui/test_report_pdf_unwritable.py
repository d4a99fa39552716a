"""The results page's "Rapport…" as PDF to a place it cannot write: the trainee is told, in
words, which file and why, and nothing pretends to be saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_report_button import answer_save, drill_with_one_error
from trainer.ui.main_window import MainWindow


@pytest.mark.parametrize("place", ["no-such-folder/rapport.pdf", "a-folder.pdf"])
def test_a_pdf_report_that_cannot_be_written_is_said_with_its_file(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    drill_with_one_error(qtbot, window)
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: said.append(text))
    )
    target = tmp_path / place
    if place == "a-folder.pdf":
        target.mkdir()  # a folder of that name: no file can be written there
    answer_save(monkeypatch, str(target))
    qtbot.keyClick(window.results, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 1
    assert str(target) in said[0] and "niet worden bewaard" in said[0]
    assert not target.is_file()
