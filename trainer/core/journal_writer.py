"""Writing a session's journal: one writer per session, flushed at once, fsync'ed every second.

Writes are flushed at once (a killed app loses nothing the OS has) and fsync'ed at least every
second (``sync_pending``, called by the app's timer) and at every field commit, so even a
power cut loses at most the last second.

The writer owns its journal: it holds an exclusive lock on the file for as long as it is open.
The lock dies with the process (a crash, ``kill -9``, a power cut release it), so another
Simultaan on the same data folder, on this computer or another one sharing the folder, can tell
a session that is still running (``journal_holder``) from one that was lost.

A write that fails (a full disk, an I/O error, a folder gone read-only) loses nothing: what was
not written waits in memory, the file never keeps a torn line before later ones, and the owner
is told (``JournalWriteError``, with the errno) until ``retry`` or ``move_to`` writes it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from trainer.core.journal import EndEvent, FieldEvent, Header, _Event
from trainer.core.messages import Message, Said

try:  # POSIX; Linux maps flock onto NFS locks, so it holds on a shared folder too
    import fcntl
except ImportError:  # pragma: no cover - Windows: no ownership lock
    fcntl = None  # type: ignore[assignment]

SYNC_INTERVAL = 1.0


def workstation_name() -> str:
    """This computer's name, as another workstation is told who holds a session."""
    return socket.gethostname() or "?"


class JournalBusyError(Said):
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
        made.chmod(mode)  # as asked, whatever the umask (an exam room's group must write)


def _write_all(fd: int, data: bytes, offset: int) -> None:
    """Write ``data`` at ``offset``; a short write is not an error: the rest is written."""
    done = 0
    while done < len(data):
        done += os.pwrite(fd, data[done:], offset + done)


class SessionClock:
    """Seconds since the session started, on a monotonic clock (never jumps with wall time)."""

    def __init__(self, source: Callable[[], float] = time.perf_counter, at: float = 0.0) -> None:
        """``at``: the seconds it starts from (a part gone on with after a crash)."""
        self._source = source
        self._zero = source() - at
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


class JournalWriteError(OSError):
    """The journal could not be written (``errno``: ENOSPC, EIO, EROFS...; ``filename``: the
    journal). Nothing is lost: what was not written waits in memory until ``retry`` or
    ``move_to`` works."""

    @property
    def code(self) -> str:
        """The errno's name, such as ``ENOSPC`` (what the UI turns into words)."""
        return errno.errorcode.get(self.errno or 0, "EIO")


def _write_error(exc: OSError, path: Path) -> JournalWriteError:
    code = exc.errno or errno.EIO
    return JournalWriteError(code, os.strerror(code), str(path))


class JournalWriter:
    """Appends events to a journal file; owned by one thread (the GUI thread in the app).

    A line counts as written once all its bytes are in the file, and as safe once an fsync
    after it worked. Until then it is kept in memory: when a write or an fsync fails, the file
    is cut back to its last safe line (no torn line is ever left before later ones), the lines
    wait, and every later call that needs the disk raises the same ``JournalWriteError`` until
    ``retry`` (same file) or ``move_to`` (another folder) writes them.
    """

    def __init__(
        self, path: Path, header: Header, *, file_mode: int = 0o600, dir_mode: int = 0o700
    ) -> None:
        """Create the journal (never over an existing one) and write its header. The file is
        readable by its owner only unless ``file_mode`` says otherwise (a shared exam room).
        OSError when the file cannot be made; JournalWriteError (and no file) when its header
        cannot be written."""
        make_folders(path.parent, dir_mode)
        self._file_mode = file_mode
        self._dir_mode = dir_mode
        self.path = path
        self._fd = self._create(path)
        self._closed = False
        self._safe_size = 0  # bytes up to the last line an fsync has made safe
        self._unsynced: list[bytes] = []  # lines written since, kept until an fsync works
        self._unsynced_bytes = 0  # their length: counted, not summed at every keystroke
        self._pending: list[bytes] = []  # lines not written yet
        self.error: JournalWriteError | None = None
        self._last_sync = time.monotonic()
        self._pending.append(_line(header.model_dump(mode="json")))
        try:
            self._drain()
            self.sync()
        except JournalWriteError:
            self._discard()
            raise

    def _create(self, path: Path) -> int:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, self._file_mode)
        os.fchmod(fd, self._file_mode)  # the umask must not take the group's access away
        if not _lock(fd):  # a new file: nobody else can hold it, unless made by another
            os.close(fd)
            raise JournalBusyError(Message("journal_busy", {"path": str(path)}))
        return fd

    def _discard(self) -> None:
        """Give up a journal that never got its header: nothing of the session is in it."""
        os.close(self._fd)
        self._closed = True
        # silent on purpose: an empty file without a header is never taken for a session
        # (start-up recovery passes it by), and the write error that got here is raised next
        with contextlib.suppress(OSError):
            self.path.unlink()

    # writing ----------------------------------------------------------------------------
    def _written_size(self) -> int:
        return self._safe_size + self._unsynced_bytes

    def _drain(self) -> None:
        """Write every pending line after the last complete one; on failure cut the file back
        to it (best effort: ``retry`` cuts again) and raise."""
        while self._pending:
            line = self._pending[0]
            offset = self._written_size()
            try:
                _write_all(self._fd, line, offset)
            except OSError as exc:
                self._fail(exc)
            self._unsynced.append(self._pending.pop(0))
            self._unsynced_bytes += len(line)

    def _fail(self, exc: OSError, *, unsafe: bool = False) -> NoReturn:
        """Cut the file back to its last complete line (``unsafe``: to its last fsync'ed one,
        after a failed fsync, whose pages the kernel may have dropped); everything after it
        waits in memory."""
        if unsafe:
            self._pending[:0] = self._unsynced
            self._unsynced = []
            self._unsynced_bytes = 0
        with contextlib.suppress(OSError):  # best effort now; ``retry`` cuts again
            os.ftruncate(self._fd, self._written_size())
        self.error = _write_error(exc, self.path)
        raise self.error

    def write(self, event: _Event) -> None:
        """Append one event (written at once, fsync'ed within a second; a field commit at
        once). While a write problem lasts, the event waits in memory and the problem is
        raised again."""
        self._pending.append(_line(event.model_dump(mode="json", exclude_none=True)))
        self._check()
        self._drain()
        if isinstance(event, FieldEvent):
            self.sync()
        else:
            self.sync_if_due()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def sync_if_due(self) -> None:
        """fsync when something is unsynced and the last fsync is a second old."""
        if self._unsynced and time.monotonic() - self._last_sync >= SYNC_INTERVAL:
            self.sync()

    def sync_pending(self) -> None:
        """fsync if anything is unsynced; the app calls this every second."""
        if self._unsynced or self.error is not None:
            self.sync()

    def sync(self) -> None:
        """fsync now (at field commits and at the end)."""
        if self._closed:
            return
        self._check()
        try:
            os.fsync(self._fd)
        except OSError as exc:  # the kernel may have dropped those pages: write them again
            self._fail(exc, unsafe=True)
        self._safe_size = self._written_size()
        self._unsynced = []
        self._unsynced_bytes = 0
        self._last_sync = time.monotonic()

    # after a write problem ----------------------------------------------------------------
    @property
    def waiting(self) -> int:
        """Lines not in the file yet, kept in memory until a write works."""
        return len(self._pending)

    def retry(self) -> None:
        """Write what waits to the same file again; JournalWriteError while it still fails."""
        if self._closed:
            return
        self.error = None
        try:
            os.ftruncate(self._fd, self._written_size())  # a torn line of the failed write goes
        except OSError as exc:
            self._fail(exc)
        self._drain()
        self.sync()

    def move_to(self, folder: Path) -> Path:
        """Save the journal in another folder and go on writing there: the new file holds
        everything (what was safe on disk and what waited), locked as the first one was; the
        first file is left as it is, for the caller to remove once nothing refers to it.
        Returns the new path; JournalWriteError (naming the new file) when it cannot be
        written there, and then nothing changed."""
        target = folder / self.path.name
        size = self._written_size()
        try:
            written = os.pread(self._fd, size, 0)
            if len(written) != size:
                raise OSError(errno.EIO, "short read")
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        data = written + b"".join(self._pending)
        try:
            make_folders(folder, self._dir_mode)
            fd = self._create(target)
        except OSError as exc:
            raise _write_error(exc, target) from None
        try:
            _write_all(fd, data, 0)
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                target.unlink()
            raise _write_error(exc, target) from None
        os.close(self._fd)  # drops the first file's lock: it is a copy of the start now
        self._fd = fd
        self.path = target
        self._safe_size = len(data)
        self._unsynced = []
        self._unsynced_bytes = 0
        self._pending = []
        self.error = None
        self._last_sync = time.monotonic()
        return target

    def close(self, end: EndEvent | None = None) -> None:
        """Write the end event (if given), fsync and close. Safe to call twice. After a write
        problem it tries once more; while that fails the end waits with the rest (raised), and
        ``retry`` or ``move_to`` and then ``close()`` finish the job."""
        if self._closed:
            return
        if end is not None:
            self._pending.append(_line(end.model_dump(mode="json", exclude_none=True)))
        if self.error is not None:
            self.retry()  # once more, as the session ends; raises while it still fails
        self._drain()
        self.sync()
        os.close(self._fd)
        self._closed = True

    @property
    def closed(self) -> bool:
        """True once ``close`` ran."""
        return self._closed


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
