"""Real small filesystems for tests of full and read-only disks: a tmpfs mounted by the test.

Mounting needs root (or CAP_SYS_ADMIN), as the project's tests and CI run; elsewhere the tests
that need it are skipped, saying why.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

FILLER = "filler.bin"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=30, check=False)


@contextmanager
def small_disk(mount_point: Path, size: str = "16m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``mount_point`` for the block's life."""
    mount_point.mkdir(parents=True, exist_ok=True)
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        _run("umount", "--lazy", str(mount_point))  # lazy: a file still open does not block it


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the disk under ``folder`` with one file until at most ``leave`` bytes are free
    (0: until not one more byte fits)."""
    path = folder / FILLER
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    chunk = 1 << 20
    try:
        while chunk:
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            if leave and free - chunk < leave:
                chunk //= 2
                continue
            try:
                os.write(fd, b"\0" * chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                chunk //= 2
    finally:
        os.close(fd)
    return path


def make_room(folder: Path) -> None:
    """Remove what ``fill`` wrote: the space is back."""
    (folder / FILLER).unlink()


def remount(mount_point: Path, mode: str) -> None:
    """Remount ``ro`` or ``rw`` (a read-only folder, as a read-only mount: even root cannot
    write there, unlike a folder without write permission)."""
    done = _run("mount", "-o", f"remount,{mode}", str(mount_point))
    assert done.returncode == 0, done.stderr
