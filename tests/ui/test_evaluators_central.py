"""The evaluators' screen on a station that has only the central store's URL (a real
PostgreSQL server, tests/postgres.py): two workstations' candidates with their parts, fetched
from the server and verified as local files are; a journal altered in the server's table shows
as altered; the sign-off and both verdicts are stored centrally."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.central_exams import central_files, fast, station, take_part, waiting
from tests.e2e.test_cli import run
from tests.exam_keys import centre, enrolled
from tests.postgres import PostgresServer
from tests.store.central_room import wait_for
from tests.ui.test_evaluators_dialog import CTRL, DICTATION, cells, give, opened, press
from trainer.paths import exercises_dir
from trainer.ui.main_window import MainWindow


@pytest.fixture
def exercises(exercises: Path) -> Path:
    """The test's short drill and the shipped dictation the parts were taken on (the
    bundle's reports)."""
    shutil.copy(exercises_dir() / DICTATION, exercises / Path(DICTATION).name)
    return exercises


@pytest.fixture
def room(
    tmp_path: Path, data_dir: Path, central_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Two workstations of one centre, each with a candidate who took two parts, all sent to
    the central store; this station (the test's data folder) enrolled by the same centre and
    given the central store's URL only."""
    key = centre(tmp_path / "centre")
    folders = []
    for number, candidate, person in ((1, "K-0412", "Sofie Maes"), (2, "K-0413", "Jan Peeters")):
        name = f"Lokaal 2 - PC 0{number}"
        folder = station(key, tmp_path / f"ws0{number}", name)
        for part in (1, 2):
            take_part(folder, name, candidate, person, part)
        folders.append(folder)
    for folder in folders:
        uploader = fast(folder, central_url)
        uploader.start()
        try:
            wait_for(lambda folder=folder: waiting(folder) == 0)  # type: ignore[misc]
        finally:
            uploader.stop()
    enrolled(key, data_dir, "Evaluatie 1")
    monkeypatch.setenv("SIMULTAAN_DATABASE_URL", central_url)
    yield central_url


def test_an_evaluator_with_only_the_url_sees_verifies_and_signs_off_centrally(
    qtbot, room: str, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(qtbot, window)
    candidates = [dialog.exam.itemText(i) for i in range(dialog.exam.count())]
    assert candidates == [  # each with the workstation it was taken on
        "Jan Peeters — nl-onthaal/K-0413 (Lokaal 2 - PC 02)",
        "Sofie Maes — nl-onthaal/K-0412 (Lokaal 2 - PC 01)",
    ]
    parts = cells(dialog.parts)
    assert [row[0] for row in parts] == ["part-01", "part-02"]
    assert all(row[4].startswith("ongewijzigd ('Lokaal 2 - PC 02', ") for row in parts)
    dialog.exam.setCurrentIndex(1)
    assert all(
        row[4].startswith("ongewijzigd ('Lokaal 2 - PC 01', ") for row in cells(dialog.parts)
    )

    give(qtbot, dialog, 1, "Els Wouters", True, "Vlot")
    give(qtbot, dialog, 2, "Marc Claes", True, "Akkoord")
    press(qtbot, dialog, Qt.Key.Key_Return, CTRL)
    press(qtbot, dialog, Qt.Key.Key_T)
    assert dialog.said.text() == "Afgetekend en verzegeld: de oordelen liggen vast."

    exam = "nl-onthaal/K-0412"
    wait_for(lambda: (exam, "signoff.json.seal") in central_files(room))
    with psycopg.connect(room) as db:
        verdicts = db.execute(
            "SELECT seat, evaluator, passed FROM simultaan_verdicts WHERE exam = %s ORDER BY seat",
            (exam,),
        ).fetchall()
    assert verdicts == [(1, "Els Wouters", True), (2, "Marc Claes", True)]
    assert b'"decision": "pass"' in central_files(room)[(exam, "signoff.json")]

    # the bundle for the test centre, from the server's files, verifies whole
    bundle = tmp_path / "K-0412-nl-onthaal.zip"
    chosen = staticmethod(lambda *a, **k: (str(bundle), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
    press(qtbot, dialog, Qt.Key.Key_U)
    assert dialog.said.text() == f"Bundel bewaard: {bundle}"
    done = run("verify", bundle, "--centre-cert", window.store.folder / "exam" / "centre.crt")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_journal_altered_in_the_servers_table_shows_as_altered(
    qtbot, room: str, window: MainWindow
) -> None:
    dialog = opened(qtbot, window)
    assert cells(dialog.parts)[0][4].startswith("ongewijzigd")
    dialog.close()
    with psycopg.connect(room) as db:  # one character of Jan Peeters's first journal
        db.execute(
            "UPDATE simultaan_exam_files SET content = overlay(content placing '9' from 400 for 1)"
            " WHERE exam = 'nl-onthaal/K-0413' AND name = 'part-01.jsonl'"
        )
    dialog = opened(qtbot, window)
    parts = cells(dialog.parts)
    assert parts[0][4].startswith("NIET GELDIG: gewijzigd sinds 'Lokaal 2 - PC 02'")
    assert parts[1][4].startswith("ongewijzigd")
    assert dialog.said.text() == "Let op: niet elk onderdeel is ongewijzigd verzegeld."


def test_the_server_gone_the_exams_as_last_fetched_are_shown_and_that_is_said(
    qtbot, room: str, window: MainWindow, postgres_server: PostgresServer
) -> None:
    opened(qtbot, window).close()
    postgres_server.stop()
    try:
        dialog = opened(qtbot, window)
        assert dialog.exam.count() == 2
        assert all(row[4].startswith("ongewijzigd") for row in cells(dialog.parts))
        assert dialog.said.text().startswith("Zoals laatst opgehaald: ")
        assert "niet bereikbaar" in dialog.said.text()
    finally:
        postgres_server.start()


def test_a_second_evaluator_station_sees_the_sign_off_and_its_verdicts(
    qtbot, room: str, window: MainWindow, tmp_path: Path
) -> None:
    """An exam signed off on another station: fixed here too, with the verdicts it holds."""
    from trainer.store.central_exams import central_sheets
    from trainer.store.db import STORE_FILE, Store
    from trainer.store.exam_sheet import sign_off
    from trainer.store.verdicts import Verdict

    other = tmp_path / "evaluation-2"
    enrolled(tmp_path / "centre" / "centre.key", other, "Evaluatie 2")  # (the same centre)
    store = Store(other / STORE_FILE)
    try:
        [sheet] = [s for s in central_sheets(room, other) if "K-0413" in s.exam]
        store.save_verdict(Verdict(sheet.exam, 1, "Els Wouters", False, "Te traag"))
        store.save_verdict(Verdict(sheet.exam, 2, "Marc Claes", False, ""))
        sign_off(store, sheet)
        uploader = fast(other, room)
        uploader.start()
        try:
            wait_for(lambda: waiting(other) == 0)
        finally:
            uploader.stop()
    finally:
        store.close()
    dialog = opened(qtbot, window)  # Jan Peeters's exam first
    assert dialog.said.text() == "Afgetekend en verzegeld: de oordelen liggen vast."
    seat = dialog.seats[0]
    assert (seat.name.text(), seat.verdict.currentText()) == ("Els Wouters", "Niet geslaagd")
    assert seat.comment.toPlainText() == "Te traag" and not seat.isEnabled()
