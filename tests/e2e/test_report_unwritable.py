"""A session report's PDF that cannot be written is said, naming the file, as HTML and CSV
are: Qt's PDF writer alone would end without a word and without a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_cli import run
from tests.report_sessions import DRILL_ID, drill_session


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sessions")
    drill_session(folder)
    return folder / "drill.jsonl"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_pdf_in_a_folder_that_is_not_there_exits_1_naming_it(
    drill: Path, tmp_path: Path, lang: str
) -> None:
    unwritable = tmp_path / "no-such-folder" / "x.pdf"
    done = run("report", "--lang", lang, DRILL_ID, drill, "--format", "pdf", "-o", unwritable)
    assert done.returncode == 1, done.stdout
    assert str(unwritable) in done.stderr and "Traceback" not in done.stderr
    assert "No such file or directory" in done.stderr  # why, in words
    assert not unwritable.exists() and str(unwritable) not in done.stdout


def test_a_pdf_over_a_folder_exits_1_and_one_that_can_be_written_is_there(
    drill: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "rapport.pdf"
    folder.mkdir()
    done = run("report", DRILL_ID, drill, "--format", "pdf", "-o", folder)
    assert done.returncode == 1 and str(folder) in done.stderr
    written = tmp_path / "ok.pdf"
    done = run("report", DRILL_ID, drill, "--format", "pdf", "-o", written)
    assert done.returncode == 0, done.stderr
    assert written.read_bytes().startswith(b"%PDF") and str(written) in done.stdout
