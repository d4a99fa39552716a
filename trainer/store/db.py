"""The local store: one SQLite file with trainees, sessions and their results.

A session row is written when the drill starts (status ``running``) and completed when it ends,
so a row still ``running`` at start-up is a session the app lost (killed, power cut): its
journal is on disk and the app offers to recover it. The result of a session is stored as the
JSON of ``SessionResult``, with the few numbers lists need in their own columns.

Journal paths inside the store's own folder are kept relative to it, so a data folder shared by
an exam room (or moved to another disk) still finds its journals. A store SQLite finds damaged
at opening raises ``StoreCorrupt``; the journals on disk are the truth it is rebuilt from.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trainer.core.messages import Message, Said
from trainer.paths import STORE_FILE as STORE_FILE  # (its name, for the store's users)
from trainer.store.assessments import MIGRATION_ASSESSMENTS, AssessmentAdmin
from trainer.store.exam_files import MIGRATION_EXAM_FILES, ExamFileAdmin
from trainer.store.outbox import MIGRATION_OUTBOX, OutboxAdmin, session_identity
from trainer.store.session_filter import SessionFilter
from trainer.store.trainees import MIGRATION_GROUPS, MIGRATION_KEYBOARD, TraineeAdmin
from trainer.store.verdicts import MIGRATION_VERDICTS, VerdictAdmin

SCHEMA_VERSION = 9

_SCHEMA = """
CREATE TABLE IF NOT EXISTS trainees (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id              INTEGER PRIMARY KEY,
    trainee_id      INTEGER NOT NULL REFERENCES trainees(id),
    exercise_id     TEXT NOT NULL,
    exercise_hash   TEXT NOT NULL,
    exercise_title  TEXT NOT NULL DEFAULT '',
    mode            TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    ended_at        TEXT,
    status          TEXT NOT NULL,
    journal_path    TEXT NOT NULL,
    journal_sha256  TEXT,
    passed          INTEGER,
    error_rate      REAL,
    unit            TEXT,
    margin          TEXT,
    wpm             REAL,
    result_json     TEXT
);
CREATE INDEX IF NOT EXISTS sessions_by_trainee ON sessions(trainee_id, started_at);
"""

# What each schema version adds to the one before; a store is brought up to SCHEMA_VERSION
# step by step when it is opened (version 0: a new file).
_MIGRATIONS = {
    1: _SCHEMA,
    # the language a coach chose for a trainee (nl, fr, en); NULL: the app's setting
    2: "ALTER TABLE trainees ADD COLUMN language TEXT;",
    # the text size (percent) a trainee chose with Ctrl+plus/minus; NULL: the app's setting
    3: "ALTER TABLE trainees ADD COLUMN text_size INTEGER;",
    # groups of trainees, a trainee's group, and archived trainees (trainer/store/trainees.py)
    4: MIGRATION_GROUPS,
    # a coach's assessment of a session with the rubric (trainer/store/assessments.py)
    5: MIGRATION_ASSESSMENTS,
    # the keyboard layout a trainee types on (be, fr, us); NULL: the language's usual one
    6: MIGRATION_KEYBOARD,
    # a uid and workstation per session, and the outbox for the central store (outbox.py)
    7: MIGRATION_OUTBOX,
    # the evaluators' verdicts on a candidate's exam (trainer/store/verdicts.py)
    8: MIGRATION_VERDICTS,
    # exam files (journals, results, seals, sign-offs) waiting for the central store
    9: MIGRATION_EXAM_FILES,
}
LANGUAGES = ("nl", "fr", "en")

# A session's columns with a brief result (``Store.sessions(brief=True)``): the kind, the
# keystrokes typed (none: nothing was typed), for a call (a chat) the fields not entered right
# and for a queue shift the contacts not handled as expected.
_BRIEF = (
    "s.id, s.trainee_id, s.exercise_id, s.exercise_title, s.mode, s.started_at, s.status,"
    " s.journal_path, s.passed, s.error_rate, s.unit, s.margin, s.wpm, s.ended_at,"
    " CASE WHEN s.result_json IS NOT NULL THEN json_object("
    "'brief', 1, 'kind', json_extract(s.result_json, '$.kind'),"
    " 'typing', CASE WHEN json_type(s.result_json, '$.typing') = 'object' THEN"
    " json_object('keystrokes', json_extract(s.result_json, '$.typing.keystrokes')) END,"
    " 'wrong_fields', (SELECT COUNT(*) FROM json_each(s.result_json, '$.fields')"
    " WHERE json_extract(value, '$.verdict') NOT IN ('right', 'not_given')),"
    # a queue shift's contacts not handled as expected (it has no form)
    " 'wrong_contacts', (SELECT COUNT(*) FROM json_each(s.result_json, '$.contacts')"
    " WHERE json_array_length(value, '$.reasons') > 0)) END AS result_json"
)


# a trainee's columns, as ``_trainee`` reads them
_TRAINEE = "id, name, language, text_size, group_id, archived, keyboard"


def _trainee(row: sqlite3.Row) -> Trainee:
    return Trainee(
        row["id"],
        row["name"],
        row["language"],
        row["text_size"],
        row["group_id"],
        bool(row["archived"]),
        row["keyboard"],
    )


class StoreError(Said):
    """The store file cannot be used; the message names the file (``path``)."""


class StoreCorrupt(StoreError):
    """SQLite reports the store damaged; it can be moved aside and rebuilt from the journals."""


@dataclass(frozen=True)
class Trainee:
    """Somebody who trains; ``language``: the one a coach chose for them, ``text_size``: the
    one they chose, in percent (None: the app's); ``group_id``: their group (None: none);
    ``archived``: hidden from the pick list and the default filters; ``keyboard``: the
    layout they type on (be, fr, us; None: the usual one for the language)."""

    id: int
    name: str
    language: str | None = None
    text_size: int | None = None
    group_id: int | None = None
    archived: bool = False
    keyboard: str | None = None


@dataclass(frozen=True)
class SessionRow:
    """One session as the lists show it."""

    id: int
    trainee_id: int
    trainee: str
    exercise_id: str
    exercise_title: str
    mode: str
    started_at: str
    status: str
    journal_path: Path
    passed: bool | None
    error_rate: float | None
    unit: str | None
    margin: str | None
    wpm: float | None
    result: dict[str, Any] | None
    ended_at: str | None = None


NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs", "davfs"}
)


def on_network_share(folder: Path, mounts: str | None = None) -> bool:
    """Whether ``folder`` lies on a network file system (Linux: from ``/proc/self/mounts``,
    or ``mounts`` in that format); False when it cannot be told."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    where = folder.resolve()
    best, kind = -1, ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = Path(parts[1].replace("\\040", " "))
        if (where == point or point in where.parents) and len(point.parts) > best:
            best, kind = len(point.parts), parts[2]
    return kind in NETWORK_FILE_SYSTEMS


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def file_sha256(path: Path) -> str:
    """The journal's fingerprint, so a later edit of the file can be noticed."""
    import hashlib  # (OpenSSL's libcrypto: 2 ms, not needed to open the store at start)

    return hashlib.sha256(path.read_bytes()).hexdigest()


class Store(TraineeAdmin, AssessmentAdmin, OutboxAdmin, VerdictAdmin, ExamFileAdmin):
    """The SQLite store. Open one per thread; the app uses it from the GUI thread only."""

    def __init__(self, path: Path, *, file_mode: int = 0o600) -> None:
        """Open (or make) the store; ``file_mode`` for a new file (owner only unless the data
        folder is shared by a group). StoreCorrupt when SQLite finds it damaged."""
        self.path = path
        self.folder = path.parent
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # made with its mode, so it is never readable by all
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, file_mode)
                os.fchmod(fd, file_mode)  # as asked, whatever the umask (a group's folder)
                os.close(fd)
            # a second Simultaan on the same folder may be writing: wait for it, briefly
            self._db = sqlite3.connect(path, timeout=10)
        except OSError as exc:
            said = Message("store_cannot_open", {"path": str(path), "detail": exc.strerror or ""})
            raise StoreError(said) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                Message("store_unusable", {"path": str(path), "detail": str(exc)})
            ) from None
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            # WAL needs memory shared between the processes: one computer only. A folder an
            # exam room shares over the network gets SQLite's rollback journal instead
            mode = "DELETE" if on_network_share(path.parent) else "WAL"
            self._db.execute(f"PRAGMA journal_mode = {mode}")
            checked = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if checked != "ok":
                raise sqlite3.DatabaseError(checked)
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                said = Message("store_too_new", {"path": str(path), "version": int(version)})
                raise StoreError(said)
            if version < SCHEMA_VERSION:  # a new or older store: brought up once, not written
                # at every start (a transaction and its fsync: 4-10 ms); in one transaction,
                # so a crash half-way never leaves a column added under the old version
                steps = "".join(_MIGRATIONS[n] for n in range(version + 1, SCHEMA_VERSION + 1))
                self._db.executescript(
                    f"BEGIN; {steps} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                )
        except sqlite3.DatabaseError as exc:
            self._db.close()
            said = Message("store_damaged", {"path": str(path), "detail": str(exc)})
            raise StoreCorrupt(said) from None

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    # trainees -------------------------------------------------------------------------
    def add_trainee(self, name: str) -> Trainee:
        """A new trainee; the name must be new (case does not count) and not blank."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("empty name")
        try:
            with self._db:
                cur = self._db.execute(
                    "INSERT INTO trainees(name, created_at) VALUES (?, ?)", (name, _now())
                )
        except sqlite3.IntegrityError:
            raise ValueError(f"duplicate name: {name}") from None
        return Trainee(int(cur.lastrowid or 0), name)

    def trainees(self, *, archived: bool = True) -> list[Trainee]:
        """Everybody, by name (``archived=False``: those not archived)."""
        where = "" if archived else "WHERE archived = 0 "
        rows = self._db.execute(
            f"SELECT {_TRAINEE} FROM trainees {where}ORDER BY name COLLATE NOCASE"
        )
        return [_trainee(r) for r in rows]

    def trainee(self, trainee_id: int) -> Trainee | None:
        """One trainee by id."""
        row = self._db.execute(f"SELECT {_TRAINEE} FROM trainees WHERE id = ?", (trainee_id,))
        found = row.fetchone()
        return _trainee(found) if found else None

    def set_trainee_language(self, trainee_id: int, language: str | None) -> None:
        """The language the app speaks while this trainee is chosen (None: the app's own)."""
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"not a language of Simultaan: {language}")
        with self._db:
            self._db.execute(
                "UPDATE trainees SET language = ? WHERE id = ?", (language, trainee_id)
            )

    def set_trainee_text_size(self, trainee_id: int, text_size: int | None) -> None:
        """The text size (percent) while this trainee is chosen (None: the app's own)."""
        if text_size is not None and not 50 <= text_size <= 400:
            raise ValueError(f"not a text size: {text_size}")
        with self._db:
            self._db.execute(
                "UPDATE trainees SET text_size = ? WHERE id = ?", (text_size, trainee_id)
            )

    # sessions -------------------------------------------------------------------------
    def start_session(
        self,
        trainee_id: int,
        exercise_id: str,
        exercise_hash: str,
        exercise_title: str,
        mode: str,
        journal_path: Path,
        started_at: str | None = None,
    ) -> int:
        """Record a session that is starting (or, with ``started_at``, one found on disk that
        started then); returns its id."""
        uid, workstation = session_identity(journal_path)  # (the same when rebuilt from it)
        with self._db:
            cur = self._db.execute(
                "INSERT INTO sessions(trainee_id, exercise_id, exercise_hash, exercise_title,"
                " mode, started_at, status, journal_path, uid, workstation)"
                " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)",
                (
                    trainee_id,
                    exercise_id,
                    exercise_hash,
                    exercise_title,
                    mode,
                    started_at or _now(),
                    self._stored_path(journal_path),
                    uid,
                    workstation,
                ),
            )
        return int(cur.lastrowid or 0)

    def finish_session(
        self, session_id: int, status: str, result: dict[str, Any], ended_at: str | None = None
    ) -> None:
        """Store the result of a session (the JSON of ``SessionResult`` or ``CallResult``: a
        call has no typing figures of its own) and close it (``ended_at``: now, unless given)."""
        typing = result.get("typing") or {}
        row = self.session(session_id)
        if row is None:
            said = Message("store_no_session", {"path": str(self.path), "id": session_id})
            raise StoreError(said)
        ended_at = ended_at or _now()
        with self._db:  # stored and queued for the central store at once, or neither
            self._db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, passed = ?, error_rate = ?,"
                " unit = ?, margin = ?, wpm = ?, result_json = ?, journal_sha256 = ?"
                " WHERE id = ?",
                (
                    status,
                    ended_at,
                    int(bool(result["passed"])),
                    typing.get("error_rate"),
                    typing.get("unit"),
                    str(typing["margin"]) if "margin" in typing else None,
                    typing.get("wpm"),
                    json.dumps(result, ensure_ascii=False),
                    file_sha256(row.journal_path) if row.journal_path.exists() else None,
                    session_id,
                ),
            )
            self._queue(session_id, ended_at)

    def mark_lost(self, session_id: int, reason: str) -> None:
        """Close a session that cannot be recovered, keeping the reason."""
        ended_at = _now()
        with self._db:
            self._db.execute(
                "UPDATE sessions SET status = 'lost', ended_at = ?, result_json = ? WHERE id = ?",
                (ended_at, json.dumps({"lost": reason}, ensure_ascii=False), session_id),
            )
            self._queue(session_id, ended_at)

    def set_journal_path(self, session_id: int, journal_path: Path) -> None:
        """The session's journal moved (saved elsewhere when the disk was full)."""
        with self._db:
            self._db.execute(
                "UPDATE sessions SET journal_path = ? WHERE id = ?",
                (self._stored_path(journal_path), session_id),
            )

    def known_journals(self) -> set[Path]:
        """The journal of every session in the store, as absolute paths."""
        rows = self._db.execute("SELECT journal_path FROM sessions")
        return {self._journal_path(r["journal_path"]) for r in rows}

    def trainee_named(self, name: str) -> Trainee:
        """The trainee with this name (case does not count), made when new."""
        name = " ".join(name.split()) or "?"
        found = self._db.execute(
            f"SELECT {_TRAINEE} FROM trainees WHERE name = ? COLLATE NOCASE", (name,)
        ).fetchone()
        if found:
            return _trainee(found)
        return self.add_trainee(name)

    def _stored_path(self, journal_path: Path) -> str:
        try:
            return str(journal_path.resolve().relative_to(self.folder.resolve()))
        except ValueError:  # elsewhere (saved to another folder): kept as it is
            return str(journal_path)

    def _journal_path(self, stored: str) -> Path:
        path = self.folder / stored  # an absolute stored path stays what it was...
        if Path(stored).is_absolute() and not path.exists():
            # ...unless the data folder moved since an earlier version stored it
            here = self.folder / "journals" / path.parent.name / path.name
            if here.exists():
                return here
        return path

    def session(self, session_id: int) -> SessionRow | None:
        """One session by id."""
        rows = self._select("WHERE s.id = ?", (session_id,))
        return rows[0] if rows else None

    def recent_sessions(self, trainee_id: int, limit: int = 20) -> list[SessionRow]:
        """A trainee's latest ended sessions, newest first."""
        return self._select(
            "WHERE s.trainee_id = ? AND s.status != 'running' ORDER BY s.id DESC LIMIT ?",
            (trainee_id, limit),
        )

    def unfinished_sessions(self) -> list[SessionRow]:
        """Sessions still marked running: the app stopped before they ended."""
        return self._select("WHERE s.status = 'running' ORDER BY s.id", ())

    def sessions(self, chosen: SessionFilter, *, brief: bool = False) -> Iterator[SessionRow]:
        """The sessions the filter selects, oldest first, read as they are used (10,000
        results are not all held at once). ``brief``: each ``result`` holds only what a list
        of sessions shows (``_BRIEF``), picked out by SQLite: the coach's list of 10,000 reads
        in 0.1 s instead of the 0.6 s Python takes to parse every whole result."""
        where, args = chosen.where()
        query = (
            f"SELECT {_BRIEF if brief else 's.*'}, t.name AS trainee"
            " FROM sessions s JOIN trainees t ON t.id = s.trainee_id"
            f" WHERE {where} ORDER BY s.started_at, s.id"
        )
        for row in self._db.execute(query, args):
            yield self._session_row(row)

    def _select(self, where: str, args: tuple[Any, ...]) -> list[SessionRow]:
        query = (
            "SELECT s.*, t.name AS trainee FROM sessions s JOIN trainees t ON t.id = s.trainee_id "
            + where
        )
        return [self._session_row(r) for r in self._db.execute(query, args)]

    def _session_row(self, r: sqlite3.Row) -> SessionRow:
        return SessionRow(
            id=r["id"],
            trainee_id=r["trainee_id"],
            trainee=r["trainee"],
            exercise_id=r["exercise_id"],
            exercise_title=r["exercise_title"],
            mode=r["mode"],
            started_at=r["started_at"],
            status=r["status"],
            journal_path=self._journal_path(r["journal_path"]),
            passed=None if r["passed"] is None else bool(r["passed"]),
            error_rate=r["error_rate"],
            unit=r["unit"],
            margin=r["margin"],
            wpm=r["wpm"],
            result=json.loads(r["result_json"]) if r["result_json"] else None,
            ended_at=r["ended_at"],
        )
