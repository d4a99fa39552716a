"""The desktop bundle (README: ``pyinstaller build.spec``) carries the code and the content.

PyInstaller follows imports it can see; the app loads its screens lazily and finds its content
through ``sys._MEIPASS``, so a bundle can build fine and still miss a screen or the calls. This
builds it for real (1.5-2 minutes) and uses the bundled ``simultaan`` as an exam room would: list
and validate the shipped exercises, re-score a recorded call, and start the window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.core.test_shipped_calls import CALLS, simulate
from tests.e2e.test_validate_loudness import library_with_a_soft_clip
from tests.journals import write_journal


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled ``simultaan`` executable, built from build.spec into a temporary folder."""
    work = tmp_path_factory.mktemp("bundle")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(REPO / "build.spec"),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    return work / "dist" / "simultaan" / "simultaan"


def run(exe: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_bundle_lists_and_validates_every_shipped_exercise(
    bundled: Path, tmp_path: Path
) -> None:
    listed = run(bundled, "list", "--json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    exercises = json.loads(listed.stdout)
    ids = {e["id"] for e in exercises}
    assert {c.id for c in CALLS} <= ids
    assert {e["kind"] for e in exercises} == {"copy", "dictation", "call", "chat", "queue"}
    # the content inside the bundle, not the repository's
    inside = bundled.parent / "_internal" / "exercises"
    checked = run(bundled, "validate", str(inside), cwd=tmp_path)
    # validate checks the exercises and the knowledge bases' article files
    articles = len(list(inside.glob("*/knowledge/*.yaml")))
    assert articles >= 3  # (a language's knowledge base at least)
    assert checked.returncode == 0
    assert f"{len(exercises) + articles} files are valid" in checked.stderr


def test_the_bundle_rescores_a_recorded_call(bundled: Path, tmp_path: Path) -> None:
    call = next(c for c in CALLS if c.level == 4 and c.language == "nl")
    journal = tmp_path / "gesprek.jsonl"
    write_journal(journal, call, simulate(call), trainee="Examenzaal")
    source = next((REPO / "exercises").rglob(f"{call.id}.yaml"))
    told = run(bundled, "replay", str(source), str(journal), "--json", cwd=tmp_path)
    assert told.returncode == 0, told.stderr
    result = json.loads(told.stdout)
    assert result["exercise_id"] == call.id and result["passed"] is True
    assert {c["code"] for c in result["competences"]} >= {"co 01670", "co 01669"}


def test_the_bundle_measures_a_clip_librarys_loudness(bundled: Path, tmp_path: Path) -> None:
    """pyloudnorm's filters come from scipy, which the bundle must carry whole (build.spec
    leaves out only what the app never loads)."""
    manifest, _levelled = library_with_a_soft_clip(tmp_path / "audio")
    checked = run(bundled, "validate", str(manifest.parent), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "nl-zacht-01" in checked.stdout and "is at -26 LUFS" in checked.stdout
    assert "1 warning" in checked.stderr


def test_the_bundled_window_starts_and_stays_up(bundled: Path, tmp_path: Path) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "SIMULTAAN_DATA_DIR": str(tmp_path)}
    app = subprocess.Popen(
        [str(bundled)], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        time.sleep(4)
        assert app.poll() is None, app.communicate()[1].decode()[-2000:]
    finally:
        app.kill()
        app.wait()
    assert (tmp_path / "simultaan.sqlite3").is_file()  # the window opened its store


def test_the_bundle_carries_its_translations(bundled: Path, tmp_path: Path) -> None:
    """The command's French and the app's, and Qt's own words for its dialogs."""
    told = run(bundled, "--lang", "fr", "list", "--bogus", cwd=tmp_path)
    assert told.returncode == 2 and "arguments inconnus : --bogus" in told.stderr
    folder = bundled.parent / "_internal" / "assets" / "translations"
    shipped = {path.name for path in folder.iterdir()}
    assert {"simultaan_fr.qm", "simultaan_en.qm", "qtbase_fr.qm", "qtbase_nl.qm"} <= shipped
