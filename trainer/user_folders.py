"""Simultaan's per-user folders (its data and its cache) where platformdirs puts them, found
without importing platformdirs on Linux: that import costs a start about 2 ms before the first
frame, and the start's file reader (:mod:`trainer.startup_files`) runs before anything else is
imported. So only ``os``, ``sys``, ``typing`` and what they load (``stat``, ``contextlib``) here.

On Linux platformdirs follows the XDG rule: ``$XDG_DATA_HOME`` or ``$XDG_CACHE_HOME`` when it is
an absolute path, else a folder below an absolute ``$HOME``. That rule is followed here; where it
does not decide (another system, Android, no absolute ``$HOME``) platformdirs is asked.
``tests/core/test_user_folders.py`` compares both answers, so a platformdirs that changes its
rule is seen.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from typing import Literal

APP = "simultaan"
Kind = Literal["data", "cache"]
# the variable of each kind, and its folder below $HOME when the variable does not say
_XDG: dict[Kind, tuple[str, str]] = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def xdg_folder(kind: Kind) -> str | None:
    """The folder of ``kind`` by the XDG rule, or None where that rule does not decide."""
    if sys.platform != "linux" or _android():
        return None
    variable, below_home = _XDG[kind]
    base = os.environ.get(variable, "")
    if os.path.isabs(base):  # (an empty or relative value does not count)
        return os.path.join(base, APP)
    if not os.path.isabs(os.environ.get("HOME", "")):
        return None
    return os.path.join(os.path.expanduser("~"), below_home, APP)


def user_folder(kind: Kind) -> str:
    """Simultaan's per-user folder of ``kind``: its data (the store, the journals, the settings)
    or its cache (the content cache, the start's file list). Not made here."""
    found = xdg_folder(kind)
    if found is not None:
        return found
    from platformdirs import user_cache_dir, user_data_dir

    return (user_data_dir if kind == "data" else user_cache_dir)(APP, appauthor=False)


def _android() -> bool:
    """Where platformdirs may take the system for Android (it has folders of its own there)."""
    return hasattr(sys, "getandroidapilevel") or (
        os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system"
    )


# the user's cache files: read only when the user's own, written so that only they can ------
def own_and_private(info: os.stat_result) -> bool:
    """Whether an opened cache file (``os.fstat``) may be loaded: a regular file of this user
    that nobody else can write (what it holds is run: pickled objects, compiled code)."""
    uid = getattr(os, "getuid", None)
    mine = uid is None or info.st_uid == uid()
    return mine and stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_private(path: str, data: bytes) -> None:
    """Put ``data`` at ``path`` as the user's own file (0600, its folder 0700 when made here),
    written beside it and renamed into place, so a reader never sees half; OSError when it
    cannot be, with nothing left behind."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with open(fd, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
