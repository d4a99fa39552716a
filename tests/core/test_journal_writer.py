"""A journal write that fails (full disk, I/O error) loses nothing and leaves no torn line.

The disk is simulated here (os.pwrite / os.fsync patched) for the fine-grained cases; the full
filesystem itself is tested for real in tests/ui/test_full_disk.py.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from trainer.core.journal import EndEvent, FieldEvent, Header, KeyEvent, read_journal
from trainer.core.journal_writer import JournalWriteError, JournalWriter, journal_holder

HEADER = Header(
    exercise_id="nl-copy-x",
    exercise_hash="abc",
    trainee="An",
    app_version="test",
    started_at="2026-11-23T10:00:00+01:00",
    workstation="pc-07",
)
REAL_PWRITE = os.pwrite


class Disk:
    """os.pwrite and os.fsync that fail on demand; ``room`` bytes more fit before ENOSPC
    (None: any number), so a line can be written in part, as on a disk that fills up."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.room: int | None = None
        self.fsync_error: int | None = None
        monkeypatch.setattr("trainer.core.journal_writer.os.pwrite", self.pwrite)
        monkeypatch.setattr("trainer.core.journal_writer.os.fsync", self.fsync)

    def pwrite(self, fd: int, data: bytes, offset: int) -> int:
        if self.room is not None:
            if self.room == 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            data = data[: self.room]
            self.room -= len(data)
        return REAL_PWRITE(fd, data, offset)

    def fsync(self, _fd: int) -> None:
        if self.fsync_error is not None:
            raise OSError(self.fsync_error, os.strerror(self.fsync_error))


def texts(path: Path) -> list[str | None]:
    return [k.text or k.key for k in read_journal(path).keys]


def test_a_full_disk_keeps_the_key_in_memory_and_retry_writes_it_after_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    path = tmp_path / "j.jsonl"
    writer = JournalWriter(path, HEADER)
    writer.write(KeyEvent(t=0.1, text="a"))
    disk.room = 7  # half of the next line fits, then the disk is full
    with pytest.raises(JournalWriteError) as failed:
        writer.write(KeyEvent(t=0.2, text="b"))
    assert failed.value.code == "ENOSPC" and failed.value.filename == str(path)
    # the file ends at a complete line: no torn bytes of "b" before later lines
    assert path.read_bytes().endswith(b"\n")
    assert texts(path) == ["a"]
    # while the disk stays full, every later event waits too and the problem is said again
    with pytest.raises(JournalWriteError):
        writer.write(KeyEvent(t=0.3, key="Backspace"))
    with pytest.raises(JournalWriteError):
        writer.retry()
    assert writer.waiting == 2
    disk.room = None  # space again
    writer.retry()
    writer.write(KeyEvent(t=0.4, text="c"))
    writer.close(EndEvent(t=0.5, reason="finished"))
    assert texts(path) == ["a", "b", "Backspace", "c"]
    assert not read_journal(path).truncated


def test_a_failed_fsync_writes_the_unsafe_lines_again_rather_than_trusting_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    path = tmp_path / "j.jsonl"
    writer = JournalWriter(path, HEADER)
    writer.write(KeyEvent(t=0.1, text="a"))
    writer.write(KeyEvent(t=0.2, text="b"))  # written, not yet fsync'ed
    disk.fsync_error = errno.EIO
    with pytest.raises(JournalWriteError) as failed:
        writer.write(FieldEvent(t=0.3, field="naam", value="Peeters"))  # fsync'ed at once
    assert failed.value.code == "EIO"
    # cut back to what the last good fsync covered; the rest waits in memory
    assert texts(path) == [] and writer.waiting == 3
    disk.fsync_error = None
    writer.retry()
    assert texts(path) == ["a", "b"]
    assert [e.type for e in read_journal(path).events] == ["key", "key", "field"]


def test_the_end_of_a_session_waits_like_any_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    path = tmp_path / "j.jsonl"
    writer = JournalWriter(path, HEADER)
    disk.room = 0
    with pytest.raises(JournalWriteError):
        writer.close(EndEvent(t=1.0, reason="finished"))
    assert not writer.closed and read_journal(path).end is None
    disk.room = None
    writer.retry()
    writer.close()
    assert writer.closed and read_journal(path).end == EndEvent(t=1.0, reason="finished")


def test_saved_elsewhere_the_journal_is_whole_locked_and_written_on_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    first = tmp_path / "data" / "j.jsonl"
    first.parent.mkdir()
    writer = JournalWriter(first, HEADER)
    writer.write(KeyEvent(t=0.1, text="a"))
    disk.room = 3
    with pytest.raises(JournalWriteError):
        writer.write(KeyEvent(t=0.2, text="b"))
    disk.room = None  # (another disk: the data folder's stays full as far as we know)
    moved = writer.move_to(tmp_path / "usb")
    assert moved == tmp_path / "usb" / "j.jsonl" == writer.path
    assert journal_holder(moved) == "pc-07"  # owned as the first file was
    assert journal_holder(first) is None  # the first file is a copy of the start now
    writer.write(KeyEvent(t=0.3, text="c"))
    writer.close(EndEvent(t=0.4, reason="finished"))
    assert texts(moved) == ["a", "b", "c"]
    assert texts(first) == ["a"]


def test_a_folder_that_cannot_take_it_says_so_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    path = tmp_path / "j.jsonl"
    writer = JournalWriter(path, HEADER)
    disk.room = 0
    with pytest.raises(JournalWriteError):
        writer.write(KeyEvent(t=0.1, text="a"))
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(JournalWriteError) as failed:
        writer.move_to(tmp_path / "a-file")
    assert failed.value.filename == str(tmp_path / "a-file" / "j.jsonl")
    with pytest.raises(JournalWriteError):  # the same file, still full
        writer.retry()
    disk.room = None
    writer.retry()
    writer.close()
    assert writer.path == path and texts(path) == ["a"]


def test_a_journal_whose_header_cannot_be_written_is_not_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    disk.room = 10
    with pytest.raises(JournalWriteError) as failed:
        JournalWriter(tmp_path / "j.jsonl", HEADER)
    assert failed.value.code == "ENOSPC"
    assert list(tmp_path.iterdir()) == []
