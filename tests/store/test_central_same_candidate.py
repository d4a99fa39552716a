"""Two workstations given the same candidate number for one package (a supervisor's slip) on a
real PostgreSQL server (tests/postgres.py): the central store keeps both exams, each file as its
workstation sent it, and the evaluators see two exams; an exam start on the second workstation
is refused while the central store can say the number is taken, and goes ahead when the number
is free or the server cannot be reached."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.central_exams import PACKAGE, fast, station, take_part, waiting
from tests.e2e.test_cli import run
from tests.exam_keys import centre
from tests.exams import enrol_workstation, signed_package
from tests.postgres import PostgresServer
from tests.store.central_room import wait_for
from trainer.core.exam_run import ExamError
from trainer.core.messages import message_of
from trainer.store.central import CentralStore
from trainer.store.central_exams import central_sheets
from trainer.store.db import STORE_FILE, Store
from trainer.store.exam_files import ExamFile
from trainer.store.exam_room import prepare_exam
from trainer.store.exam_sheet import sign_off
from trainer.store.verdicts import Verdict


def files_by_workstation(url: str) -> dict[tuple[str, str, str], bytes]:
    with psycopg.connect(url) as db:
        rows = db.execute(
            "SELECT exam, workstation, name, content FROM simultaan_exam_files"
        ).fetchall()
    return {(e, w, n): bytes(c) for e, w, n, c in rows}


def test_the_same_candidate_on_two_workstations_loses_nothing(
    tmp_path: Path, central_url: str
) -> None:
    key = centre(tmp_path / "centre")
    rooms = {
        "PC 07": station(key, tmp_path / "ws07", "PC 07"),
        "PC 08": station(key, tmp_path / "ws08", "PC 08"),
    }
    for name, folder in rooms.items():  # both given K-0412 (the number twice), on computers
        # cloned from one image: the same computer's name in their journals
        take_part(folder, "vm", "K-0412", f"Kandidaat op {name}", 1)
    uploaders = [fast(folder, central_url) for folder in rooms.values()]
    for uploader in uploaders:
        uploader.start()
    try:
        wait_for(lambda: all(waiting(folder) == 0 for folder in rooms.values()))
    finally:
        for uploader in uploaders:
            uploader.stop()
    held = files_by_workstation(central_url)
    exam = f"{PACKAGE}/K-0412"
    for name, folder in rooms.items():  # each workstation's three files, as it sent them
        for path in (folder / "exams" / PACKAGE / "K-0412").glob("part-01*"):
            assert held[(exam, name, path.name)] == path.read_bytes()
    assert len(held) == 6

    # the evaluators see two exams, each whole, and sign each off on its own
    evaluators = station(key, tmp_path / "evaluators", "Evaluatie 1", central_url)
    sheets = central_sheets(central_url, evaluators)
    assert sorted(s.candidate for s in sheets) == ["Kandidaat op PC 07", "Kandidaat op PC 08"]
    assert sorted(s.exam for s in sheets) == [f"{exam} (PC 07)", f"{exam} (PC 08)"]
    assert all(s.intact for s in sheets)
    store = Store(evaluators / STORE_FILE)
    try:
        for sheet in sheets:
            for seat, who in ((1, "An De Smet"), (2, "Pieter Claes")):
                store.save_verdict(Verdict(sheet.exam, seat, who, "PC 08" in sheet.candidate, ""))
            sign_off(store, sheet)
    finally:
        store.close()
    uploader = fast(evaluators, central_url)
    uploader.start()
    try:
        wait_for(lambda: waiting(evaluators) == 0)
    finally:
        uploader.stop()
    with psycopg.connect(central_url) as db:
        verdicts = db.execute(
            "SELECT workstation, seat, passed FROM simultaan_verdicts ORDER BY 1, 2"
        ).fetchall()
    assert verdicts == [("PC 07", 1, False), ("PC 07", 2, False), ("PC 08", 1, True),
                        ("PC 08", 2, True)]  # fmt: skip
    signoffs = [k for k in files_by_workstation(central_url) if k[2] == "signoff.json"]
    assert sorted(signoffs) == [(exam, "PC 07", "signoff.json"), (exam, "PC 08", "signoff.json")]


def _room_says(url: str, workstation: str, package: str, candidate: str) -> None:
    """Another workstation's exam screen open for ``candidate`` (its heartbeat)."""
    status = (
        f'{{"workstation": "{workstation}", "candidate": "{candidate}", "name": "",'
        f' "package": "{package}", "part": 1, "parts": 1, "stage": "check_in",'
        f' "remaining": 600, "updated_at": "2026-12-01T00:30:00+00:00"}}'
    )
    central = CentralStore(url)
    try:
        central.put_statuses([(workstation, status, "2026-12-01T00:30:00+00:00")])
    finally:
        central.close()


def test_an_exam_start_with_a_number_taken_elsewhere_is_refused(
    tmp_path: Path, data_dir: Path, central_url: str, postgres_server: PostgresServer
) -> None:
    package = signed_package(tmp_path / "pakket", enrol_workstation(tmp_path / "centre", data_dir))
    (data_dir / "settings.toml").write_text(f'database_url = "{central_url}"\n')
    _room_says(central_url, "PC 11", "nl-proefexamen", "K-0412")
    _room_says(central_url, "PC 07", "nl-proefexamen", "K-0413")  # this station's own
    # parts sent by other stations (their enrolled names), and by this one ('PC 07')
    central = CentralStore(central_url)
    try:
        central.put_files(
            [
                ExamFile(Path("x"), 1, f"nl-proefexamen/{number}", "part-01.jsonl", station, b"{}")
                for number, station in (("K-0415", "PC 09"), ("K-0416", "PC 07"))
            ]
        )
    finally:
        central.close()

    # the supervisor is told by the command, before anything opens
    done = run("exam", "start", package, "--candidate", "K-0412", "--check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (
        "candidate number K-0412 is already in use for package nl-proefexamen on workstation"
        " PC 11" in done.stderr
    ), done.stderr
    with pytest.raises(ExamError) as refused:
        prepare_exam(data_dir, package, "K-0412", central_url)
    said = message_of(refused.value)
    assert said is not None and said.code == "exam_candidate_elsewhere"
    assert said.params["workstation"] == "PC 11" and said.params["candidate"] == "K-0412"
    assert not (data_dir / "exams" / "nl-proefexamen" / "K-0412").exists()  # nothing begun
    with pytest.raises(ExamError) as refused:
        prepare_exam(data_dir, package, "K-0415", central_url)
    said = message_of(refused.value)
    assert said is not None and said.params["workstation"] == "PC 09"
    # a number free in the room, or held by this workstation itself: the exam goes ahead
    assert prepare_exam(data_dir, package, "K-0414", central_url).candidate == "K-0414"
    assert prepare_exam(data_dir, package, "K-0413", central_url).candidate == "K-0413"
    assert prepare_exam(data_dir, package, "K-0416", central_url).candidate == "K-0416"
    # the server gone: the number cannot be checked, the exam goes ahead (files kept apart)
    postgres_server.stop()
    try:
        assert prepare_exam(data_dir, package, "K-0412", central_url).candidate == "K-0412"
    finally:
        postgres_server.start()


def test_a_schema_2_central_store_is_brought_up_keeping_its_files(
    tmp_path: Path, central_url: str
) -> None:
    """A room's server from before: its files and verdicts kept, and from then on keyed by
    workstation too."""
    with psycopg.connect(central_url, autocommit=True) as db:
        db.execute(
            "CREATE TABLE simultaan_schema (version integer NOT NULL);"
            " INSERT INTO simultaan_schema VALUES (2);"
            " CREATE TABLE simultaan_exam_files (exam text NOT NULL, name text NOT NULL,"
            " workstation text NOT NULL, content bytea NOT NULL,"
            " uploaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (exam, name));"
            " CREATE TABLE simultaan_verdicts (exam text NOT NULL, seat integer NOT NULL,"
            " evaluator text NOT NULL, passed boolean NOT NULL, comment text NOT NULL,"
            " saved_at text NOT NULL, signed_at text NOT NULL, PRIMARY KEY (exam, seat));"
            " INSERT INTO simultaan_exam_files (exam, name, workstation, content)"
            " VALUES ('nl-onthaal/K-0412', 'part-01.jsonl', 'PC 07', 'oud');"
        )
    key = centre(tmp_path / "centre")
    folder = station(key, tmp_path / "ws08", "PC 08")
    take_part(folder, "PC 08", "K-0412", "Kandidaat op PC 08", 1)
    uploader = fast(folder, central_url)
    uploader.start()
    try:
        wait_for(lambda: waiting(folder) == 0)
    finally:
        uploader.stop()
    held = files_by_workstation(central_url)
    assert held[("nl-onthaal/K-0412", "PC 07", "part-01.jsonl")] == b"oud"
    assert ("nl-onthaal/K-0412", "PC 08", "part-01.jsonl") in held
    with psycopg.connect(central_url) as db:
        assert db.execute("SELECT max(version) FROM simultaan_schema").fetchone() == (3,)
