"""Reading files a user hands us, within limits: regular files only, never more than we can use.

A FIFO or a device (``/dev/zero``, ``/dev/urandom``) would hang a read or fill the memory, and a
folder or a huge file is a mistake: each is refused at once with a ``FileRefused`` whose ``code``
says why and whose message names the file. The limits are documented in the README
(reliability) and generous for real content.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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


class FileRefused(Exception):
    """A file we will not read. ``code``: ``missing``, ``folder``, ``not_regular``,
    ``too_large``, ``unreadable``, ``not_text``; ``path``; ``reason``: the message without the
    path (for a ``FILE:LINE: reason`` line); ``limit`` (bytes) for ``too_large``."""

    def __init__(self, path: Path, code: str, message: str, limit: int = 0) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.code = code
        self.reason = message
        self.limit = limit


def _a(what: str) -> str:
    """``what`` with its article: an exercise file, a reference file."""
    return f"{'an' if what[:1].lower() in 'aeiou' else 'a'} {what}"


def _size_words(size: int) -> str:
    return f"{size / MIB:.1f} MiB" if size >= MIB else f"{size / KIB:.0f} KiB"


def check_regular(path: Path, limit: int, what: str = "file") -> int:
    """The size of ``path`` if it is a regular file of at most ``limit`` bytes; else
    FileRefused (without opening it, so a FIFO cannot block)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(path, "missing", f"no such {what} file") from None
    except OSError as exc:
        raise FileRefused(
            path, "unreadable", f"cannot read the {what} file: {exc.strerror}"
        ) from None
    return _check_stat(path, info, limit, what)


def _check_stat(path: Path, info: os.stat_result, limit: int, what: str) -> int:
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(path, "folder", f"is a folder, not {_a(what)} file")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            path,
            "not_regular",
            f"not a regular file (a pipe, socket or device), not {_a(what)} file",
        )
    if info.st_size > limit:
        raise FileRefused(
            path,
            "too_large",
            f"the {what} file is too large ({_size_words(info.st_size)}; at most "
            f"{_size_words(limit)})",
            limit,
        )
    return info.st_size


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or FileRefused naming it."""
    check_regular(path, limit, what)
    try:
        # O_NONBLOCK: should the file have been swapped for a FIFO since the check, the open
        # returns at once and the fstat below refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise FileRefused(
            path, "unreadable", f"cannot read the {what} file: {exc.strerror}"
        ) from None
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
        raise FileRefused(
            path, "unreadable", f"cannot read the {what} file: {exc.strerror}"
        ) from None
    finally:
        os.close(fd)
    if total > limit:  # it grew while we read
        raise FileRefused(
            path, "too_large", f"the {what} file is too large (at most {_size_words(limit)})", limit
        )
    return b"".join(chunks)


def read_text(path: Path, limit: int, what: str = "file", *, bom: bool = False) -> str:
    """A UTF-8 text file within ``limit`` bytes (``bom``: a leading byte-order mark is not
    text), or FileRefused naming it; ``code`` ``not_text`` when it is not UTF-8."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            path, "not_text", f"not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
