"""The exercise library as last read, kept between runs so the list fills sooner.

Reading the shipped exercises (YAML with line numbers, validation, the calls' cross-checks) and
the clip manifest takes 65-75 ms of the start; unpickling what they gave takes 3 ms. The copy
is used only while nothing it came from changed: every file below the exercise and audio
folders (path, size, modification time) and Simultaan's own code (``trainer/core``, its
version, Python's and pydantic's) make its key. Any other state, or any trouble with the copy
(missing, damaged, from another key, not the user's own), and the folders are read again.

The copy lives in the user's own cache folder (never in a data folder an exam room shares):
a pickle runs code when loaded, so only a file that the user owns and nobody else may write is
loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_CORE = Path(__file__).resolve().parent
FORMAT = 1  # of the cache file; a new format is a new key


def cache_folder() -> Path:
    """The per-user cache folder (XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("simultaan", appauthor=False))


def _files_of(folder: Path, suffix: str = "") -> Iterable[str]:
    """Every file below ``folder`` (ending in ``suffix``), as "path size mtime_ns" lines."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            if not name.endswith(suffix):
                continue
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except OSError:
                found.append(f"{path} ?")
                continue
            found.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return sorted(found)


def content_key(folders: Iterable[Path]) -> str:
    """What the copy depends on: the folders' files and the code that reads them."""
    import pydantic  # (the models are pydantic's: needed in any case)

    from trainer import __version__

    digest = hashlib.sha256()
    versions = f"{FORMAT} {__version__} {sys.version} {pydantic.VERSION}\n"
    digest.update(versions.encode())
    for folder, suffix in [(_CORE, ".py"), *((f, "") for f in folders)]:
        digest.update(f"[{folder.resolve()}]\n".encode())
        for line in _files_of(folder, suffix):
            digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def _own_and_private(info: os.stat_result) -> bool:
    uid = getattr(os, "getuid", None)
    mine = uid is None or info.st_uid == uid()
    return mine and stat.S_ISREG(info.st_mode) and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _load(path: Path, key: str) -> Any | None:
    try:
        with open(path, "rb") as file:
            if not _own_and_private(os.fstat(file.fileno())):
                return None
            stored_key, value = pickle.load(file)
    except Exception:  # missing, damaged, from an older Simultaan: read the folders again
        return None
    return value if stored_key == key else None


def _save(path: Path, key: str, value: object) -> None:
    """Write the copy next to its place and rename it there (a reader never sees half)."""
    with contextlib.suppress(Exception):  # a cache that cannot be written is no problem
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as file:
            pickle.dump((key, value), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


def cached(folders: list[Path], read: Callable[[], T], where: Path | None = None) -> T:
    """``read()``, or what it gave last time when nothing below ``folders`` (nor Simultaan's
    code) changed since. ``where``: the cache folder (default: the user's)."""
    folder = where if where is not None else cache_folder()
    names = "\n".join(str(f.resolve()) for f in folders)
    path = folder / f"content-{hashlib.sha256(names.encode()).hexdigest()[:16]}.pickle"
    key = content_key(folders)
    value = _load(path, key)
    if value is None:
        value = read()
        _save(path, key, value)
    return value
