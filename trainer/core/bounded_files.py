"""Reading files a user hands us, within limits: regular files only, never more than we can use.

A FIFO or a device (``/dev/zero``, ``/dev/urandom``) would hang a read or fill the memory, and a
folder or a huge file is a mistake: each is refused at once with a ``FileRefused`` whose ``code``
says why and whose message names the file. The limits are documented in the README
(reliability) and generous for real content.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from trainer.core.messages import Message, Said

KIB = 1024
MIB = 1024 * KIB
# an exercise is a few KiB and the shipped clip manifest 53 KiB; a 100,000-character exam text
# is 0.2 MiB. 1 MiB of YAML parses in about a second even when it is nothing but tiny values
MAX_EXERCISE_BYTES = 1 * MIB
# a reference text or an input stream for `score`: a long exam is 12,000-100,000 characters
MAX_TEXT_BYTES = 8 * MIB
# a journal: about 40 bytes per keystroke, so a 4-hour session at 400 keystrokes a minute is 4 MiB
MAX_JOURNAL_BYTES = 64 * MIB
# a customer clip: ten minutes of 48 kHz stereo 16-bit WAV is 110 MiB
MAX_AUDIO_BYTES = 128 * MIB
# the settings file
MAX_SETTINGS_BYTES = 256 * KIB


class FileRefused(Said):
    """A file we will not read. ``code``: ``missing``, ``folder``, ``not_regular``,
    ``too_large``, ``unreadable``, ``not_text``; ``path``; ``message``: what is wrong, for a
    ``FILE:LINE: message`` line (without the path: the UI words it); ``limit`` (bytes) for
    ``too_large``. ``reason`` is the same in English, for the log and for callers that do not
    word ``message`` yet."""

    def __init__(
        self, path: Path, code: str, reason: str, message: Message, limit: int = 0
    ) -> None:
        super().__init__(message)
        self.args = (f"{path}: {reason}",)
        self.path = path
        self.code = code
        self.reason = reason
        self.limit = limit


def _a(what: str) -> str:
    """``what`` with its article: an exercise file, a reference file."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def _size_words(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size / KIB:.0f} KiB"


def _too_large(size: int | None, limit: int) -> Message:
    """The message for a file over ``limit`` bytes (``size`` when known): in MiB, or in KiB
    for a limit under one MiB."""
    if limit >= MIB:
        values = {"limit": round(limit / MIB, 1)}
        if size is None:
            return Message("file_too_large", values)
        return Message("file_too_large_size", {**values, "size": round(size / MIB, 1)})
    values = {"limit": round(limit / KIB)}
    if size is None:
        return Message("file_too_large_kib", values)
    return Message("file_too_large_size_kib", {**values, "size": round(size / KIB)})


def _unreadable(path: Path, what: str, exc: OSError) -> FileRefused:
    reason = f"cannot read the {what} file: {exc.strerror}"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileRefused(path, "unreadable", reason, Message("file_no_permission"))
    message = Message("file_unreadable", {"detail": str(exc.strerror or exc)})
    return FileRefused(path, "unreadable", reason, message)


def check_regular(path: Path, limit: int, what: str = "file") -> int:
    """The size of ``path`` if it is a regular file of at most ``limit`` bytes; else
    FileRefused (without opening it, so a FIFO cannot block)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = f"no such {what} file"
        raise FileRefused(path, "missing", reason, Message("file_missing")) from None
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    return _check_stat(path, info, limit, what)


def _check_stat(path: Path, info: os.stat_result, limit: int, what: str) -> int:
    if stat.S_ISDIR(info.st_mode):
        reason = f"is a folder, not {_a(what)} file"
        raise FileRefused(path, "folder", reason, Message("file_is_folder"))
    if not stat.S_ISREG(info.st_mode):
        reason = f"not a regular file (a pipe, socket or device), not {_a(what)} file"
        raise FileRefused(path, "not_regular", reason, Message("file_not_regular"))
    if info.st_size > limit:
        reason = (
            f"the {what} file is too large ({_size_words(info.st_size)}; at most "
            f"{_size_words(limit)})"
        )
        raise FileRefused(path, "too_large", reason, _too_large(info.st_size, limit), limit)
    return info.st_size


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or FileRefused naming it."""
    check_regular(path, limit, what)
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, the open
        # returns at once and the fstat below refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    try:
        _check_stat(path, os.fstat(fd), limit, what)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(MIB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    finally:
        os.close(fd)
    if total > limit:  # it grew while we read
        reason = f"the {what} file is too large (at most {_size_words(limit)})"
        raise FileRefused(path, "too_large", reason, _too_large(None, limit), limit)
    return b"".join(chunks)


def read_text(path: Path, limit: int, what: str = "file", *, bom: bool = False) -> str:
    """A UTF-8 text file within ``limit`` bytes (``bom``: a leading byte-order mark is not
    text), or FileRefused naming it; ``code`` ``not_text`` when it is not UTF-8."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (byte {exc.start}: {exc.reason})"
        message = Message("file_not_text", {"byte": exc.start})
        raise FileRefused(path, "not_text", reason, message) from None
