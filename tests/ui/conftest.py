"""Fixtures for driving the real window with pytest-qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow

EXERCISE = """\
format: 1
id: nl-copy-kort
title: Korte notitie
language: nl
kind: copy
level: 1
text: |
  Café Léon belt terug.
"""


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    """A folder with one short exercise (with accents) to type in tests."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "nl-copy-kort.yaml").write_text(EXERCISE, encoding="utf-8")
    return folder


class Asked(list[str]):
    """The titles of the questions asked; ``texts`` holds what each one said, ``reply`` the
    answer the next ones get (Yes unless a test sets No)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.reply = QMessageBox.StandardButton.Yes


@pytest.fixture
def answer_dialogs(monkeypatch: pytest.MonkeyPatch) -> Asked:
    """Questions are answered (Yes, or ``reply``) without a modal loop; the titles asked are
    recorded."""
    asked = Asked()

    def question(_parent: object, title: str, text: str = "", *_a: object, **_k: object) -> object:
        asked.append(title)
        asked.texts.append(text)
        return asked.reply

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture
def window(
    qtbot, data_dir: Path, exercises: Path, answer_dialogs: list[str]
) -> Iterator[MainWindow]:
    """The main window on a fresh store, with one trainee, showing the test exercise."""
    create_application()
    win = MainWindow(data_dir=data_dir, exercise_dirs=[exercises])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    trainee = win.store.add_trainee("An Peeters")
    win._fill_trainees(trainee.id)
    yield win
