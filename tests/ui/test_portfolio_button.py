"""The progress window's "Portfolio…" button (Alt+O): the coach says where, and the shown
trainee's portfolio is written there; cancelled, nothing is written. On a copy of a generated
store of 200 sessions of 3 trainees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.generated import cached
from trainer.core.loader import load_catalog
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, Store
from trainer.ui.app import create_application
from trainer.ui.progress_view import ProgressDialog

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def dialog(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copy(cached(200, 3) / STORE_FILE, data.mkdir() or data / STORE_FILE)
    create_application()
    store = Store(data / STORE_FILE)
    sara = store.trainee_named("Sara Benali")
    shown = ProgressDialog(store, load_catalog([exercises_dir()]), {}, sara.id)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    store.close()


def _answer(monkeypatch: pytest.MonkeyPatch, path: str, chosen: int = 0) -> list[str]:
    proposed: list[str] = []

    def answer(_parent: object, _title: str, name: str, filters: str, *_a: object):  # type: ignore[no-untyped-def]
        proposed.append(name)
        return path, filters.split(";;")[chosen]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return proposed


def test_alt_o_saves_the_shown_trainees_portfolio(
    qtbot, dialog: ProgressDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sara.pdf"
    proposed = _answer(monkeypatch, str(target))
    qtbot.keyClick(dialog, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: target.is_file())  # (a mnemonic clicks the button a moment later)
    assert Path(proposed[0]).name == "portfolio-sara-benali.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Sara Benali" in text and "Id17425" in text  # (the code wraps in its cell)


def test_cancelled_writes_nothing(
    qtbot, dialog: ProgressDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proposed = _answer(monkeypatch, "")
    qtbot.keyClick(dialog, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: bool(proposed))  # asked (a mnemonic clicks a moment later)
    assert dialog.save_portfolio() is None
    assert list(tmp_path.glob("**/*.pdf")) == [] and list(tmp_path.glob("**/*.html")) == []


def test_a_name_without_extension_takes_the_type_chosen(
    qtbot, dialog: ProgressDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer(monkeypatch, str(tmp_path / "sara"), chosen=1)  # "Webpagina (*.html)"
    assert dialog.save_portfolio() == tmp_path / "sara.html"
    page = (tmp_path / "sara.html").read_text(encoding="utf-8")
    assert "Sara Benali" in page and "co 01669" in page
