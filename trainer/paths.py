"""Where Simultaan finds its shipped content and keeps the trainee's data.

Shipped content (exercises, audio, assets) lives at the top of the source tree; an installed
wheel carries it inside the package as ``trainer/_shipped``; a PyInstaller bundle unpacks it
next to the executable. User data (the SQLite store, journals, settings) goes to the per-user
data folder, or wherever ``--data-dir`` / ``SIMULTAAN_DATA_DIR`` point, for exam rooms.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

DATA_DIR_ENV = "SIMULTAAN_DATA_DIR"
STORE_FILE = "simultaan.sqlite3"  # the store's name in the data folder (app and commands)
_PACKAGE = Path(__file__).resolve().parent


def shipped_root() -> Path:
    """The folder that holds ``exercises/``, ``audio/`` and ``assets/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    installed = _PACKAGE / "_shipped"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent


def exercises_dir() -> Path:
    """The shipped exercise files."""
    return shipped_root() / "exercises"


def assets_dir() -> Path:
    """Icons, style sheets and keyboard layouts."""
    return shipped_root() / "assets"


def audio_dir() -> Path:
    """The shipped customer clips and their manifest."""
    return shipped_root() / "audio"


def chosen_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the store and the journals, not made here: ``override`` (from
    ``--data-dir``) wins over ``SIMULTAAN_DATA_DIR``, which wins over the per-user data folder
    of the platform."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from trainer.user_folders import user_folder

    return Path(user_folder("data"))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder for the store and the journals (``chosen_data_dir``), made when missing."""
    path = chosen_data_dir(override)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def data_modes(folder: Path) -> tuple[int, int]:
    """The modes for files and folders made in the data folder: the owner's only, unless the
    folder is shared by a group (an exam room: ``chgrp ROOM DIR && chmod 2770 DIR``, the
    set-group-id bit) when the group may read and write them too."""
    if os.stat(folder).st_mode & stat.S_ISGID:
        return 0o660, 0o2770
    return 0o600, 0o700


def secure_data_folder(folder: Path) -> tuple[int, int]:
    """Close the data folder to everybody but its owner (or its group, when shared as
    ``data_modes`` says) and return the modes for what is made in it. Journals and results
    hold what trainees typed and how they did: not for every user of the machine."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    file_mode, dir_mode = data_modes(folder)
    if stat.S_IMODE(os.stat(folder).st_mode) != dir_mode:
        # a folder from an earlier version or made 0755 by hand; somebody else's folder
        # cannot be changed, but what we make in it is still ours only
        with contextlib.suppress(PermissionError):
            folder.chmod(dir_mode)
    return file_mode, dir_mode
