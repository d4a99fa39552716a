"""Python code run in a fresh interpreter, for what only a new process shows: what a start
imports, what a module keeps, what a thread does before anything else touches it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO


def run_probe(probe: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run ``probe`` (Python code) offscreen in a fresh interpreter; its stdout, stripped."""
    started = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=REPO,
        env=os.environ | {"QT_QPA_PLATFORM": "offscreen"} | (env or {}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 0, started.stderr
    return started.stdout.strip()
