"""The outbox in the local store (schema 7): every ended session waits there for the central
store, known by a uid that stays the same when the store is rebuilt from its journals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.store.central_room import take_part, workstation
from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, STORE_FILE, Store


def test_a_schema_6_store_opens_with_its_ended_sessions_waiting(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:  # as version 6 left it: two ended sessions, one running
        db.executescript("".join(_MIGRATIONS[n] for n in range(1, 7)) + "PRAGMA user_version = 6;")
        db.execute("INSERT INTO trainees(name, created_at) VALUES ('Ine Claes', 'x')")
        for status in ("finished", "abandoned", "running"):
            db.execute(
                "INSERT INTO sessions(trainee_id, exercise_id, exercise_hash, mode, started_at,"
                " status, journal_path) VALUES (1, 'nl-copy-01', 'h', 'practice',"
                f" '2026-03-02T09:41:07+01:00', '{status}', 'journals/{status}.jsonl')"
            )
    assert SCHEMA_VERSION >= 7
    store = Store(path)
    uids = [r[0] for r in store._db.execute("SELECT uid FROM sessions")]
    assert len(set(uids)) == 3 and all(len(u) == 32 for u in uids)
    assert store.waiting_uploads() == 2  # the running one is recovered (and queued) later
    assert {r["status"] for _id, _rev, r in store.outbox()} == {"finished", "abandoned"}
    store.close()


def test_a_session_keeps_its_uid_when_the_store_is_made_again_from_its_journal(
    tmp_path: Path,
) -> None:
    first = workstation(tmp_path / "ws", "01")
    session = take_part(first, "ws01", 1)
    [(_id, _rev, sent)] = first.outbox()
    row = first.session(session)
    assert row is not None and sent["workstation"] == "ws01"
    first.close()
    (tmp_path / "ws" / STORE_FILE).unlink()  # damaged and set aside: made again
    again = workstation(tmp_path / "ws", "01")
    [trainee] = again.trainees()
    rebuilt = again.start_session(
        trainee.id, "nl-copy-examen", "h1", "Examen", "exam", row.journal_path, "x"
    )
    uid = again._db.execute("SELECT uid FROM sessions WHERE id = ?", (rebuilt,)).fetchone()[0]
    assert uid == sent["uid"]  # the central store keeps it once, not twice
    other = take_part(again, "ws01", 2)  # another journal: another uid
    assert again._db.execute("SELECT uid FROM sessions WHERE id = ?", (other,)).fetchone()[0] != uid
