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

SCHEMA_VERSION = 1  # of the central database's tables (its own numbering, not the local one)

# Taken by whoever creates the tables, so thirty workstations starting at once do not race
# (CREATE TABLE IF NOT EXISTS alone can fail on a concurrent create). Any fixed number.
_SCHEMA_LOCK = 0x53494D55

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

    def close(self) -> None:
        """Let the connection go (it may already be gone)."""
        with contextlib.suppress(psycopg.Error):
            self._db.close()


_KEYS = tuple(_COLUMNS.replace(" ", "").split(","))


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
