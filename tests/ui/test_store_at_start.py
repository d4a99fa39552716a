"""The store is opened right after the first frame; one that cannot be used is said (stderr
and a dialog) and the app stops with exit code 1, as it did before any window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from trainer.store import Store
from trainer.ui.app import run_app
from trainer.ui.main_window import STORE_FILE, MainWindow


def _newer_store(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    Store(folder / STORE_FILE).close()
    with sqlite3.connect(folder / STORE_FILE) as db:
        db.execute("PRAGMA user_version = 99")
    return folder / STORE_FILE


def test_a_store_of_a_newer_simultaan_stops_the_app_with_its_reason(
    qtbot, tmp_path: Path, monkeypatch, capsys
) -> None:
    store = _newer_store(tmp_path / "gegevens")
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text, *a: said.append(text))
    )
    assert run_app(str(tmp_path / "gegevens")) == 1
    assert len(said) == 1 and str(store) in said[0] and "newer Simultaan" in said[0]
    assert f"simultaan: {said[0]}" in capsys.readouterr().err


def test_the_window_reports_it_after_its_first_frame_and_reads_nothing_more(
    qtbot, tmp_path: Path
) -> None:
    _newer_store(tmp_path / "gegevens")
    window = MainWindow(data_dir=tmp_path / "gegevens", defer_loading=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startFailed, timeout=5000) as failed:
        window.show()
    assert "update the app" in failed.args[0]
    assert window.home.exercise_tree.topLevelItem(0).text(0) == "Oefeningen laden…"
    assert not window.home.isEnabled()  # nothing to act on: the app is stopping
    window.close()  # (closing without a store does not fail)
