"""Before a session starts: can the data folder take its journal? (real mounts, no Qt)"""

from __future__ import annotations

from pathlib import Path

from tests.disks import fill, make_room, remount, small_disk
from trainer.store.data_folder import MIN_FREE_BYTES, check_data_folder


def test_a_usable_folder_is_made_when_missing_and_left_without_a_probe(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw" / "data"
    check = check_data_folder(folder)
    assert check.ok and check.problem == "" and check.free_bytes >= MIN_FREE_BYTES
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_file_where_the_folder_should_be_is_said(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    assert check_data_folder(tmp_path / "data").problem == "not_a_folder"
    assert check_data_folder(tmp_path / "data" / "sub").problem == "not_a_folder"


def test_a_full_disk_is_said_before_it_is_quite_full(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size="16m") as disk:
        assert check_data_folder(disk).ok
        fill(disk, leave=MIN_FREE_BYTES // 2)  # a probe still fits, a long session not
        check = check_data_folder(disk)
        assert check.problem == "no_space" and 0 < check.free_bytes < MIN_FREE_BYTES
        fill(disk)  # not one byte more
        assert check_data_folder(disk).problem == "no_space"
        make_room(disk)
        assert check_data_folder(disk).ok


def test_a_read_only_folder_is_said_even_to_root(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        (disk / "data").mkdir()
        remount(disk, "ro")
        try:
            assert check_data_folder(disk / "data").problem == "read_only"
            # a folder that is missing and cannot be made there
            assert check_data_folder(disk / "elders").problem == "missing"
        finally:
            remount(disk, "rw")
        assert check_data_folder(disk / "data").ok
