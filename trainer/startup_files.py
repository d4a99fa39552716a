"""Reading the files a start needs ahead of the app, when they are not in memory (a cold start).

After a boot, or when the page cache was dropped, a start waits on the disk: the dynamic loader
pulls Qt's libraries in page by page as the code first touches them, one small read after
another, and a Qt window takes 1.6-1.9 times as long as with the files in memory. Reading the
same files whole, in large sequential reads by a process of its own on the other core, while
Simultaan imports, turns that wait into one the disk does in parallel (as browsers preload their
main library).

Which files: the ones the last start of Simultaan had mapped (shared libraries, fonts) and the
Python modules it imported, those of its first window first, then those it needed until its
exercise list was filled (a cold list 80-90 ms sooner), recorded in the user's cache folder
after that start (``record``) and read ahead by the next (``preload``). A warm start (the
first of them already in memory, asked without waiting for the disk) reads nothing ahead.

Linux only (``/proc/self/maps``, ``posix_spawn``, ``RWF_NOWAIT``); elsewhere both do nothing.
Only ``os``, ``sys``, ``typing`` and what they load before the first window: this runs first.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from typing import Any

from trainer.user_folders import write_private, xdg_folder  # (os, sys, stat)

LIST_NAME = "startup-files.txt"
FORMAT = "simultaan startup files 1"  # the list's first line; another one is not read
MAX_FILE = 24 << 20  # a file larger than this is mostly not touched (ICU's data: 32 MB)
MAX_TOTAL = 256 << 20  # never more than this read ahead, whatever the list says
READERS = ("/usr/bin/cat", "/bin/cat")


def list_path() -> str | None:
    """Where the list lives: the user's cache folder (never a data folder a room shares)."""
    cache = xdg_folder("cache")  # None: not Linux, or no folder without asking platformdirs
    return None if cache is None else os.path.join(cache, LIST_NAME)


def _in_memory(path: str, offset: int = 0) -> bool:
    """Whether the file's byte at ``offset`` (its first by default) is in the page cache
    (asked without waiting on the disk)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True  # gone: nothing to read ahead for it
    try:
        os.preadv(fd, [bytearray(1)], offset, os.RWF_NOWAIT)
        return True
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without RWF_NOWAIT: read nothing ahead
    finally:
        os.close(fd)


# where a start's files are looked at to tell whether it is cold: the list starts with modules
# Python has just read itself, so a file from its middle and its last; and inside the largest
# (Qt's libraries), since a reclaim of pages nobody touched for a while (the kernel's DAMON: the
# project's machine kind pages out what was idle for a minute) takes a library's middle and
# leaves its first page
_LOOKS_INSIDE = (0.25, 0.5, 0.75)
_LARGEST = 4


def _cold(files: list[str]) -> bool:
    """Whether a start would wait on the disk for some of ``files``: 14 looks without waiting,
    and the sizes of the shared libraries among them (about 0.5 ms in all)."""
    if not (_in_memory(files[len(files) // 2]) and _in_memory(files[-1])):
        return True
    sizes = {}
    for file in files:
        if ".so" not in os.path.basename(file):
            continue
        try:
            size = os.stat(file).st_size
        except OSError:
            continue
        if size <= MAX_FILE:  # (a larger one is never read ahead: its middle stays out)
            sizes[file] = size
    largest = sorted(sizes, key=sizes.__getitem__, reverse=True)[:_LARGEST]
    return not all(
        _in_memory(file, int(sizes[file] * at)) for file in largest for at in _LOOKS_INSIDE
    )


def _mapped() -> list[str]:
    """The files this process has mapped, in the order they were mapped (the loader maps each
    new library below the ones before it, and the list goes up the addresses), each once."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            named = [line.split(None, 5)[-1].strip() for line in maps if "/" in line]
    except OSError:
        return []
    return list(dict.fromkeys(reversed(named)))


def _readable(paths: list[str]) -> list[str]:
    """The regular files of ``paths`` within the size limits (a device or a pipe in a damaged
    list would be read forever)."""
    chosen: list[str] = []
    total = 0
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            continue
        total += info.st_size
        if total > MAX_TOTAL:
            break
        chosen.append(path)
    return chosen


def read_list(path: str) -> list[str]:
    """The files a list names, in its order; none when it is missing or not a list of ours."""
    try:
        with open(path, encoding="utf-8") as listed:
            lines = listed.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    if not lines or lines[0] != FORMAT:
        return []
    return [line for line in lines[1:] if line.startswith("/")]


def preload(path: str | None = None) -> int | None:
    """Start reading the listed files ahead, on a cold start; the reader's process id or None.

    The reader is ``cat`` into /dev/null, a process of its own, so it never holds Python's lock
    while the app imports. ``reap`` collects it later."""
    path = path or list_path()
    if path is None:
        return None
    mapped = set(_mapped())  # Python itself and libc: in memory already
    wanted = [p for p in read_list(path) if p not in mapped]
    if not wanted or not _cold(wanted):
        return None
    reader = next((r for r in READERS if os.access(r, os.X_OK)), None)
    files = _readable(wanted)
    if reader is None or not files:
        return None
    quiet = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    try:
        return os.posix_spawn(reader, ["cat", "--", *files], os.environ, file_actions=quiet)
    except OSError:
        return None


def warm_fonts() -> None:
    """Have fontconfig read its configuration and font caches on a thread of its own while the
    app imports Qt. Qt does it on the GUI thread when the first window lays out its first text
    (``FcInit``: 2.5-3 ms of the first frame, an empty window pays none of it); once done, Qt's
    own call returns at once. The thread holds Python's lock only to load two libraries;
    ``FcInit`` runs without it (fontconfig is thread-safe). Does nothing where it cannot."""
    if not sys.platform.startswith("linux"):
        return
    import _thread

    def read_configuration() -> None:
        try:
            import _ctypes

            class Int(_ctypes._SimpleCData):  # type: ignore[type-arg]
                _type_ = "i"

            class Call(_ctypes.CFuncPtr):
                _flags_ = _ctypes.FUNCFLAG_CDECL
                _restype_ = Int

            library = _ctypes.dlopen("libfontconfig.so.1", os.RTLD_NOW)
            Call(_ctypes.dlsym(library, "FcInit"))()
        except (ImportError, OSError):  # (no fontconfig: Qt's platform has none to read)
            pass

    _thread.start_new_thread(read_configuration, ())


def reap(pid: int | None) -> bool:
    """Collect the reader once it is done; whether it is (or there was none)."""
    if pid is None:
        return True
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done != 0


def _loaded_in_order() -> list[str]:
    """The shared libraries the dynamic loader has loaded, in the order it loaded them."""
    import ctypes

    class Loaded(ctypes.Structure):  # the start of glibc's struct dl_phdr_info
        _fields_ = [("address", ctypes.c_void_p), ("name", ctypes.c_char_p)]

    each = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(Loaded), ctypes.c_size_t, ctypes.c_void_p)
    names: list[str] = []

    def seen(info: Any, _size: int, _data: Any) -> int:
        name = info.contents.name
        if name:
            names.append(os.fsdecode(name))
        return 0

    try:
        ctypes.CDLL(None).dl_iterate_phdr(each(seen), None)
    except (AttributeError, OSError):
        return []
    return [os.path.realpath(name) for name in names if name.startswith("/")]


Taken = tuple[list[tuple[object, object]], set[str]]  # what ``snapshot`` gives


def snapshot() -> Taken:
    """What this start has used so far: each imported module's compiled file and source, in
    import order, and the mapped files. Cheap (about a millisecond): taken at the first
    frame, looked at and written out later by ``record``."""
    modules = [
        (getattr(m, "__cached__", None), getattr(m, "__file__", None))
        for m in list(sys.modules.values())
    ]
    return modules, set(_mapped())


def needed(taken: Taken) -> list[str]:
    """The files of a ``snapshot``, in the order a start reads them: the modules first (the
    compiled file Python read, or the source where none is written: a read-only install,
    PYTHONDONTWRITEBYTECODE), then the libraries in the order the loader loaded them, then
    the rest that was mapped (fonts, locales)."""
    modules, mapped = taken
    files: list[str] = []
    seen: set[str] = set()

    def add(path: object) -> bool:
        if not isinstance(path, str) or not path.startswith("/") or path in seen:
            return False
        if not os.path.isfile(path):
            return False
        seen.add(path)
        files.append(path)
        return True

    for compiled, source in modules:
        if not add(compiled):
            add(source)
    for library in _loaded_in_order():
        if library in mapped:
            add(library)
    for other in _mapped():
        if other in mapped and not other.startswith(("/dev/", "/memfd:", "/proc/", "/sys/")):
            add(other)
    return files


def record(taken: Taken, path: str | None = None, later: Taken | None = None) -> None:
    """Keep the list of what a start used up to its ``snapshot``, for the next one (rewritten
    only when it changed; a cache folder that cannot be written costs only the head start).
    ``later``: a snapshot taken when the exercise list was filled; what it adds (pydantic,
    the exercises' models, SQLite) comes after the first window's files, so the reader gets
    to it while the first window is drawn."""
    path = path or list_path()
    if path is None:
        return
    files = needed(taken)
    if later is not None:
        first = set(files)
        files += [file for file in needed(later) if file not in first]
    text = "\n".join([FORMAT, *files]) + "\n"
    try:
        with open(path, encoding="utf-8") as old:
            if old.read() == text:
                return
    except (OSError, UnicodeDecodeError):
        pass
    with contextlib.suppress(OSError):
        write_private(path, text.encode("utf-8"))
