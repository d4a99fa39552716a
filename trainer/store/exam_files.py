"""An exam's evidence waiting for the central store: a second outbox, of files.

A finished exam part leaves three files in its exam's folder (``DATA/exams/PACKAGE/CANDIDATE``):
its journal, its result and their seal; the evaluators' sign-off leaves ``signoff.json`` and its
seal. Each is queued here when written (``queue_exam_files``), in the local store, so a
workstation off the network keeps them waiting; the uploader (``trainer.store.upload``) sends
them, a few per transaction, and takes them out only after the server committed them. In the
central store a file is known by its exam (``PACKAGE/CANDIDATE``), the workstation it comes from
and its name, so sending it twice writes it once, and two workstations given the same candidate
number never write over each other's files.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from trainer.core.bounded_files import MAX_JOURNAL_BYTES, FileRefused, read_bytes

# What schema version 9 adds to the store (see ``db._MIGRATIONS``)
MIGRATION_EXAM_FILES = """
CREATE TABLE IF NOT EXISTS file_outbox (
    path        TEXT PRIMARY KEY,
    exam        TEXT NOT NULL,
    name        TEXT NOT NULL,
    workstation TEXT NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1,
    queued_at   TEXT NOT NULL
);
"""

# The largest exam file sent: a journal's own limit (``trainer.core.journal`` reads no larger
# one); a result or a seal is far smaller
MAX_EXAM_FILE_BYTES = MAX_JOURNAL_BYTES
# Bytes per transaction: a day of a room's journals goes in a few turns, a journal at its
# limit alone
BATCH_BYTES = 16 * 1024 * 1024

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExamFile:
    """One file to send: where it lies here, its exam and name there, and its bytes."""

    path: Path
    revision: int
    exam: str
    name: str
    workstation: str
    content: bytes


def exam_of(folder: Path) -> str:
    """An exam as the central store names it: ``PACKAGE/CANDIDATE``, its folder's last two
    names."""
    return f"{folder.parent.name}/{folder.name}"


class ExamFileAdmin:
    """The store's part for the exam files' outbox (mixed into ``Store``)."""

    _db: sqlite3.Connection

    def queue_exam_files(self, paths: list[Path], workstation: str) -> None:
        """Queue files of an exam's folder for the central store; queued again (a sign-off
        written anew), the revision goes up so an upload of the older bytes does not take it
        out."""
        from trainer.store.db import _now

        now = _now()
        rows = [(str(p.resolve()), exam_of(p.parent), p.name, workstation, now) for p in paths]
        with self._db:
            self._db.executemany(
                "INSERT INTO file_outbox(path, exam, name, workstation, queued_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET"
                " revision = revision + 1, queued_at = excluded.queued_at",
                rows,
            )

    def waiting_files(self) -> int:
        """How many exam files wait for the central store."""
        return int(self._db.execute("SELECT COUNT(*) FROM file_outbox").fetchone()[0])

    def file_outbox(self, limit_bytes: int | None = None) -> list[ExamFile]:
        """The oldest waiting files, read, up to ``limit_bytes`` together (at least one;
        None: ``BATCH_BYTES``).
        A file that is gone or larger than a journal may be cannot ever be sent: it is
        taken out of the outbox and logged, so it never holds up the files after it."""
        limit = BATCH_BYTES if limit_bytes is None else limit_bytes
        found: list[ExamFile] = []
        total = 0
        rows = self._db.execute(
            "SELECT path, revision, exam, name, workstation FROM file_outbox"
            " ORDER BY queued_at, path"
        ).fetchall()
        for row in rows:
            path = Path(row["path"])
            try:
                content = read_bytes(path, MAX_EXAM_FILE_BYTES, "exam file")
            except FileRefused as exc:
                _log.warning("exam file not sent to the central store: %s: %s", path, exc.reason)
                self.files_uploaded([(path, row["revision"])])
                continue
            if found and total + len(content) > limit:
                break
            found.append(
                ExamFile(path, row["revision"], row["exam"], row["name"], row["workstation"],
                         content)
            )  # fmt: skip
            total += len(content)
        return found

    def files_uploaded(self, sent: list[tuple[Path, int]]) -> None:
        """Take out of the outbox what the central store committed: (path, revision) pairs;
        one queued again since keeps waiting."""
        with self._db:
            self._db.executemany(
                "DELETE FROM file_outbox WHERE path = ? AND revision = ?",
                [(str(p), r) for p, r in sent],
            )
