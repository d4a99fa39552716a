"""An error nothing caught: it is in the log file, the trainee is told in one sentence, and the
running drill goes on with every keystroke in its journal."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_copy_drill import start_selected
from trainer import logs
from trainer.core.journal import KeyEvent, read_journal
from trainer.ui.app import _watch_for_errors
from trainer.ui.crash import CrashHandler
from trainer.ui.main_window import MainWindow


@pytest.fixture
def crash_handler(window: MainWindow, data_dir: Path) -> Iterator[CrashHandler]:
    """The handler as the app installs it (the log starts with the first frame: here now)."""
    handler = _watch_for_errors(window, data_dir)
    logs.start_logging(data_dir)
    yield handler
    handler.uninstall()
    logs.stop_logging()


def typed(journal_path: Path) -> str:
    """The text of the keystrokes in a journal as it is on disk now."""
    events = read_journal(journal_path).events
    return "".join(e.text or "" for e in events if isinstance(e, KeyEvent))


def break_once(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> None:
    """The next call of ``target.name`` raises (a bug in a slot); later calls work again."""
    real = getattr(target, name)
    calls = []

    def broken(*args: object) -> object:
        calls.append(args)
        if len(calls) == 1:
            raise ZeroDivisionError("de kassa telt niet meer")
        return real(*args)

    monkeypatch.setattr(target, name, broken)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_said_and_the_drill_keeps_its_keys(
    qtbot, window: MainWindow, data_dir: Path, crash_handler: CrashHandler, monkeypatch
) -> None:
    start_selected(qtbot, window)
    surface = window.drill_view.surface
    qtbot.keyClicks(surface, "Caf")
    break_once(monkeypatch, surface, "append")  # the next key breaks the drawing
    qtbot.keyClicks(surface, "x")

    box = crash_handler.box
    assert box is not None and box.isVisible()
    log = data_dir / "simultaan.log"
    assert str(log) in box.text()
    assert "ZeroDivisionError: de kassa telt niet meer" in box.text()
    assert box.icon() == QMessageBox.Icon.Critical
    text = log.read_text(encoding="utf-8")
    assert "an error nothing caught" in text
    assert "Traceback" in text and "in broken" in text and "de kassa telt niet meer" in text
    # every key so far is on disk, the broken one too (it was journaled before it broke)
    session = window.drill
    assert session is not None and session.active
    assert typed(session.journal.path) == "Cafx"

    box.button(QMessageBox.StandardButton.Ok).click()
    assert crash_handler.box is None
    qtbot.keyClick(surface, Qt.Key.Key_Backspace)  # the drill goes on: a correction, more text
    qtbot.keyClicks(surface, "e L")
    assert typed(session.journal.path) == "Cafxe L"
    assert any(
        e.key == "Backspace"
        for e in read_journal(session.journal.path).events
        if isinstance(e, KeyEvent)
    )
    assert window.drill is session and session.active


@pytest.mark.qt_no_exception_capture
def test_the_same_error_again_is_logged_but_said_once(
    qtbot, window: MainWindow, data_dir: Path, crash_handler: CrashHandler
) -> None:
    def boom() -> None:
        raise RuntimeError("herhaald")

    for _ in range(3):  # as a paint or a timer would, from the same line
        try:
            boom()
        except RuntimeError as exc:
            crash_handler.handle(RuntimeError, exc, exc.__traceback__)
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "crashMessage"]
    assert len(boxes) == 1
    text = (data_dir / "simultaan.log").read_text(encoding="utf-8")
    assert text.count("Traceback") == 1
    assert text.count("the same error again: RuntimeError: herhaald") == 2


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_said_on_the_gui_thread(
    qtbot, window: MainWindow, data_dir: Path, crash_handler: CrashHandler
) -> None:
    def work() -> None:
        raise OSError("de map met oefeningen verdween")

    worker = threading.Thread(target=work, name="exercise-library")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: crash_handler.box is not None)
    assert "OSError: de map met oefeningen verdween" in crash_handler.box.text()
    text = (data_dir / "simultaan.log").read_text(encoding="utf-8")
    assert "an error nothing caught in thread exercise-library" in text


def test_the_log_rotates_and_stays_private(data_dir: Path) -> None:
    import logging

    path = logs.start_logging(data_dir)
    try:
        assert path == data_dir / "simultaan.log"
        assert logs.start_logging(data_dir) == path  # once: not two handlers
        line = "x" * 1000
        for _ in range(1200):  # 1.2 MB: one rotation
            logging.getLogger("trainer.test").info(line)
    finally:
        logs.stop_logging()
    assert (data_dir / "simultaan.log.1").stat().st_size > 900_000
    assert not (data_dir / "simultaan.log.2").exists()
    for name in ("simultaan.log", "simultaan.log.1"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600


def test_the_log_in_an_exam_rooms_folder_is_the_groups(data_dir: Path) -> None:
    data_dir.chmod(0o2770)  # a shared folder: the set-group-id bit
    old = os.umask(0o077)  # a strict umask does not take the group's access away
    try:
        path = logs.start_logging(data_dir)
    finally:
        os.umask(old)
        logs.stop_logging()
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o660
