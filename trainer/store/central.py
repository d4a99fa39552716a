"""The central store: one PostgreSQL database that the results of every workstation go to.

Used by the uploader's thread only (``trainer.store.upload``), never on the GUI thread: a
server far away or gone must never hold up a keystroke. A result is written by its session's
uid with an upsert, so sending it again (after a crash between the server's commit and the
outbox's delete, or from two workstations sharing a data folder) leaves it there once.

What goes wrong is said as a ``Message`` naming the server (host, port and database, never the
password): a URL that is not one, a server that cannot be reached, a password or user refused,
a database that does not exist.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from trainer.core.messages import Message, Said
from trainer.store.exam_files import ExamFile

# of the central database's tables (its own numbering, not the local one); 2: the exams'
# files, the evaluators' verdicts and the workstations' heartbeats (trainer/store/central_exams);
# 3: an exam's files and verdicts known by the workstation too, so two workstations given the
# same candidate number for one package never overwrite each other's
SCHEMA_VERSION = 3

# Taken by whoever creates the tables, so thirty workstations starting at once do not race
# (CREATE TABLE IF NOT EXISTS alone can fail on a concurrent create). Any fixed number.
_SCHEMA_LOCK = 0x53494D55

# schema 2 -> 3: the keys with the workstation (a file or verdict already there keeps its own)
_TO_3 = """
ALTER TABLE simultaan_exam_files DROP CONSTRAINT IF EXISTS simultaan_exam_files_pkey;
ALTER TABLE simultaan_exam_files ADD PRIMARY KEY (exam, workstation, name);
ALTER TABLE simultaan_verdicts ADD COLUMN IF NOT EXISTS workstation text NOT NULL DEFAULT '';
ALTER TABLE simultaan_verdicts DROP CONSTRAINT IF EXISTS simultaan_verdicts_pkey;
ALTER TABLE simultaan_verdicts ADD PRIMARY KEY (exam, workstation, seat);
"""

_TABLES = """
CREATE TABLE IF NOT EXISTS simultaan_schema (version integer NOT NULL);
CREATE TABLE IF NOT EXISTS simultaan_results (
    uid             text PRIMARY KEY,
    workstation     text NOT NULL,
    trainee         text NOT NULL,
    exercise_id     text NOT NULL,
    exercise_hash   text NOT NULL,
    exercise_title  text NOT NULL,
    mode            text NOT NULL,
    started_at      timestamptz NOT NULL,
    ended_at        timestamptz,
    status          text NOT NULL,
    passed          boolean,
    error_rate      double precision,
    unit            text,
    margin          text,
    wpm             double precision,
    journal         text NOT NULL,
    journal_sha256  text,
    result          jsonb,
    uploaded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS simultaan_results_by_trainee
    ON simultaan_results (trainee, started_at);
CREATE TABLE IF NOT EXISTS simultaan_exam_files (
    exam            text NOT NULL,
    name            text NOT NULL,
    workstation     text NOT NULL,
    content         bytea NOT NULL,
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (exam, workstation, name)
);
CREATE TABLE IF NOT EXISTS simultaan_verdicts (
    exam            text NOT NULL,
    workstation     text NOT NULL DEFAULT '',
    seat            integer NOT NULL,
    evaluator       text NOT NULL,
    passed          boolean NOT NULL,
    comment         text NOT NULL,
    saved_at        text NOT NULL,
    signed_at       text NOT NULL,
    PRIMARY KEY (exam, workstation, seat)
);
CREATE TABLE IF NOT EXISTS simultaan_workstations (
    workstation     text PRIMARY KEY,
    status          jsonb NOT NULL,
    updated_at      timestamptz NOT NULL,
    heard_at        timestamptz NOT NULL DEFAULT now()
);
"""

_COLUMNS = (
    "uid, workstation, trainee, exercise_id, exercise_hash, exercise_title, mode, started_at,"
    " ended_at, status, passed, error_rate, unit, margin, wpm, journal, journal_sha256, result"
)
_UPSERT = (
    f"INSERT INTO simultaan_results ({_COLUMNS}) VALUES ("
    + ", ".join(["%s"] * 17 + ["%s::jsonb"])  # (the result: the store's JSON text, as is)
    + ") ON CONFLICT (uid) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS.replace(" ", "").split(",") if c != "uid")
    + ", uploaded_at = now()"
)

# libpq's options: give up a connection soon (the uploader tries again), and notice a network
# that went away in seconds instead of the system's two hours
_TIMEOUTS = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 3,
    "keepalives_count": 3,
    "tcp_user_timeout": 20_000,  # ms: data sent and never acknowledged (a cable pulled)
    "application_name": "simultaan",
}


class CentralError(Said):
    """The central store cannot be used now; the message names the server."""


def _hide_password(url: str) -> str:
    """The URL as it may be shown: a password in it as ***."""
    url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", url)


def server_name(url: str) -> str:
    """The server as a person names it: ``host:port/database`` (never the password).
    CentralError when ``url`` is no database URL."""
    if not url.strip().startswith(("postgresql://", "postgres://")) and "=" not in url:
        raise CentralError(Message("central_bad_url", {"url": _hide_password(url)}))
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise CentralError(Message("central_bad_url", {"url": _hide_password(url)})) from None
    host = str(parts.get("host") or "localhost")
    port = str(parts.get("port") or "5432")
    return f"{host}:{port}/{parts.get('dbname') or parts.get('user') or ''}"


def _first_line(text: str) -> str:
    """libpq's message without psycopg's prefix and libpq's hints on further lines."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"^connection (failed|is bad): ", "", line)


def _connect_problem(server: str, user: str, exc: psycopg.Error) -> Message:
    detail = _first_line(str(exc))
    if "password" in detail or "authentication" in detail or re.search(r"role .* not", detail):
        return Message("central_refused", {"server": server, "user": user, "detail": detail})
    if re.search(r'database ".*" does not exist', detail):
        return Message("central_no_database", {"server": server, "detail": detail})
    return Message("central_unreachable", {"server": server, "detail": detail})


class CentralStore:
    """A connection to the central store; one thread at a time (the uploader's)."""

    def __init__(self, url: str) -> None:
        """Connect, and make the tables when the database has none yet. CentralError when
        the URL, the server, the user or the database is not right."""
        self.server = server_name(url)
        user = str(conninfo_to_dict(url).get("user") or "")
        try:
            self._db = psycopg.connect(url, **_TIMEOUTS)  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise CentralError(_connect_problem(self.server, user, exc)) from None
        try:
            self._make_tables()
        except psycopg.Error as exc:
            self.close()
            raise self._problem(exc) from None

    def _make_tables(self) -> None:
        # a commit is only taken out of the outbox once it is on the server's disk: a server
        # set to acknowledge commits before that would lose results when it crashes
        with self._db.transaction():  # (a SET outside one would open one never committed)
            self._db.execute("SET synchronous_commit = on")
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self._db.execute(_TABLES)
            row = self._db.execute("SELECT max(version) FROM simultaan_schema").fetchone()
            version = row[0] if row else None
            if version is None:
                self._db.execute(
                    "INSERT INTO simultaan_schema (version) VALUES (%s)", (SCHEMA_VERSION,)
                )
            elif version > SCHEMA_VERSION:
                said = Message("central_too_new", {"server": self.server, "version": int(version)})
                raise CentralError(said)
            elif version < SCHEMA_VERSION:  # (the tables it lacked are made above)
                if version == 2:
                    self._db.execute(_TO_3)
                self._db.execute("UPDATE simultaan_schema SET version = %s", (SCHEMA_VERSION,))

    def _problem(self, exc: psycopg.Error) -> CentralError:
        """A problem met while connected: the connection lost, or the server refusing."""
        detail = _first_line(str(exc))
        if isinstance(exc, psycopg.OperationalError) or self._db.closed or self._db.broken:
            return CentralError(Message("central_lost", {"server": self.server, "detail": detail}))
        return CentralError(
            Message("central_refused_write", {"server": self.server, "detail": detail})
        )

    def put(self, results: Sequence[dict[str, Any]]) -> None:
        """Write these results (as ``Store.outbox`` gives them) in one transaction: all or
        none. A result already there is replaced by this one. CentralError when it failed."""
        rows = [tuple(_json_text(r[c]) if c == "result" else r[c] for c in _KEYS) for r in results]
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                cursor.executemany(_UPSERT, rows)
        except psycopg.Error as exc:
            raise self._problem(exc) from None

    def put_files(self, files: Sequence[ExamFile]) -> None:
        """Write exam files (``Store.file_outbox``) in one transaction, each by its exam and
        name (sent again: written once). A sign-off's verdicts go into their table with it.
        CentralError when it failed."""
        rows = [(f.exam, f.name, f.workstation, f.content) for f in files]
        # (a sign-off's verdicts are the exam's: known by the workstation its parts came from)
        verdicts = [v for f in files if f.name == SIGNOFF for v in _verdict_rows(f)]
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                cursor.executemany(_UPSERT_FILE, rows)
                if verdicts:
                    cursor.executemany(_UPSERT_VERDICT, verdicts)
        except psycopg.Error as exc:
            raise self._problem(exc) from None

    def put_statuses(self, statuses: Sequence[tuple[str, str, str]]) -> None:
        """Workstations' heartbeats: (workstation, status as JSON, its updated_at); an older
        one than the server holds (another workstation's copy of a shared folder) is left."""
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                cursor.executemany(_UPSERT_STATUS, statuses)
        except psycopg.Error as exc:
            raise self._problem(exc) from None

    def statuses(self) -> list[tuple[dict[str, Any], str]]:
        """Every workstation's last heartbeat (its status, and when the server heard it, ISO
        8601 UTC), by name."""
        return [
            (status, heard.isoformat(timespec="seconds"))
            for status, heard in self._read(
                "SELECT status, heard_at FROM simultaan_workstations ORDER BY workstation"
            )
        ]

    def exam_file_digests(self) -> list[tuple[str, str, str, str]]:
        """(exam, workstation, name, SHA-256 of the bytes as the server holds them) of every
        exam file: computed by the server, so bytes changed there are seen."""
        return [
            (str(exam), str(workstation), str(name), str(digest))
            for exam, workstation, name, digest in self._read(
                "SELECT exam, workstation, name, encode(sha256(content), 'hex')"
                " FROM simultaan_exam_files"
            )
        ]

    def exam_file_names(self, exams: Sequence[str]) -> set[tuple[str, str, str]]:
        """(exam, workstation, name) of the files the server holds for these exams."""
        query = "SELECT exam, workstation, name FROM simultaan_exam_files WHERE exam = ANY(%s)"
        return {(str(e), str(w), str(n)) for e, w, n in self._read(query, (list(exams),))}

    def exam_file(self, exam: str, workstation: str, name: str) -> bytes | None:
        """One exam file's bytes (None: not there)."""
        rows = self._read(
            "SELECT content FROM simultaan_exam_files"
            " WHERE exam = %s AND workstation = %s AND name = %s",
            (exam, workstation, name),
        )
        return bytes(rows[0][0]) if rows else None

    def candidate_elsewhere(self, exam: str, station: str) -> list[str]:
        """The other workstations than ``station`` (this one's enrolled name) that hold the
        exam ``PACKAGE/CANDIDATE``: its files sent, or their last heartbeat at it (a screen
        open at check-in or later), by name."""
        package, _, candidate = exam.partition("/")
        query = (
            "SELECT workstation FROM simultaan_exam_files WHERE exam = %s AND workstation <> %s"
            " UNION SELECT workstation FROM simultaan_workstations"
            " WHERE status->>'package' = %s AND status->>'candidate' = %s AND workstation <> %s"
            " ORDER BY 1"
        )
        rows = self._read(query, (exam, station, package, candidate, station))
        return [str(row[0]) for row in rows]

    def exam_results(self) -> list[dict[str, Any]]:
        """The exam sessions' results (``mode = 'exam'``), each as a dict of its columns."""
        query = f"SELECT {', '.join(_KEYS)} FROM simultaan_results WHERE mode = 'exam'"
        return [dict(zip(_KEYS, row, strict=True)) for row in self._read(query)]

    def _read(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._db.transaction():
                return self._db.execute(query, params).fetchall()
        except psycopg.Error as exc:
            raise self._problem(exc) from None

    def close(self) -> None:
        """Let the connection go (it may already be gone)."""
        with contextlib.suppress(psycopg.Error):
            self._db.close()


_KEYS = tuple(_COLUMNS.replace(" ", "").split(","))
SIGNOFF = "signoff.json"  # (trainer.store.exam_sheet's name; not imported: no seals here)

_UPSERT_FILE = (
    "INSERT INTO simultaan_exam_files (exam, name, workstation, content) VALUES (%s, %s, %s, %s)"
    " ON CONFLICT (exam, workstation, name) DO UPDATE SET"
    " content = excluded.content, uploaded_at = now()"
)
_UPSERT_VERDICT = (
    "INSERT INTO simultaan_verdicts"
    " (exam, workstation, seat, evaluator, passed, comment, saved_at, signed_at)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (exam, workstation, seat) DO UPDATE SET"
    " evaluator = excluded.evaluator, passed = excluded.passed, comment = excluded.comment,"
    " saved_at = excluded.saved_at, signed_at = excluded.signed_at"
)
_UPSERT_STATUS = (
    "INSERT INTO simultaan_workstations (workstation, status, updated_at)"
    " VALUES (%s, %s::jsonb, %s) ON CONFLICT (workstation) DO UPDATE SET"
    " status = excluded.status, updated_at = excluded.updated_at, heard_at = now()"
    " WHERE simultaan_workstations.updated_at <= excluded.updated_at"
)


def _verdict_rows(signoff: ExamFile) -> list[tuple[Any, ...]]:
    """A sign-off's two verdicts as rows (none when it does not read: the file itself still
    goes up, its seal says what it is worth)."""
    import json

    try:
        body = json.loads(signoff.content)
        return [
            (signoff.exam, signoff.workstation, int(v["seat"]), str(v["evaluator"]),
             bool(v["passed"]),
             str(v.get("comment", "")), str(v.get("saved_at", "")), str(body["signed_at"]))
            for v in body["verdicts"]
        ]  # fmt: skip
    except (ValueError, KeyError, TypeError):
        return []


def _json_text(text: str | None) -> str | None:
    """A stored result as PostgreSQL's JSON takes it: Python writes a float that is not a
    number as NaN or Infinity, which JSON has not, and one such result would hold up every
    result after it. Those become null (a figure that could not be computed)."""
    if text is None or ("NaN" not in text and "Infinity" not in text):
        return text
    import json
    import math

    def clean(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(json.loads(text)), ensure_ascii=False)
