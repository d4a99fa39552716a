"""The Qt user interface. Views build widgets; controllers connect them to the core.

Importing this package imports PySide6 first and stops its source scan (below), so that every
module imported after it, in the app, the tests and the benchmarks alike, is spared it.
"""

from __future__ import annotations

import sys
from typing import Any

import PySide6  # noqa: F401  (sets up shiboken's import hook, patched below)


def _no_source_scan_on_import() -> None:
    """Stop PySide6 from reading the source of every module imported after it.

    To know whether a module may say ``from __feature__ import snake_case``, PySide6 calls
    ``inspect.getsource`` on each Python module imported after it, and ``linecache`` then keeps
    every line of them for the life of the process: 160 files, 18 MB of strings after a drill,
    and a source file read (from disk, on a cold start) at every import. Simultaan uses no such
    feature, so every module is answered "does not use it" without reading it; the features
    stay available to none, which is what they were. Harmless when PySide6 changes the name.
    """
    feature: Any = sys.modules.get("shibokensupport.feature")  # (PySide6's own: no types)
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: False
    # what it read before this (typing, enum: 5,600 lines, 0.5 MB kept for the process's
    # life); a traceback reads a file again when it needs its lines
    linecache = sys.modules.get("linecache")
    if linecache is not None:
        linecache.clearcache()


_no_source_scan_on_import()
