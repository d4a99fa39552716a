"""``simultaan exam start PACKAGE --candidate ID --check`` and ``simultaan exam status`` as the
room's tooling runs them: real processes on a real data folder, a workstation enrolled by the
centre and a signed package. Whatever would stop the exam is said before it starts, exit 1:
an unsigned or altered package, a full disk, a read-only data folder, a damaged store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disks import fill, remount, small_disk
from tests.e2e.test_cli import run
from tests.exams import Clock, enrol_workstation, signed_package, write_package
from trainer.paths import STORE_FILE
from trainer.store.exam_room import prepare_exam


@pytest.fixture
def centre_key(tmp_path: Path, data_dir: Path) -> Path:
    return enrol_workstation(tmp_path / "centre", data_dir)


def test_a_signed_package_on_an_enrolled_workstation_is_ready(
    centre_key: Path, tmp_path: Path
) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    done = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert done.returncode == 0, done.stderr
    assert "nl-proefexamen: 2 parts, 3 minutes, for candidate K-0412" in done.stdout


def test_an_unsigned_package_is_refused_naming_it(centre_key: Path, tmp_path: Path) -> None:
    package = write_package(tmp_path / "pakketten")
    done = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(package) in done.stderr


def test_a_package_altered_after_signing_is_refused(centre_key: Path, tmp_path: Path) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    package.write_text(
        package.read_text(encoding="utf-8").replace("time_limit: 60", "time_limit: 600"),
        encoding="utf-8",
    )
    done = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(package) in done.stderr


def test_a_bad_candidate_number_is_said(centre_key: Path, tmp_path: Path) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    done = run("exam", "start", package, "--candidate", "../K 1", "--check")
    assert done.returncode == 1 and "not a candidate number" in done.stderr


def test_a_damaged_store_is_said_before_the_exam(
    centre_key: Path, tmp_path: Path, data_dir: Path
) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    (data_dir / STORE_FILE).write_bytes(b"SQLite format 3\0" + b"\x13" * 8000)
    done = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(data_dir / STORE_FILE) in done.stderr


def test_a_full_disk_is_said_before_the_exam(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "40m") as disk:
        data = disk / "data"
        key = enrol_workstation(tmp_path / "centre", data)
        package = signed_package(tmp_path / "pakketten", key)
        fill(disk, leave=4 * 1024 * 1024)
        done = run("exam", "start", package, "--candidate", "K-0412", "--check", "--data-dir", data)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "free space" in done.stderr and str(data) in done.stderr
        assert not (data / "exams").exists()  # nothing half-written


def test_a_read_only_data_folder_is_said_before_the_exam(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "16m") as disk:
        data = disk / "data"
        key = enrol_workstation(tmp_path / "centre", data)
        package = signed_package(tmp_path / "pakketten", key)
        remount(disk, "ro")
        done = run("exam", "start", package, "--candidate", "K-0412", "--check", "--data-dir", data)
        remount(disk, "rw")
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert str(data) in done.stderr and "read-only" in done.stderr


def test_the_room_says_which_workstation_is_at_which_part(
    centre_key: Path, tmp_path: Path, data_dir: Path
) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    clock = Clock()
    run_ = prepare_exam(data_dir, package, "K-0412").begin("An Peeters", clock=clock)
    run_.start_part()
    clock.at += 61
    run_.tick()  # part 1 done (sealed and stored), part 2 waits
    done = run("exam", "status")
    assert done.returncode == 0, done.stderr
    assert "K-0412  An Peeters  nl-proefexamen  part 2 of 2, waiting to start the part" in (
        done.stdout
    )
    room = json.loads(run("exam", "status", "--json").stdout)
    assert [(w["candidate"], w["part"], w["stage"]) for w in room["workstations"]] == [
        ("K-0412", 2, "waiting")
    ]
    again = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert "to be resumed at part 2" in again.stdout


def test_the_data_folder_named_on_the_command_holds_the_enrolment(tmp_path: Path) -> None:
    other = tmp_path / "zaal-2"  # not the environment's data folder
    key = enrol_workstation(tmp_path / "centre", other)
    package = signed_package(tmp_path / "pakketten", key)
    done = run("exam", "start", package, "--candidate", "K-0412", "--check", "--data-dir", other)
    assert done.returncode == 0, done.stderr


def test_a_data_folder_that_cannot_be_made_is_said(centre_key: Path, tmp_path: Path) -> None:
    package = signed_package(tmp_path / "pakketten", centre_key)
    in_the_way = tmp_path / "een-bestand"
    in_the_way.write_text("geen map\n", encoding="utf-8")
    data = in_the_way / "data"
    done = run("exam", "start", package, "--candidate", "K-0412", "--check", "--data-dir", data)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(in_the_way) in done.stderr
