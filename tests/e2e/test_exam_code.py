"""``simultaan exam code PACKAGE`` and ``exam sign``'s refusal of the placeholder code, as a
centre runs them: a shipped package (code 000000) is refused for signing, naming it; the
centre sets its own code (typed twice without echo at a terminal, or from a file for
tooling), and then the package signs and its code is the centre's, no longer 000000."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.test_cli import run
from trainer.core.exam_package import PLACEHOLDER_CODE, load_package

SHIPPED = REPO / "exams" / "nl-examen-contactcenter-1.exam.yaml"


@pytest.fixture
def centre_key(tmp_path: Path) -> Path:
    done = run("exam", "keygen", "--out", tmp_path / "centre", "--name", "Examencentrum Gent")
    assert done.returncode == 0, done.stderr
    return tmp_path / "centre" / "centre.key"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / SHIPPED.name
    shutil.copyfile(SHIPPED, path)
    return path


def test_a_package_with_the_placeholder_code_is_not_signed(package: Path, centre_key: Path) -> None:
    done = run("exam", "sign", package, "--key", centre_key)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{package}: the supervisor's code is still the placeholder 000000" in done.stderr
    assert f"simultaan exam code {package}" in done.stderr
    assert not package.with_name(package.name + ".sig").exists()


def test_the_centre_sets_its_code_from_a_file_and_then_signs(
    package: Path, centre_key: Path, tmp_path: Path
) -> None:
    before = package.read_text(encoding="utf-8")
    code_file = tmp_path / "code.txt"
    code_file.write_text("582047\n", encoding="utf-8")
    done = run("exam", "code", package, "--code-file", code_file)
    assert done.returncode == 0, done.stderr
    assert f"{package}: the supervisor's code is set" in done.stdout
    loaded = load_package(package)
    assert loaded.code_matches("582047") and not loaded.code_matches(PLACEHOLDER_CODE)
    after = package.read_text(encoding="utf-8")
    changed = [
        line
        for line in set(before.splitlines()) ^ set(after.splitlines())
        if not line.startswith("# the hash of the placeholder")
    ]
    assert len(changed) == 2 and all(c.startswith("supervisor_code:") for c in changed)
    done = run("exam", "sign", package, "--key", centre_key)
    assert done.returncode == 0, done.stderr
    # changed again after signing: the old signature is said not to fit
    code_file.write_text("913355\n", encoding="utf-8")
    done = run("exam", "code", package, "--code-file", code_file)
    assert "no longer fits the package: sign it again" in done.stdout


@pytest.mark.parametrize("code", ["12345", PLACEHOLDER_CODE])
def test_a_code_too_short_or_the_placeholder_changes_nothing(package: Path, code: str) -> None:
    before = package.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "exam", "code", str(package), "--code-file", "-"],
        input=f"{code}\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert package.read_bytes() == before


def _at_terminal(args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run the command at a terminal (a pty, its controlling terminal: getpass reads it),
    typing each answer when asked; returns the exit code and everything the terminal showed."""
    main, side = os.openpty()

    def own_terminal() -> None:  # (in the child: the pty becomes its controlling terminal)
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        [sys.executable, "-m", "trainer", *args],
        stdin=side,
        stdout=side,
        stderr=side,
        start_new_session=True,
        preexec_fn=own_terminal,
    )
    os.close(side)
    shown = b""
    asked_from = 0  # (a prompt is looked for only in what came after the last answer)
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(main, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if pending and shown[asked_from:].rstrip().endswith(b":"):
            os.write(main, (pending.pop(0) + "\n").encode())
            asked_from = len(shown)
    os.close(main)
    return child.wait(timeout=60), shown.decode("utf-8", "replace")


def test_the_code_is_typed_twice_without_echo(package: Path) -> None:
    code, shown = _at_terminal(["exam", "code", str(package)], ["740261", "740261"])
    assert code == 0, shown
    assert "740261" not in shown  # never echoed
    assert "New supervisor's code:" in shown and "The same code again:" in shown
    assert load_package(package).code_matches("740261")


def test_two_codes_that_differ_change_nothing(package: Path) -> None:
    before = package.read_bytes()
    code, shown = _at_terminal(["exam", "code", str(package)], ["740261", "740216"])
    assert code == 1
    assert "the two codes differ: nothing changed" in shown
    assert package.read_bytes() == before
