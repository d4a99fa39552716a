"""Writing a session's journal: one writer per session, flushed at once, fsync'ed every second.

Writes are flushed at once (a killed app loses nothing the OS has) and fsync'ed at least every
second (``sync_pending``, called by the app's timer) and at every field commit, so even a
power cut loses at most the last second.

The writer owns its journal: it holds an exclusive lock on the file for as long as it is open.
The lock dies with the process (a crash, ``kill -9``, a power cut release it), so another
Simultaan on the same data folder, on this computer or another one sharing the folder, can tell
a session that is still running (``journal_holder``) from one that was lost.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.journal import EndEvent, FieldEvent, Header, _Event

try:  # POSIX; Linux maps flock onto NFS locks, so it holds on a shared folder too
    import fcntl
except ImportError:  # pragma: no cover - Windows: no ownership lock
    fcntl = None  # type: ignore[assignment]

SYNC_INTERVAL = 1.0


def workstation_name() -> str:
    """This computer's name, as another workstation is told who holds a session."""
    return socket.gethostname() or "?"


class JournalBusyError(Exception):
    """The journal is held by a running session (this or another process)."""


def _lock(fd: int, shared: bool = False) -> bool:
    """Take the file's lock without waiting; False when another open file holds it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def journal_holder(path: Path) -> str | None:
    """The workstation whose running session holds this journal, or None when nobody does
    (the session ended, or the app that ran it is gone). A file that cannot be opened is
    held by nobody."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if _lock(fd, shared=True):
            return None
        first = os.read(fd, 4096).split(b"\n", 1)[0]
        try:
            name = json.loads(first).get("workstation") or "?"
        except (ValueError, AttributeError):
            name = "?"
        return str(name)
    finally:
        os.close(fd)  # also drops the shared lock taken above


def make_folders(folder: Path, mode: int = 0o700) -> None:
    """``mkdir -p`` where every folder made gets ``mode`` (not only the last, as Python's)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        made.mkdir(mode=mode, exist_ok=True)


class SessionClock:
    """Seconds since the session started, on a monotonic clock (never jumps with wall time)."""

    def __init__(self, source: Callable[[], float] = time.perf_counter) -> None:
        self._source = source
        self._zero = source()
        self._paused_at: float | None = None

    def now(self) -> float:
        """Seconds since the clock was made, not counting the time it stood still."""
        at = self._source() if self._paused_at is None else self._paused_at
        return at - self._zero

    @property
    def paused(self) -> bool:
        """Whether the clock stands still."""
        return self._paused_at is not None

    def pause(self) -> None:
        """Stop the clock (a call waiting for its headset): ``now`` stays where it is."""
        if self._paused_at is None:
            self._paused_at = self._source()

    def resume(self) -> None:
        """Run on from where it stopped: the pause is not counted."""
        if self._paused_at is not None:
            self._zero += self._source() - self._paused_at
            self._paused_at = None


class JournalWriter:
    """Appends events to a journal file; owned by one thread (the GUI thread in the app)."""

    def __init__(
        self, path: Path, header: Header, *, file_mode: int = 0o600, dir_mode: int = 0o700
    ) -> None:
        """Create the journal (never over an existing one) and write its header. The file is
        readable by its owner only unless ``file_mode`` says otherwise (a shared exam room)."""
        make_folders(path.parent, dir_mode)
        self.path = path
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, file_mode)
        if not _lock(fd):  # a new file: nobody else can hold it, unless made by another
            os.close(fd)
            raise JournalBusyError(f"{path}: held by another session")
        self._file = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - kept open
        self._dirty = False
        self._last_sync = time.monotonic()
        self._write_line(header.model_dump(mode="json"))
        self.sync()

    def _write_line(self, data: dict[str, Any]) -> None:
        self._file.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._file.flush()
        self._dirty = True

    def write(self, event: _Event) -> None:
        """Append one event (flushed at once, fsync'ed within a second; a field commit at once)."""
        self._write_line(event.model_dump(mode="json", exclude_none=True))
        if isinstance(event, FieldEvent):
            self.sync()
        else:
            self.sync_if_due()

    def sync_if_due(self) -> None:
        """fsync when something is unsynced and the last fsync is a second old."""
        if self._dirty and time.monotonic() - self._last_sync >= SYNC_INTERVAL:
            self.sync()

    def sync_pending(self) -> None:
        """fsync if anything is unsynced; the app calls this every second."""
        if self._dirty:
            self.sync()

    def sync(self) -> None:
        """fsync now (at field commits and at the end)."""
        if self._file.closed:
            return
        os.fsync(self._file.fileno())
        self._dirty = False
        self._last_sync = time.monotonic()

    def close(self, end: EndEvent | None = None) -> None:
        """Write the end event (if given), fsync and close. Safe to call twice."""
        if self._file.closed:
            return
        if end is not None:
            self._write_line(end.model_dump(mode="json", exclude_none=True))
        self.sync()
        self._file.close()

    @property
    def closed(self) -> bool:
        """True once ``close`` ran."""
        return self._file.closed
