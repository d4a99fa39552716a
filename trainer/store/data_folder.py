"""Can the data folder take a session's journal? Asked before a session starts.

A session whose journal cannot be written stops at once (see ``journal_writer``), but a folder
that is missing, read-only or full is better said before anybody types. The check makes the
folder when it can, writes and removes a small probe file (the only sure test of writability:
permission bits do not tell root, a read-only mount or a quota), and asks for free space for a
long session's journal and its store row. Codes and numbers only; the UI says them in words.
"""

from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from trainer.core.journal_writer import make_folders

# An hour of fast typing journals under 1 MiB; the rest is room for the store and the end.
MIN_FREE_BYTES = 8 * 1024 * 1024
PROBE_BYTES = 4096
PROBE_NAME = ".simultaan-probe"

Problem = Literal["", "missing", "not_a_folder", "read_only", "no_space", "unwritable"]


@dataclass(frozen=True)
class FolderCheck:
    """What the check found: ``problem`` is "" when the folder can take a session."""

    folder: Path
    problem: Problem
    free_bytes: int = 0
    needed_bytes: int = MIN_FREE_BYTES
    errno: int = 0

    @property
    def ok(self) -> bool:
        """True when a session can start."""
        return not self.problem


def _problem_of(code: int) -> Problem:
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "no_space"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "unwritable"


def check_data_folder(folder: Path, needed_bytes: int = MIN_FREE_BYTES) -> FolderCheck:
    """Whether ``folder`` can take a session's journal; makes it when it is missing."""
    try:
        make_folders(folder)
    except OSError as exc:
        code = exc.errno or errno.EIO
        problem: Problem = "not_a_folder" if code in (errno.EEXIST, errno.ENOTDIR) else "missing"
        return FolderCheck(folder, problem, needed_bytes=needed_bytes, errno=code)
    if not folder.is_dir():
        return FolderCheck(folder, "not_a_folder", needed_bytes=needed_bytes, errno=errno.ENOTDIR)
    probe = folder / f"{PROBE_NAME}-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            os.write(fd, b"\0" * PROBE_BYTES)
            os.fsync(fd)
        finally:
            os.close(fd)
            probe.unlink(missing_ok=True)
    except OSError as exc:
        code = exc.errno or errno.EIO
        free = _free(folder)
        return FolderCheck(folder, _problem_of(code), free, needed_bytes, code)
    free = _free(folder)
    if free < needed_bytes:
        return FolderCheck(folder, "no_space", free, needed_bytes, errno.ENOSPC)
    return FolderCheck(folder, "", free, needed_bytes)


def _free(folder: Path) -> int:
    """Bytes this user may still write there (0 when the system does not say)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0
