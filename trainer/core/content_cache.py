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

Beside the copy the file can hold a small index of plain values (the exercise list's rows,
``trainer.core.exercise_list``), read (``CachedContent.index``) without unpickling the copy, so
without the models' modules and pydantic: the list is filled from it while they load.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from trainer.user_folders import own_and_private, write_private

T = TypeVar("T")
_CORE = Path(__file__).resolve().parent
FORMAT = 2  # of the cache file; a new format is a new key


def cache_folder() -> Path:
    """The per-user cache folder (XDG_CACHE_HOME on Linux)."""
    from trainer.user_folders import user_folder

    return Path(user_folder("cache"))


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


def _pydantic_stamp() -> str:
    """Which pydantic is installed, without importing it (about 110 ms): its version file's
    size and time (an upgrade writes it anew); in a bundle, the bundle's own program."""
    from importlib.util import find_spec

    with contextlib.suppress(Exception):
        spec = find_spec("pydantic")
        if spec is not None and spec.origin:
            info = os.stat(Path(spec.origin).with_name("version.py"))
            return f"pydantic {info.st_size} {info.st_mtime_ns}"
    with contextlib.suppress(OSError):  # (frozen: the modules are inside the program)
        info = os.stat(sys.executable)
        return f"program {info.st_size} {info.st_mtime_ns}"
    return "?"


def content_key(folders: Iterable[Path]) -> str:
    """What the copy depends on: the folders' files and the code that reads them."""
    from trainer import __version__

    digest = hashlib.sha256()
    versions = f"{FORMAT} {__version__} {sys.version} {_pydantic_stamp()}\n"
    digest.update(versions.encode())
    for folder, suffix in [(_CORE, ".py"), *((f, "") for f in folders)]:
        digest.update(f"[{folder.resolve()}]\n".encode())
        for line in _files_of(folder, suffix):
            digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def _load(path: Path, key: str) -> tuple[Any, bytes] | None:
    """The index and the pickled copy, when the file is the user's own and of ``key``."""
    try:
        with open(path, "rb") as file:
            if not own_and_private(os.fstat(file.fileno())):
                return None
            stored_key, index, value = pickle.load(file)
    except Exception:  # missing, damaged, from an older Simultaan: read the folders again
        return None
    return (index, value) if stored_key == key and isinstance(value, bytes) else None


def _save(path: Path, key: str, index: object, value: object) -> None:
    """Write the copy next to its place and rename it there (a reader never sees half)."""
    with contextlib.suppress(Exception):  # a cache that cannot be written is no problem
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        whole = pickle.dumps((key, index, payload), protocol=pickle.HIGHEST_PROTOCOL)
        write_private(str(path), whole)


def _path(folders: list[Path], where: Path | None) -> Path:
    folder = where if where is not None else cache_folder()
    names = "\n".join(str(f.resolve()) for f in folders)
    return folder / f"content-{hashlib.sha256(names.encode()).hexdigest()[:16]}.pickle"


class CachedContent:
    """The cache file of ``folders``, looked at once: its index at once, its copy on demand.
    ``where``: the cache folder (default: the user's)."""

    def __init__(self, folders: list[Path], where: Path | None = None) -> None:
        self._path = _path(folders, where)
        self._key = content_key(folders)
        self._stored = _load(self._path, self._key)

    @property
    def index(self) -> Any | None:
        """The index kept beside the copy, when the copy is still what the folders hold; None
        when there is none. Loads none of the copy's modules."""
        return self._stored[0] if self._stored is not None else None

    def value(self, read: Callable[[], T], index: Callable[[T], object] | None = None) -> T:
        """The copy, or ``read()`` (then kept, with ``index`` of it beside) when there is no
        copy of what the folders hold now."""
        if self._stored is not None:
            with contextlib.suppress(Exception):  # (a class gone from the code: read again)
                value: T = pickle.loads(self._stored[1])
                return value
        value = read()
        _save(self._path, self._key, index(value) if index is not None else None, value)
        return value


def cached(
    folders: list[Path],
    read: Callable[[], T],
    where: Path | None = None,
    index: Callable[[T], object] | None = None,
) -> T:
    """``read()``, or what it gave last time when nothing below ``folders`` (nor Simultaan's
    code) changed since. ``where``: the cache folder (default: the user's); ``index``: what
    to keep beside the copy (``CachedContent.index``), made from what ``read()`` gave."""
    return CachedContent(folders, where).value(read, index)
