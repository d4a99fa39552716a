"""Starting the desktop app where it cannot show a window says so, without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_no_screen_gives_a_clear_message_and_exit_1() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    started = subprocess.run(
        [sys.executable, "-m", "trainer"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert started.returncode == 1
    assert "no screen found" in started.stderr and "xvfb-run" in started.stderr
    assert "Traceback" not in started.stderr


def test_an_unusable_data_folder_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    started = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(blocker / "data")],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert str(blocker) in started.stderr
    assert "Traceback" not in started.stderr
