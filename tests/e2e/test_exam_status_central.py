"""'simultaan exam status' on a supervisor's machine that has only the central store's URL: the
whole room from the workstations' heartbeats (a real PostgreSQL server, tests/postgres.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.central_exams import fast, heartbeat, station
from tests.e2e.test_cli import run
from tests.exam_keys import centre
from tests.postgres import PostgresServer
from tests.store.central_room import wait_for
from trainer.store.central import CentralStore


def test_exam_status_through_the_url_lists_every_workstation(
    tmp_path: Path,
    central_url: str,
    postgres_server: PostgresServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = centre(tmp_path / "centre")
    room = [("PC 01", "K-0412", "Sofie Maes", 1), ("PC 02", "K-0413", "Jan Peeters", 2)]
    CentralStore(central_url).close()  # (its tables made, to be looked at before)
    uploaders = []
    for workstation, candidate, name, part in room:
        folder = station(key, tmp_path / workstation.replace(" ", ""), workstation)
        heartbeat(folder, workstation, candidate, name, part)
        uploaders.append(fast(folder, central_url))
        uploaders[-1].start()

    def heard() -> int:
        central = CentralStore(central_url)
        try:
            return len(central.statuses())
        finally:
            central.close()

    try:
        wait_for(lambda: heard() == 2)
    finally:
        for uploader in uploaders:
            uploader.stop()
    supervisor = tmp_path / "supervisor"  # nothing of the room's files here
    supervisor.mkdir()
    monkeypatch.setenv("SIMULTAAN_DATABASE_URL", central_url)

    done = run("exam", "status", "--data-dir", supervisor)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("  ")[:3] for line in lines] == [
        ["PC 01", "K-0412", "Sofie Maes"], ["PC 02", "K-0413", "Jan Peeters"],
    ]  # fmt: skip
    assert "part 1 of 2, taking the part, 5:12 left" in lines[0]
    assert "part 2 of 2" in lines[1] and "(last heard " in lines[1]
    listed = json.loads(run("exam", "status", "--json", "--data-dir", supervisor).stdout)
    assert [w["workstation"] for w in listed["workstations"]] == ["PC 01", "PC 02"]

    postgres_server.stop()  # the server gone: said, and this folder's own files listed
    try:
        done = run("exam", "status", "--data-dir", supervisor)
    finally:
        postgres_server.start()
    assert done.returncode == 1
    assert "the central store cannot be read" in done.stderr
    assert done.stdout.strip() == "no workstation has started an exam"
