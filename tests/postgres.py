"""A throw-away PostgreSQL server for the central store's tests: Debian's package (installed by
scripts/setup.sh), a cluster made with ``initdb`` in a temporary folder and started with
``pg_ctl``, listening only on a Unix socket in that folder (no port for another run to take).

The server refuses to run as root, and the tests run as root on CI: it then runs as the
``postgres`` user the package made (or ``nobody``), owning its folder. One server serves the
whole test session (``postgres_server``, about a second to start); each test gets a database
of its own (``central_url``). Its password is checked (scram-sha-256), so a wrong one is refused
as on a real server.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

USER = "simultaan"
PASSWORD = "correct horse"
PORT = 5432  # only names the socket file (.s.PGSQL.5432) in the server's own folder


def _binaries() -> Path | None:
    """Debian's folder of the newest PostgreSQL's programs (None: not installed)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _runner() -> list[str]:
    """How to run the server's programs: as ourselves, or as a user that is not root."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
    pytest.fail("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


class PostgresServer:
    """One server in a temporary folder; ``url(database)`` names a database on it."""

    def __init__(self) -> None:
        bin_dir = _binaries()
        if bin_dir is None:
            pytest.skip("PostgreSQL is not installed (./run-tests installs Debian's postgresql)")
        self.bin = bin_dir
        self.run_as = _runner()
        self.folder = Path(tempfile.mkdtemp(prefix="simultaan-pg-"))
        self.data = self.folder / "data"
        owner = self.run_as[2] if self.run_as else None
        if owner:
            shutil.chown(self.folder, owner)
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        if owner:
            shutil.chown(password_file, owner)
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, f"--pwfile={password_file}",
            "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        password_file.unlink()
        self._names = itertools.count(1)
        self.start()

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self.run_as, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )

    def start(self) -> None:
        """Start the server (again) and wait until it takes connections."""
        # no TCP, the socket in our folder; fsync off: a test's server never meets a power
        # cut. Commits acknowledged before their WAL is written (synchronous_commit off) as a
        # careless server's setting: the central store's connection turns it on for itself
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.folder} -p {PORT}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def running(self) -> bool:
        """Whether the server is up (pg_ctl status: 0 running, 3 not)."""
        status = [*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), "status"]
        return subprocess.run(status, stdout=subprocess.DEVNULL, check=False).returncode == 0

    def stop(self) -> None:
        """Stop the server at once, as a network cut or a crash would end the connections."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        """A database URL for ``database`` on this server (with ``password``)."""
        from urllib.parse import quote

        return f"postgresql://{USER}:{quote(password)}@/{database}?host={self.folder}&port={PORT}"

    def new_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        name = f"room_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def close(self) -> None:
        """Stop the server and remove its folder."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole test session."""
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture
def central_url(postgres_server: PostgresServer) -> str:
    """The URL of an empty central store of this test's own, on a running server."""
    if not postgres_server.running():
        postgres_server.start()  # (a test before may have stopped it and failed)
    return postgres_server.new_database()
