"""The store is opened right after the first frame; one that cannot be used is said (stderr
and a dialog) and the app stops with exit code 1, as it did before any window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from trainer.store import Store
from trainer.ui import language
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
    assert said == [f"{store}: gemaakt door een nieuwere Simultaan (schema 99); werk de app bij"]
    assert f"simultaan: {said[0]}" in capsys.readouterr().err


def test_the_window_reports_it_after_its_first_frame_and_reads_nothing_more(
    qtbot, tmp_path: Path
) -> None:
    store = _newer_store(tmp_path / "gegevens")
    language.install("fr")  # a French coach reads why in French
    try:
        window = MainWindow(data_dir=tmp_path / "gegevens", defer_loading=True)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.startFailed, timeout=5000) as failed:
            window.show()
    finally:
        language.install("nl")
    assert failed.args[0] == (
        f"{store} : créé par une version plus récente de Simultaan (schéma 99) ; "
        "mettez l'application à jour"
    )
    assert window.home.exercise_tree.topLevelItem(0).text(0) == "Chargement des exercices…"
    assert not window.home.isEnabled()  # nothing to act on: the app is stopping
    window.close()  # (closing without a store does not fail)
