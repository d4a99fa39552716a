"""The check that an installed wheel carries its content.

In the repository the exercises, ``assets/`` and ``audio/`` lie at the top of the source tree,
so the command finds them even when packaging forgets them. This module builds and installs the
package for real (``pip install .``, not editable) from a copy of the repository into a fresh
virtual environment, and runs the installed ``simultaan`` from another folder: it must find every
shipped exercise inside its own site-packages (``trainer/_shipped/...``), never in /work/main.

One pip install per test session (a module-scoped fixture); the pip cache keeps repeated runs
quick, the first run may take a minute or more.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

NOT_COPIED = shutil.ignore_patterns(
    ".venv",
    ".git",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".hypothesis",
    ".benchmarks",
    "build",
    "dist",
    "*.egg-info",
    ".setup-stamp",
)


@dataclass(frozen=True)
class Installed:
    """A virtual environment with simultaan installed from ``source``."""

    source: Path
    venv: Path
    site_packages: Path
    workdir: Path  # neither the repository nor its copy

    @property
    def simultaan(self) -> Path:
        return self.venv / "bin" / "simultaan"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def shipped(self) -> Path:
        return self.site_packages / "trainer" / "_shipped"


def clean_env() -> dict[str, str]:
    """The environment without anything that could make the venv see the repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run_in(installed: Installed, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed ``simultaan ARGS``, from a folder outside the repository."""
    return subprocess.run(
        [str(installed.simultaan), *map(str, args)],
        cwd=installed.workdir,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def python_in(installed: Installed, code: str) -> str:
    """Run Python code in the installed venv (outside the repository); its stdout."""
    result = subprocess.run(
        [str(installed.python), "-c", code],
        cwd=installed.workdir,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("installed")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=NOT_COPIED)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", str(source)],
        cwd=root,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert pip.returncode == 0, f"pip install failed:\n{pip.stdout[-3000:]}\n{pip.stderr[-3000:]}"
    workdir = root / "elsewhere"
    workdir.mkdir()
    found = Installed(source, venv, Path(), workdir)
    purelib = python_in(found, "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    return Installed(source, venv, Path(purelib), workdir)


def test_the_installed_package_is_inside_the_venv(installed: Installed) -> None:
    where = Path(python_in(installed, "import trainer; print(trainer.__file__)"))
    assert where.is_relative_to(installed.site_packages), where
    assert not where.is_relative_to(REPO)
    # not an editable install pointing back to the source copy either
    assert not where.is_relative_to(installed.source)


def test_the_shipped_content_is_inside_site_packages(installed: Installed) -> None:
    folders = python_in(
        installed,
        "from trainer import paths; "
        "print(paths.exercises_dir(), paths.assets_dir(), paths.audio_dir(), sep='\\n')",
    ).splitlines()
    assert [Path(f) for f in folders] == [
        installed.shipped / "exercises",
        installed.shipped / "assets",
        installed.shipped / "audio",
    ]
    style = installed.shipped / "assets" / "style.qss"
    assert style.read_bytes() == (installed.source / "assets" / "style.qss").read_bytes()
    # every file of audio/ and exercises/, byte for byte
    for folder in ("audio", "exercises"):
        files = [p for p in (installed.source / folder).rglob("*") if p.is_file()]
        assert files, f"nothing in {folder}/ to compare"
        for original in files:
            copy = installed.shipped / original.relative_to(installed.source)
            assert copy.is_file(), f"{copy} is missing"
            assert copy.read_bytes() == original.read_bytes()


def test_installed_list_finds_every_exercise(installed: Installed) -> None:
    result = run_in(installed, "list", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no broken files skipped
    rows = json.loads(result.stdout)
    # every exercise file; a language's knowledge base (knowledge/) holds articles, not exercises
    files = (installed.source / "exercises").rglob("*.yaml")
    assert len(rows) == len([f for f in files if f.parent.name != "knowledge"])
    assert len(rows) >= 15
    for row in rows:
        assert Path(row["file"]).is_relative_to(installed.shipped / "exercises"), row["file"]


def test_installed_validate_accepts_the_installed_exercises(installed: Installed) -> None:
    result = run_in(installed, "validate", installed.shipped / "exercises")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_installed_score(installed: Installed) -> None:
    (installed.workdir / "ref.txt").write_text("hello world\n", encoding="utf-8")
    # "helo", Backspace, "lo world": 13 keystrokes give "hello world" (11), 1 fix, 1 erased char
    (installed.workdir / "in.txt").write_text("helo\blo world", encoding="utf-8")
    result = run_in(
        installed, "score", "--reference", "ref.txt", "--input-stream", "in.txt", "--json"
    )
    assert result.returncode == 0, result.stderr
    scored = json.loads(result.stdout)
    assert scored["correct"] == 11
    assert scored["incorrect_not_fixed"] == 0
    assert scored["incorrect_fixed"] == 1
    assert scored["fixes"] == 1
    assert scored["keystrokes"] == 13
    assert scored["passed"] is True


def test_installed_version_matches_the_source(installed: Installed) -> None:
    result = run_in(installed, "--version")
    assert result.returncode == 0
    version = python_in(installed, "import trainer; print(trainer.__version__)")
    assert result.stdout.strip() == f"simultaan {version}"
    source_init = (installed.source / "trainer" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{version}"' in source_init
