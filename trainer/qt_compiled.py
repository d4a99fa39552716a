"""PySide6's own Python, compiled once instead of at every start.

PySide6 carries the Python of its signature support (``signature_bootstrap`` and 13 modules of
``shibokensupport``, 130 kB) inside its binary and compiles it each time it is imported: 17-18
ms of every start, a fifth of the whole import and more than all of Simultaan's modules before
its first window. For files Python keeps the compiled code in ``__pycache__``; for these sources
it cannot. So a start does what ``__pycache__`` would (``import_qt``): while PySide6 is
imported, the built-in ``compile`` is served from a file in the user's cache folder (read
only when it is the user's own and nobody else can write it) for the sources it has seen
before, each checked byte for byte against the source it was compiled from and the options of
the call, and ``save`` keeps what it had to compile anew, once the window is up. Anything else
that asks ``compile`` in that time is compiled as always, and what cannot be read or written
costs only the saving.

Only modules Python or PySide6 load anyway (``marshal``, ``types``, ``contextlib``,
``typing``): this runs before the first window.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
import types
from typing import Any

from trainer.user_folders import own_and_private, write_private, xdg_folder  # (os, sys, stat)

CACHE_NAME = "qt-compiled.marshal"
FORMAT = "simultaan qt compiled 1"  # the file's first field; another one is not read
# the __future__ features a caller's code passes on to the code it compiles (``compile``'s
# ``dont_inherit=False``): Python's PyCF_MASK, the compiler flags of the features from
# ``division`` to ``annotations`` (``nested_scopes`` and ``generators`` are always on)
FUTURE_FLAGS = 0x1FE0000

# a source compiled with the same options: (file name, mode, flags, optimize) -> (source, code)
Key = tuple[str, str, int, int]
Entries = dict[Key, tuple[bytes | str, bytes]]


def cache_path() -> str | None:
    """Where the compiled code lives: the user's cache folder (never a data folder a room
    shares)."""
    cache = xdg_folder("cache")
    return None if cache is None else os.path.join(cache, CACHE_NAME)


def _read(path: str) -> Entries:
    """The entries of a cache file of this Python; none when it is missing, damaged or
    another's."""
    try:
        with open(path, "rb") as file:
            if not own_and_private(os.fstat(file.fileno())):  # (its code would be run)
                return {}
            found = marshal.load(file)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(found, tuple) and len(found) == 3 and found[:2] == (FORMAT, sys.hexversion)):
        return {}
    entries = found[2] if isinstance(found[2], dict) else {}
    return {
        key: value
        for key, value in entries.items()
        if isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], bytes | str)
        and isinstance(value[1], bytes)
    }


class Compiled:
    """The code of one start: what the cache file held (``kept``), and what the start served
    from it or compiled anew (``used``, what ``save`` writes)."""

    def __init__(self, kept: Entries | None = None) -> None:
        self.kept: Entries = kept or {}
        self.used: Entries = {}
        self.served = 0
        self.compiled = 0

    def serving(self, real: Any) -> Any:
        """``compile`` (the built-in ``real``) served from ``kept`` when the same source was
        compiled the same way before."""

        def cached_compile(
            source: Any,
            filename: Any,
            mode: str,
            flags: int = 0,
            dont_inherit: bool = False,
            optimize: int = -1,
            **more: Any,
        ) -> Any:
            if not dont_inherit:  # the caller's __future__ features, as the built-in takes them
                flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
            if more or not isinstance(source, bytes | str) or not isinstance(filename, str):
                return real(source, filename, mode, flags, True, optimize, **more)
            key = (filename, mode, flags, optimize if optimize != -1 else sys.flags.optimize)
            kept = self.kept.get(key)
            if kept is not None and kept[0] == source:
                try:
                    code = marshal.loads(kept[1])
                except (EOFError, ValueError, TypeError):
                    code = None
                if isinstance(code, types.CodeType):
                    self.used[key] = kept
                    self.served += 1
                    return code
            code = real(source, filename, mode, flags, True, optimize)
            if isinstance(code, types.CodeType):  # (not an AST asked for with PyCF_ONLY_AST)
                self.used[key] = (source, marshal.dumps(code))
                self.compiled += 1
            return code

        return cached_compile


_start = Compiled()  # this process's start


def import_qt(path: str | None = None) -> tuple[int, int]:
    """Import PySide6's widgets with its own Python served from the cache file at ``path``
    (the user's cache folder by default); how many sources were served from it and how many
    compiled anew."""
    global _start
    path = path or cache_path()
    _start = Compiled(_read(path) if path is not None else {})
    real = builtins.compile
    builtins.compile = _start.serving(real)
    try:
        import PySide6.QtWidgets  # noqa: F401
    finally:
        builtins.compile = real
        _start.kept = {}  # (what was served is in ``used``, kept for ``save`` if anything was new)
        if not _start.compiled:
            _start.used = {}
    return _start.served, _start.compiled


def save(path: str | None = None) -> None:
    """Keep what this start compiled anew for the next one (only what it used: a source an
    update of PySide6 no longer has is dropped). Nothing when nothing was new, or where
    Python writes no compiled files either (``PYTHONDONTWRITEBYTECODE``)."""
    path = path or cache_path()
    used, _start.used = _start.used, {}
    if path is None or not _start.compiled or not used or sys.dont_write_bytecode:
        return
    with contextlib.suppress(OSError):  # (a full disk, a read-only home: compiled again)
        write_private(path, marshal.dumps((FORMAT, sys.hexversion, used)))
