"""The central store on a real PostgreSQL server (tests/postgres.py): results of a workstation
arrive, exactly once, whatever the network does in between; what is wrong is said in words."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.postgres import PostgresServer
from tests.store.central_room import central_rows, local_uids, take_part, wait_for, workstation
from trainer.store.upload import Uploader
from trainer.ui import messages


def fast(store_path: Path, url: str) -> Uploader:
    """An uploader that tries again within a tenth of a second (a real one waits 1-60 s)."""
    return Uploader(store_path, url, first_wait=0.05, longest_wait=0.2, idle=0.2)


def test_a_workstations_results_arrive_in_the_central_store(
    tmp_path: Path, central_url: str
) -> None:
    store = workstation(tmp_path / "ws01", "01")
    take_part(store, "ws01", 1, passed=True)
    take_part(store, "ws01", 2, passed=False)
    assert store.waiting_uploads() == 2  # kept locally until the central store has them
    uploader = fast(store.path, central_url)
    uploader.start()
    try:
        wait_for(lambda: store.waiting_uploads() == 0)
    finally:
        uploader.stop()
    rows = central_rows(central_url)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == sorted(
        (uid, "ws01", "Kandidaat 01", passed)
        for uid, passed in store._db.execute("SELECT uid, passed = 1 FROM sessions").fetchall()
    )
    assert sorted(r[4]["typing"]["error_rate"] for r in rows) == [0.01, 0.02]
    state = uploader.state()
    assert state.sent == 2 and state.problem is None
    database = central_url.split("@/")[1].split("?")[0]
    assert state.server.endswith(f":5432/{database}")  # named as host:port/database


def test_the_server_stopped_mid_exam_gets_every_result_once_when_back(
    tmp_path: Path, central_url: str, postgres_server: PostgresServer
) -> None:
    store = workstation(tmp_path / "ws07", "07")
    uploader = fast(store.path, central_url)
    uploader.start()
    try:
        for part in range(1, 4):
            take_part(store, "ws07", part)
            uploader.nudge()
        wait_for(lambda: store.waiting_uploads() == 0)
        postgres_server.stop()  # the network gone, mid-exam
        for part in range(4, 9):  # the workstation goes on: parts saved locally
            take_part(store, "ws07", part)
            uploader.nudge()
        wait_for(lambda: uploader.state().problem is not None)
        assert store.waiting_uploads() == 5
        said = messages.text(uploader.state().problem)  # type: ignore[arg-type]
        assert uploader.state().server in said
        postgres_server.start()
        wait_for(lambda: store.waiting_uploads() == 0)
        wait_for(lambda: uploader.state().problem is None)
    finally:
        uploader.stop()
    uids = [r[0] for r in central_rows(central_url)]
    assert len(uids) == 8 and set(uids) == local_uids(store)


def test_a_result_sent_again_after_a_crash_is_kept_once(tmp_path: Path, central_url: str) -> None:
    store = workstation(tmp_path / "ws03", "03")
    for part in (1, 2, 3):
        take_part(store, "ws03", part)
    sent = store.outbox()
    uploader = fast(store.path, central_url)
    uploader.start()
    wait_for(lambda: store.waiting_uploads() == 0)
    uploader.stop()
    # the app was killed after the server's commit, before the outbox forgot them: the same
    # rows are in the outbox again at the next start, and are sent again
    with store._db:
        store._db.executemany(
            "INSERT INTO outbox(session_id, revision, queued_at) VALUES (?, ?, 'x')",
            [(session_id, revision) for session_id, revision, _ in sent],
        )
    again = fast(store.path, central_url)
    again.start()
    try:
        wait_for(lambda: store.waiting_uploads() == 0 and again.state().sent == 3)
    finally:
        again.stop()
    assert len(central_rows(central_url)) == 3


def test_a_result_stored_again_while_being_sent_keeps_waiting(
    tmp_path: Path, central_url: str
) -> None:
    store = workstation(tmp_path / "ws04", "04")
    session = take_part(store, "ws04", 1, passed=False)
    [(_id, revision, _)] = store.outbox()
    store.finish_session(session, "finished", {"kind": "copy", "passed": True})  # (recovered)
    store.uploaded([(session, revision)])  # the older one's upload ends: the newer one waits
    assert store.waiting_uploads() == 1


def test_thirty_workstations_writing_at_once_each_result_arrives_once(
    tmp_path: Path, central_url: str
) -> None:
    stores = [workstation(tmp_path / f"ws{n:02d}", f"{n:02d}") for n in range(30)]
    uploaders = [fast(s.path, central_url) for s in stores]
    for uploader in uploaders:
        uploader.start()

    def exam(n: int) -> None:  # each workstation in its own thread, with its own connection
        from trainer.store.db import Store

        local = Store(stores[n].path)
        for part in range(1, 5):
            take_part(local, f"ws{n:02d}", part)
            uploaders[n].nudge()
        local.close()

    room = [threading.Thread(target=exam, args=(n,)) for n in range(30)]
    for candidate in room:
        candidate.start()
    for candidate in room:
        candidate.join()
    try:
        wait_for(lambda: all(s.waiting_uploads() == 0 for s in stores), 60)
    finally:
        for uploader in uploaders:
            uploader.stop()
    uids = [r[0] for r in central_rows(central_url)]
    assert len(uids) == 120
    assert set(uids) == set().union(*(local_uids(s) for s in stores))
    assert {r[1] for r in central_rows(central_url)} == {f"ws{n:02d}" for n in range(30)}


@pytest.mark.parametrize(
    ("url_of", "code", "named"),
    [
        (lambda s: s.url("room_nowhere"), "central_no_database", True),
        (lambda s: s.url("postgres", password="wrong"), "central_refused", True),
        (lambda s: s.url("postgres").replace(str(s.folder), str(s.folder) + "-gone"),
         "central_unreachable", True),
        (lambda s: "db.example.be/simultaan", "central_bad_url", False),
    ],
    ids=["no-database", "wrong-password", "no-server", "not-a-url"],
)  # fmt: skip
def test_a_wrong_url_or_password_is_said_in_words_naming_the_server(
    tmp_path: Path, postgres_server: PostgresServer, url_of, code: str, named: bool
) -> None:
    store = workstation(tmp_path / "ws09", "09")
    take_part(store, "ws09", 1)
    url = url_of(postgres_server)
    uploader = fast(store.path, url)
    uploader.start()
    try:
        wait_for(lambda: uploader.state().problem is not None)
    finally:
        uploader.stop()
    problem = uploader.state().problem
    assert problem is not None and problem.code == code
    said = messages.text(problem)
    assert "Traceback" not in said and "{" not in said
    if named:
        assert str(postgres_server.folder) in said  # the server: where it was looked for
    else:
        assert "db.example.be/simultaan" in said
    assert "correct horse" not in said and "wrong" not in said  # never the password
    assert store.waiting_uploads() == 1  # kept for when the URL is right


def test_a_figure_that_is_not_a_number_does_not_hold_up_the_results_after_it(
    tmp_path: Path, central_url: str
) -> None:
    store = workstation(tmp_path / "ws05", "05")
    [trainee] = store.trainees()
    odd = store.start_session(trainee.id, "nl-copy-examen", "h", "Examen", "exam", tmp_path / "x")
    typed = {"transcribed": "NaN Infinity", "wpm": float("nan"), "kspc": float("inf")}
    store.finish_session(odd, "abandoned", {"kind": "copy", "passed": False, "typing": typed})
    take_part(store, "ws05", 2)
    uploader = fast(store.path, central_url)
    uploader.start()
    try:
        wait_for(lambda: store.waiting_uploads() == 0)
    finally:
        uploader.stop()
    typing = {r[4]["typing"].get("transcribed"): r[4]["typing"] for r in central_rows(central_url)}
    assert typing["NaN Infinity"]["wpm"] is None and typing["NaN Infinity"]["kspc"] is None
    assert len(typing) == 2
