"""Exam parts' evidence in the central store (a real PostgreSQL server, tests/postgres.py): two
workstations' journals, results and seals arrive once each, as their bytes, also when the server
stops in the middle of sending; the workstations' heartbeats reach it for the supervisor."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Sequence
from pathlib import Path

import psycopg
import pytest

from tests.central_exams import (
    central_files,
    fast,
    heartbeat,
    local_files,
    station,
    take_part,
    waiting,
)
from tests.exam_keys import centre
from tests.postgres import PostgresServer
from tests.store.central_room import central_rows, wait_for
from trainer.store import exam_files
from trainer.store.central import CentralStore
from trainer.store.exam_files import ExamFile


def test_two_workstations_parts_arrive_once_each_across_a_server_stop(
    tmp_path: Path,
    central_url: str,
    postgres_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exam_files, "BATCH_BYTES", 1)  # one file per transaction
    key = centre(tmp_path / "centre")
    rooms = {
        "PC 01": (station(key, tmp_path / "ws01", "PC 01"), "K-0412", "Sofie Maes"),
        "PC 02": (station(key, tmp_path / "ws02", "PC 02"), "K-0413", "Jan Peeters"),
    }
    for name, (folder, candidate, person) in rooms.items():
        take_part(folder, name, candidate, person, 1)
    uploaders = [fast(folder, central_url) for folder, _, _ in rooms.values()]
    for uploader in uploaders:
        uploader.start()
    try:
        wait_for(lambda: all(waiting(folder) == 0 for folder, _, _ in rooms.values()))
        sent, gone = itertools.count(1), threading.Event()
        put_files = CentralStore.put_files

        def server_gone_at_the_fourth(central: CentralStore, files: Sequence[ExamFile]) -> None:
            if next(sent) == 4:  # the server gone just as the fourth of six goes out
                postgres_server.stop()
                gone.set()
            put_files(central, files)

        monkeypatch.setattr(CentralStore, "put_files", server_gone_at_the_fourth)
        for name, (folder, candidate, person) in rooms.items():  # the second parts
            take_part(folder, name, candidate, person, 2)
        assert gone.wait(30)
        assert any(waiting(folder) for folder, _, _ in rooms.values())
        postgres_server.start()
        wait_for(lambda: all(waiting(folder) == 0 for folder, _, _ in rooms.values()))
    finally:
        for uploader in uploaders:
            uploader.stop()
    expected: dict[tuple[str, str], bytes] = {}
    for folder, _, _ in rooms.values():
        expected |= local_files(folder)
    assert len(expected) == 12  # two candidates, two parts, journal + result + seal each
    assert central_files(central_url) == expected  # each once, byte for byte
    rows = central_rows(central_url)
    assert sorted((r[1], r[2]) for r in rows) == [
        ("PC 01", "Sofie Maes"), ("PC 01", "Sofie Maes"),
        ("PC 02", "Jan Peeters"), ("PC 02", "Jan Peeters"),
    ]  # fmt: skip


def test_a_file_sent_again_is_kept_once(tmp_path: Path, central_url: str) -> None:
    """A crash between the server's commit and the outbox's delete sends a file again."""
    key = centre(tmp_path / "centre")
    folder = station(key, tmp_path / "ws01", "PC 01")
    take_part(folder, "PC 01", "K-0412", "Sofie Maes", 1)
    from trainer.store.db import STORE_FILE, Store

    store = Store(folder / STORE_FILE)
    central = CentralStore(central_url)
    try:
        files = store.file_outbox()
        central.put_files(files)
        central.put_files(files)  # (the outbox not emptied: sent again)
    finally:
        central.close()
        store.close()
    assert central_files(central_url) == local_files(folder)


def test_the_workstations_heartbeats_reach_the_central_store(
    tmp_path: Path, central_url: str
) -> None:
    key = centre(tmp_path / "centre")
    folder = station(key, tmp_path / "ws01", "PC 01")
    heartbeat(folder, "PC 01", "K-0412", "Sofie Maes", 2)
    CentralStore(central_url).close()  # (its tables made, to be looked at before)
    uploader = fast(folder, central_url)
    uploader.start()
    try:

        def heard() -> list[tuple[str, int]]:
            with psycopg.connect(central_url) as db:
                query = "SELECT workstation, (status->>'part')::int FROM simultaan_workstations"
                return db.execute(query).fetchall()

        wait_for(lambda: heard() == [("PC 01", 2)])
        heartbeat(folder, "PC 01", "K-0412", "Sofie Maes", 3)  # (a second later: the next)
        wait_for(lambda: heard() == [("PC 01", 3)])
    finally:
        uploader.stop()


def test_a_schema_8_store_gets_the_file_outbox_and_keeps_its_outbox(tmp_path: Path) -> None:
    import sqlite3

    from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, STORE_FILE, Store

    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:
        db.executescript("".join(_MIGRATIONS[n] for n in range(1, 9)) + "PRAGMA user_version = 8;")
        db.execute("INSERT INTO trainees (name, created_at) VALUES ('Sofie Maes', '2026-11-30')")
    assert SCHEMA_VERSION == 9
    store = Store(path)
    try:
        assert store.trainee_named("sofie maes").id == 1
        assert store.waiting_files() == 0
        journal = tmp_path / "exams" / "nl-onthaal" / "K-0412" / "part-01.jsonl"
        journal.parent.mkdir(parents=True)
        journal.write_bytes(b"{}\n")
        store.queue_exam_files([journal], "PC 01")
        [sent] = store.file_outbox()
        assert (sent.exam, sent.name, sent.workstation, sent.content) == (
            "nl-onthaal/K-0412",
            "part-01.jsonl",
            "PC 01",
            b"{}\n",
        )
    finally:
        store.close()


def test_sealed_files_never_queued_are_sent_at_the_next_start(
    tmp_path: Path, central_url: str
) -> None:
    """A part sealed by a Simultaan from before the file outbox, or one stopped between the
    seal and the queue: its files still reach the central store, and once."""
    from trainer.store.db import STORE_FILE, Store

    key = centre(tmp_path / "centre")
    folder = station(key, tmp_path / "ws01", "PC 01")
    take_part(folder, "PC 01", "K-0412", "Sofie Maes", 1)
    store = Store(folder / STORE_FILE)
    try:
        store.files_uploaded([(f.path, f.revision) for f in store.file_outbox()])
        assert store.waiting_files() == 0  # (never queued)
    finally:
        store.close()
    CentralStore(central_url).close()  # (its tables made, to be looked at before)
    for _start in range(2):
        uploader = fast(folder, central_url)
        uploader.start()
        try:
            wait_for(lambda: len(central_files(central_url)) == 3)
            wait_for(lambda: waiting(folder) == 0)
        finally:
            uploader.stop()
    assert central_files(central_url) == local_files(folder)
