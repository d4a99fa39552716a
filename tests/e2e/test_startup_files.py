"""Reading a start's files ahead on a cold start (trainer/startup_files.py): the list a start
keeps, what the next cold start reads from it, and what it never reads."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from tests.probes import run_probe
from trainer import startup_files

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and the page cache")


def _out_of_memory(path: Path) -> None:
    """Drop a file's pages from the page cache, as after a boot (written back first)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _files(folder: Path, count: int, size: int = 256 * 1024) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"lib{n}.so"
        path.write_bytes(os.urandom(size))
        made.append(path)
    return made


def _write_list(where: Path, files: list[str], first: str = startup_files.FORMAT) -> Path:
    where.write_text("\n".join([first, *files]) + "\n", encoding="utf-8")
    return where


def _wait_reaped(pid: int | None) -> None:
    deadline = time.monotonic() + 20
    while not startup_files.reap(pid):
        assert time.monotonic() < deadline, "the reader never finished"
        time.sleep(0.01)


def test_a_cold_start_reads_the_listed_files_into_memory(tmp_path: Path) -> None:
    files = _files(tmp_path / "libs", 4)
    for path in files:
        _out_of_memory(path)
    if startup_files._in_memory(str(files[-1])):
        pytest.skip("this file system keeps files in memory (tmpfs): nothing is ever cold")
    listed = _write_list(tmp_path / "list.txt", [str(p) for p in files])

    reader = startup_files.preload(str(listed))

    assert reader is not None
    _wait_reaped(reader)
    assert all(startup_files._in_memory(str(p)) for p in files)


def test_a_library_whose_middle_was_reclaimed_makes_a_cold_start(tmp_path: Path) -> None:
    """Pages nobody touched for a while are taken back (the kernel's DAMON reclaim takes a
    library's middle and leaves its first page): the start reads ahead all the same."""
    *small, large = _files(tmp_path / "libs", 4)
    large.write_bytes(os.urandom(4 << 20))
    _out_of_memory(large)
    fd = os.open(large, os.O_RDONLY)
    try:
        os.pread(fd, 1, 0)  # its first page back (with what the kernel reads ahead of it)
    finally:
        os.close(fd)
    if startup_files._in_memory(str(large), (4 << 20) // 2):
        pytest.skip("this file system keeps files in memory (tmpfs): nothing is ever cold")
    assert all(startup_files._in_memory(str(p)) for p in [*small, large])  # every first page
    listed = _write_list(tmp_path / "list.txt", [str(p) for p in [large, *small]])

    reader = startup_files.preload(str(listed))

    assert reader is not None
    _wait_reaped(reader)
    assert startup_files._in_memory(str(large), (4 << 20) // 2)


def test_a_library_too_large_to_read_ahead_never_makes_a_start_cold(tmp_path: Path) -> None:
    """A listed file over the limit (ICU's data, 32 MB) is never read ahead, so its middle is
    never looked at: else every start would take itself for a cold one."""
    files = _files(tmp_path / "libs", 3)  # just written: in memory
    huge = tmp_path / "libs" / "libicudata.so.73"
    with huge.open("wb") as out:
        out.write(os.urandom(startup_files.MAX_FILE + (1 << 20)))
    _out_of_memory(huge)
    with huge.open("rb") as head:
        head.read(1)  # its first page, as the loader's look at its header leaves it
    if startup_files._in_memory(str(huge), huge.stat().st_size // 2):
        pytest.skip("this file system keeps files in memory (tmpfs): nothing is ever cold")
    listed = _write_list(tmp_path / "list.txt", [str(huge), *map(str, files)])
    assert startup_files.preload(str(listed)) is None


def test_a_warm_start_reads_nothing_ahead(tmp_path: Path) -> None:
    files = _files(tmp_path / "libs", 3)  # just written: in memory
    listed = _write_list(tmp_path / "list.txt", [str(p) for p in files])
    assert startup_files.preload(str(listed)) is None


def test_a_list_not_of_ours_or_missing_reads_nothing(tmp_path: Path) -> None:
    files = _files(tmp_path / "libs", 2)
    for path in files:
        _out_of_memory(path)
    foreign = _write_list(tmp_path / "list.txt", [str(p) for p in files], first="something else")
    assert startup_files.read_list(str(foreign)) == []
    assert startup_files.preload(str(foreign)) is None
    assert startup_files.preload(str(tmp_path / "none.txt")) is None


def test_a_damaged_list_never_makes_the_reader_wait_on_a_pipe_or_a_device(
    tmp_path: Path,
) -> None:
    """A pipe or /dev/zero would be read for ever; a huge file is mostly never touched."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.so"
    with open(huge, "wb") as out:
        out.truncate(startup_files.MAX_FILE + 1)
    (ordinary,) = _files(tmp_path / "libs", 1)
    chosen = startup_files._readable(
        [str(pipe), "/dev/zero", str(huge), str(tmp_path / "gone"), str(ordinary)]
    )
    assert chosen == [str(ordinary)]


def test_a_start_keeps_what_it_used_modules_first_and_libraries_in_load_order(
    tmp_path: Path,
) -> None:
    import json  # a module surely imported, with a compiled file

    listed = tmp_path / "cache" / "simultaan" / startup_files.LIST_NAME
    startup_files.record(startup_files.snapshot(), str(listed))

    files = startup_files.read_list(str(listed))
    assert json.__cached__ in files or json.__file__ in files  # (no .pyc written: the source)
    extensions = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    libraries = [f for f in files if ".so" in Path(f).name and f not in extensions]
    assert libraries, "no shared library listed"
    modules = [f for f in files if f.endswith((".pyc", ".py"))]
    assert max(files.index(m) for m in modules) < files.index(libraries[0])
    loaded = startup_files._loaded_in_order()
    in_list = [lib for lib in loaded if lib in libraries]
    assert in_list == [lib for lib in libraries if lib in in_list]  # the loader's order kept


def test_an_unwritable_cache_folder_costs_nothing_but_the_head_start(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    startup_files.record(startup_files.snapshot(), str(blocked / "simultaan" / "list.txt"))
    assert blocked.read_text(encoding="utf-8") == ""


FONTS_WARMED = """
import sys, time
from trainer import startup_files
if sys.argv[1] == "warm":
    startup_files.warm_fonts()
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:  # fontconfig maps its font caches as it starts
    with open("/proc/self/maps", encoding="utf-8") as maps:
        if any("/fontconfig/" in line and ".cache-" in line for line in maps):
            print("read", flush=True)
            break
    time.sleep(0.01)
else:
    print("not read", flush=True)
"""


@pytest.mark.skipif(
    not any(Path("/var/cache/fontconfig").glob("*.cache-*")), reason="no fontconfig caches here"
)
def test_the_font_configuration_is_read_on_a_thread_while_the_app_imports() -> None:
    # the main thread never touches fontconfig: the thread did it
    assert run_probe(FONTS_WARMED, "warm", "10") == "read"
    assert run_probe(FONTS_WARMED, "cold", "1") == "not read"
