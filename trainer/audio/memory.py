"""Giving freed heap memory back to the system after a burst of large temporary allocations.

Preparing a clip (phone line, office noise, resampling: FFTs over complex128 arrays) takes
and frees tens of MB. glibc keeps freed heap
memory for later use, so a call went on holding 5-6 MB it no longer used. ``malloc_trim``
returns it (0.1 ms); with another C library nothing is done, its allocator has its own ways.
"""

from __future__ import annotations

import ctypes
import sys


def release_freed_memory() -> bool:
    """Return the heap's free memory to the system; True when glibc did it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False  # a Linux without glibc (musl)
    return bool(libc.malloc_trim(0))
