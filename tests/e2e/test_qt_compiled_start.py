"""PySide6's own Python compiled once (trainer/qt_compiled.py), in fresh processes: the app's
start keeps it, the next start compiles none of it, and PySide6 behaves the same with it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO
from tests.probes import run_probe
from trainer import qt_compiled

# what PySide6's support modules make: signatures, and the message for a wrong argument
PROBE = """
import sys
from trainer import qt_compiled
served, compiled = qt_compiled.import_qt()
qt_compiled.save()
from PySide6.QtCore import QObject, QTimer
from shibokensupport.signature import get_signature
print(served, compiled)
print(get_signature(QTimer.singleShot))
print(get_signature(QObject.setObjectName))
try:
    QObject().setObjectName(12)
except TypeError as wrong:
    print(wrong)
"""
# Python writes its compiled files here, and so does the cache (the tests' runner may not)
WRITING = {"PYTHONDONTWRITEBYTECODE": ""}


def _cache() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "simultaan" / qt_compiled.CACHE_NAME


def test_a_started_app_keeps_pysides_compiled_python_and_the_next_start_compiles_none(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    app = subprocess.Popen(
        [sys.executable, "-m", "trainer", "--data-dir", str(tmp_path / "data")],
        cwd=REPO,
        env=env | {"QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not _cache().exists():  # (written once the exercise list is filled)
            assert app.poll() is None, app.stderr.read().decode() if app.stderr else ""
            assert time.monotonic() < deadline, "the app kept no compiled code"
            time.sleep(0.05)
    finally:
        app.terminate()
        app.wait(10)

    served, compiled = run_probe(PROBE, env=WRITING).splitlines()[0].split()

    assert int(served) >= 10  # signature_bootstrap and 13 of shibokensupport in PySide6 6.11
    assert int(compiled) == 0


def test_pyside_says_the_same_from_its_compiled_python() -> None:
    compiled_at_start = run_probe(PROBE, env=WRITING).splitlines()
    from_the_cache = run_probe(PROBE, env=WRITING).splitlines()

    assert compiled_at_start[0].split()[0] == "0"  # (a new cache: all compiled, then kept)
    assert from_the_cache[0].split()[1] == "0"  # (all served)
    assert "Supported signatures:" in from_the_cache[-2]
    assert from_the_cache[1:] == compiled_at_start[1:]
