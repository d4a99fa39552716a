"""'simultaan exam start''s screen sends each finished part to the central store while it is
open (a real PostgreSQL server, tests/postgres.py), as the app's window does, and stops sending
when the supervisor closes it: an exam's evidence does not wait for the app's next start."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from tests.central_exams import central_files, heartbeat, take_part
from tests.exams import enrol_workstation, signed_package
from tests.store.central_room import wait_for
from trainer.store import upload
from trainer.store.central import CentralStore
from trainer.store.exam_room import prepare_exam
from trainer.ui import exam_window
from trainer.ui.exam_app import run_exam


class Screen(QWidget):
    """Stands in for the exam screen: what the candidate does there is not this test's."""

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        super().__init__()

    def show_kiosk(self) -> None:
        self.showFullScreen()


def test_the_exam_screen_sends_a_part_finished_while_it_is_open(
    qtbot, tmp_path: Path, data_dir: Path, central_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = enrol_workstation(tmp_path / "centre", data_dir)
    prepared = prepare_exam(data_dir, signed_package(tmp_path, key, dictation=False), "K-017")
    CentralStore(central_url).close()  # (its tables made, to be looked at before)
    monkeypatch.setenv("SIMULTAAN_DATABASE_URL", central_url)
    monkeypatch.setattr(exam_window, "ExamWindow", Screen)
    monkeypatch.setattr(upload, "HEARTBEAT_SECONDS", 0.1)  # (4 s in the room)
    sent: list[set[str]] = []

    def open_screen(_app: QApplication) -> int:
        """While the screen is open a part ends; then the supervisor closes it."""
        heartbeat(data_dir, "PC 07", "K-017", "An Peeters", 1)  # (the part running)
        take_part(data_dir, "PC 07", "K-017", "An Peeters", 1)
        wait_for(lambda: len(central_files(central_url)) == 3)
        sent.append({name for _exam, name in central_files(central_url)})
        return 0

    monkeypatch.setattr(QApplication, "exec", open_screen)
    assert run_exam(prepared) == 0
    assert sent == [{"part-01.jsonl", "part-01.result.json", "part-01.jsonl.seal"}]
    assert not [t for t in threading.enumerate() if t.name == "central-upload"]  # stopped


def test_the_status_bar_says_exam_files_waiting_until_they_are_sent(
    qtbot, tmp_path: Path, data_dir: Path, central_url: str
) -> None:
    from trainer.paths import STORE_FILE
    from trainer.store.db import Store
    from trainer.ui.central_status import CentralStatus

    key = enrol_workstation(tmp_path / "centre", data_dir)
    prepare_exam(data_dir, signed_package(tmp_path, key, dictation=False), "K-017")
    take_part(data_dir, "PC 07", "K-017", "An Peeters", 1)
    store = Store(data_dir / STORE_FILE)
    store.uploaded([(i, r) for i, r, _ in store.outbox()])  # (its result sent already)
    label = CentralStatus(store, upload.Uploader(store.path, central_url, idle=0.1))
    qtbot.addWidget(label)
    label.refresh()
    assert label.said == "Examenbestanden wachten op de centrale opslag"
    label.start()
    try:
        qtbot.waitUntil(lambda: store.waiting_files() == 0, timeout=20_000)
        label.refresh()
        assert label.said == "Alle resultaten staan in de centrale opslag"
    finally:
        label.stop()
        store.close()
