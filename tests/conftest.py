"""Test set-up shared by every suite.

Qt must run offscreen (set before anything imports Qt), and no test may touch the real user's
data folder or settings: every test gets its own data folder through the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.postgres import central_url, postgres_server  # noqa: F401 (the central store's)
from tests.sound import use_own_sink

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app speaks the system's language (and the command the environment's): the tests read
# Dutch in the app and English from the command, whatever the machine's locale. A test that
# wants another language sets it itself.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)
# a pytest-xdist worker plays into a null sink of its own (before anything opens a stream)
use_own_sink()

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has its own data folder; the user's own folder is never touched."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SIMULTAAN_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # the exercise cache
    return folder


@pytest.fixture
def data_dir(_private_data_dir: Path) -> Path:
    """The test's data folder, created."""
    _private_data_dir.mkdir(parents=True, exist_ok=True)
    return _private_data_dir
