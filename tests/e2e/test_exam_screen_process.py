"""``simultaan exam start PACKAGE --candidate ID --data-dir DIR`` without ``--check``, as the
room's tooling starts it: the real process, offscreen, on a workstation enrolled in DIR alone
(no SIMULTAAN_DATA_DIR, the default data folder empty). It reaches the check-in screen with
DIR's centre, says 'checking in' in DIR's room status, touches no other data folder, and a
SIGTERM closes it cleanly (exit 0). A candidate's kill -9 during check-in leaves nothing
half-written: the workstation is ready for the same candidate again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.exams import enrol_workstation, signed_package

STARTED = 60.0  # seconds a loaded machine may take to show the first screen


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """DIR (enrolled, not the environment's data folder) and a signed package."""
    monkeypatch.delenv("SIMULTAAN_DATA_DIR")
    folder = tmp_path / "zaal-2"
    key = enrol_workstation(tmp_path / "centre", folder)
    return folder, signed_package(tmp_path / "pakket", key)


def start(
    folder: Path, package: Path, tmp_path: Path, display: str | None = None
) -> tuple[subprocess.Popen[str], Path]:
    """``display``: an X server's (the real window on it), else offscreen."""
    probe = tmp_path / "probe.txt"
    env = {k: v for k, v in os.environ.items() if k != "SIMULTAAN_DATA_DIR"}
    env |= {
        "QT_QPA_PLATFORM": "offscreen" if display is None else "xcb",
        "SIMULTAAN_EXAM_PROBE": str(probe),
        "HOME": str(tmp_path / "home"),
    }
    if display is not None:
        env["DISPLAY"] = display
    args = ["exam", "start", str(package), "--candidate", "K-0412", "--data-dir", str(folder)]
    child = subprocess.Popen(
        [sys.executable, "-m", "trainer", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + STARTED
    while not (probe.exists() and probe.read_text(encoding="utf-8").strip()):
        if child.poll() is not None or time.monotonic() > deadline:
            out, err = child.communicate(timeout=10) if child.poll() is not None else ("", "")
            child.kill()
            pytest.fail(f"the exam screen did not show: {child.returncode} {out} {err}")
        time.sleep(0.1)
    return child, probe


def test_the_exam_screen_opens_at_check_in_with_the_data_folder_given(
    room: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, package = room
    child, probe = start(folder, package, tmp_path)
    try:
        assert probe.read_text(encoding="utf-8").split() == ["check_in"]
        [status] = (folder / "exams" / "status").glob("*.json")
        said = json.loads(status.read_text(encoding="utf-8"))
        assert (said["candidate"], said["stage"]) == ("K-0412", "check_in")
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    # no other data folder was looked for or made (the default one lives under XDG_DATA_HOME)
    assert not (Path(os.environ["XDG_DATA_HOME"]) / "simultaan").exists()
    assert not (tmp_path / "home" / ".local").exists()


def test_a_kill_during_check_in_leaves_nothing_half_written(
    room: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, package = room
    child, _ = start(folder, package, tmp_path)
    child.kill()  # the candidate's kill -9, at the check-in screen
    child.communicate(timeout=30)
    leftovers = [
        p for p in folder.rglob("*") if p.name.endswith((".tmp", ".part")) or p.name == "state.json"
    ]
    assert leftovers == []  # no exam begun, no file half-written
    for status in (folder / "exams" / "status").glob("*.json"):
        json.loads(status.read_text(encoding="utf-8"))  # whole, or not there
    from tests.e2e.test_cli import run

    again = run("exam", "start", package, "--candidate", "K-0412", "--check", "--data-dir", folder)
    assert again.returncode == 0, again.stderr
    assert "2 parts" in again.stdout and "to be resumed" not in again.stdout


@pytest.fixture
def bare_x() -> Iterator[str]:
    """An X server with no window manager (as an exam room's kiosk session may be), 1366x768."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    try:
        yield display
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_exam_screen_covers_the_screen_without_a_window_manager(
    room: tuple[Path, Path], tmp_path: Path, bare_x: str
) -> None:
    """Full screen is a window manager's doing: on a bare X session the window itself takes
    the whole screen (it stood in a corner at its own size, the instructions cut off)."""
    folder, package = room
    child, probe = start(folder, package, tmp_path, display=bare_x)
    try:
        geometry = probe.with_name(probe.name + ".geometry")
        size, screen = geometry.read_text(encoding="utf-8").split()
        assert size == screen == "1366x768"
    finally:
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
