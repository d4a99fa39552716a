"""The results waiting for the central store: an outbox in the local store.

Every session that ends (finished, abandoned, lost) is put in the outbox in the same
transaction that stores its result, so nothing can be stored without being queued, and a
workstation off the network keeps working: its results wait here. The uploader
(``trainer.store.upload``) takes them out only after the central store has committed them.

A session is known everywhere by its ``uid``: the same on this workstation and in the central
store, so sending it twice (a crash between the server's commit and the outbox's delete, two
workstations sharing one data folder) writes it once. The uid is made from the journal's header
line and its file name, so a store rebuilt from the journals gives its sessions the uids they
had; a session whose journal cannot be read gets a random one.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import uuid
from pathlib import Path
from typing import Any

# What schema version 7 adds to the store (see ``db._MIGRATIONS``): a uid and the workstation
# per session (earlier sessions get a random uid and no workstation), and the outbox, holding
# every session that had ended, so a store made before gets to the central store too.
MIGRATION_OUTBOX = """
ALTER TABLE sessions ADD COLUMN uid TEXT;
ALTER TABLE sessions ADD COLUMN workstation TEXT;
UPDATE sessions SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS sessions_by_uid ON sessions(uid);
CREATE TABLE IF NOT EXISTS outbox (
    session_id  INTEGER PRIMARY KEY REFERENCES sessions(id),
    revision    INTEGER NOT NULL DEFAULT 1,
    queued_at   TEXT NOT NULL
);
INSERT OR IGNORE INTO outbox(session_id, queued_at)
    SELECT id, COALESCE(ended_at, started_at) FROM sessions WHERE status != 'running';
"""

# the namespace of session uids made from a journal (any fixed UUID would do: never change it)
_NAMESPACE = uuid.UUID("6a1e0c52-93d4-4f53-9d0b-5a3c0e7f4b21")
_HEADER_LIMIT = 64 * 1024  # a header is a few hundred bytes; more is not a journal's header


def session_identity(journal_path: Path) -> tuple[str, str]:
    """The session's uid and the workstation it ran on, from its journal's header line (a
    random uid and this computer's name when the journal cannot be read)."""
    try:
        with journal_path.open("rb") as journal:
            header = journal.readline(_HEADER_LIMIT)
    except OSError:
        header = b""
    workstation = ""
    if header.endswith(b"\n"):
        try:
            workstation = str(json.loads(header).get("workstation") or "")
        except (ValueError, AttributeError):
            header = b""
    if not header.endswith(b"\n"):
        return uuid.uuid4().hex, socket.gethostname()
    name = f"{journal_path.parent.name}/{journal_path.name}\n".encode()
    uid = uuid.uuid5(_NAMESPACE, (name + header).decode("utf-8", "replace")).hex
    return uid, workstation or socket.gethostname()


class OutboxAdmin:
    """The store's part for the outbox (mixed into ``Store``)."""

    _db: sqlite3.Connection

    def _queue(self, session_id: int, queued_at: str) -> None:
        """Put a session in the outbox (inside the caller's transaction); queued again, its
        revision goes up, so an upload of the older one does not take it out."""
        self._db.execute(
            "INSERT INTO outbox(session_id, queued_at) VALUES (?, ?) ON CONFLICT(session_id)"
            " DO UPDATE SET revision = revision + 1, queued_at = excluded.queued_at",
            (session_id, queued_at),
        )

    def waiting_uploads(self) -> int:
        """How many results wait for the central store."""
        return int(self._db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def outbox(self, limit: int = 200) -> list[tuple[int, int, dict[str, Any]]]:
        """The oldest waiting results: (session id, revision, what the central store keeps)."""
        rows = self._db.execute(
            "SELECT o.session_id, o.revision, s.uid, s.workstation, t.name AS trainee,"
            " s.exercise_id, s.exercise_hash, s.exercise_title, s.mode, s.started_at,"
            " s.ended_at, s.status, s.passed, s.error_rate, s.unit, s.margin, s.wpm,"
            " s.journal_path, s.journal_sha256, s.result_json"
            " FROM outbox o JOIN sessions s ON s.id = o.session_id"
            " JOIN trainees t ON t.id = s.trainee_id ORDER BY o.queued_at, o.session_id LIMIT ?",
            (limit,),
        ).fetchall()
        return [(r["session_id"], r["revision"], _sent(r)) for r in rows]

    def uploaded(self, sent: list[tuple[int, int]]) -> None:
        """Take out of the outbox what the central store committed: (session id, revision)
        pairs; one queued again since keeps waiting."""
        with self._db:
            self._db.executemany("DELETE FROM outbox WHERE session_id = ? AND revision = ?", sent)


def _sent(row: sqlite3.Row) -> dict[str, Any]:
    """A session as the central store keeps it (the trainee by name: ids are per store)."""
    return {
        "uid": row["uid"],
        "workstation": row["workstation"] or "",
        "trainee": row["trainee"],
        "exercise_id": row["exercise_id"],
        "exercise_hash": row["exercise_hash"],
        "exercise_title": row["exercise_title"],
        "mode": row["mode"],
        "started_at": row["started_at"],
        "ended_at": row["ended_at"],
        "status": row["status"],
        "passed": None if row["passed"] is None else bool(row["passed"]),
        "error_rate": row["error_rate"],
        "unit": row["unit"],
        "margin": row["margin"],
        "wpm": row["wpm"],
        "journal": Path(row["journal_path"]).name,
        "journal_sha256": row["journal_sha256"],
        "result": row["result_json"],
    }
