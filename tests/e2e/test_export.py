"""``simultaan export`` as a coach's script runs it: a real process on a real store of
generated sessions (journals written by the app's writer and scored by ``score()``), its CSV or
JSON read back as a script reads it, compared with the results the store holds."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.generated import generate
from trainer.core.loader import load_catalog
from trainer.paths import exercises_dir
from trainer.store.db import STORE_FILE, SessionRow, Store
from trainer.store.session_filter import SessionFilter

TYPING_KEYS = (
    "net_wpm",
    "keystrokes",
    "word_errors",
    "word_error_rate",
    "msd_error_rate",
    "total_error_rate",
    "corrected_error_rate",
    "kspc",
    "incorrect_fixed",
    "fixes",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("export") / "data", sessions=120, trainees=6)


@pytest.fixture(scope="module")
def stored(folder: Path) -> dict[int, SessionRow]:
    store = Store(folder / STORE_FILE)
    try:
        return {row.id: row for row in store.sessions(SessionFilter())}
    finally:
        store.close()


def export(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "export", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def csv_rows(folder: Path, out: Path, *args: str) -> list[dict[str, str]]:
    done = export(folder, "-o", str(out), *args)
    assert done.returncode == 0, done.stderr
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # RFC 4180: every line ends in CRLF
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def test_the_csv_gives_back_every_session_with_the_numbers_the_store_holds(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    rows = csv_rows(folder, tmp_path / "sessions.csv")
    assert [int(r["session_id"]) for r in rows] == sorted(stored)
    assert stat.S_IMODE((tmp_path / "sessions.csv").stat().st_mode) == 0o600  # private
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == {"copy", "dictation", "call"}, kinds
    for r in rows:
        row = stored[int(r["session_id"])]
        result = row.result
        assert result is not None
        assert r["trainee"] == row.trainee and r["exercise_id"] == row.exercise_id
        assert r["started_at"] == row.started_at
        assert date.fromisoformat(r["started_at"][:10])  # ISO dates
        assert r["status"] == result["ended"]
        assert r["passed"] == ("true" if result["passed"] else "false")
        typing = result.get("typing")
        if typing:
            assert number(r["error_rate"]) == typing["error_rate"]
            assert number(r["wpm"]) == typing["wpm"]
            assert r["margin"] == str(typing["margin"]) and r["unit"] == typing["unit"]
            for key in TYPING_KEYS:
                assert number(r[key]) == typing[key], key
        else:  # a call: its data entry, from its fields
            checked = [f for f in result["fields"] if f["verdict"] != "not_given"]
            right = sum(f["verdict"] == "right" for f in checked)
            assert int(r["fields_checked"]) == len(checked)
            assert int(r["fields_right"]) == right
            assert number(r["data_entry_accuracy"]) == right / len(checked)
            assert r["error_rate"] == "" and r["wpm"] == ""
            assert number(r["handling_time"]) == result["handling_time"]
        assert "," not in r["error_rate"] + r["wpm"] + r["duration_seconds"]  # dot decimals
        assert "e" not in r["error_rate"].lower()  # never 1e-05


def test_json_has_the_same_rows_with_numbers_as_numbers(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    done = export(folder, "--format", "json", "-o", str(tmp_path / "s.json"))
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert document["table"] == "sessions" and document["simultaan_export"] == 1
    assert len(document["rows"]) == len(stored)
    for r in document["rows"]:
        result = stored[r["session_id"]].result
        assert result is not None
        assert r["passed"] is result["passed"]
        assert list(r) == document["columns"]
        if "typing" in result:
            assert r["error_rate"] == result["typing"]["error_rate"]
            assert r["margin"] == result["typing"]["margin"]


def test_each_filter_selects_what_it_says(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    out = tmp_path / "f.csv"
    everybody = sorted({row.trainee for row in stored.values()})
    one, other = everybody[0], everybody[1]
    mine = csv_rows(folder, out, "--trainee", one.upper())  # case does not count
    assert {r["trainee"] for r in mine} == {one}
    assert len(mine) == sum(row.trainee == one for row in stored.values())
    two = csv_rows(folder, out, "--trainee", one, "--trainee", other)
    assert len(two) == len(mine) + sum(row.trainee == other for row in stored.values())

    days = sorted(row.started_at[:10] for row in stored.values())
    since, until = days[len(days) // 4], days[len(days) // 2]
    between = csv_rows(folder, out, "--from", since, "--to", until)
    assert between and all(since <= r["started_at"][:10] <= until for r in between)
    assert len(between) == sum(since <= d <= until for d in days)  # both days included

    calls = csv_rows(folder, out, "--kind", "call")
    assert calls and {r["kind"] for r in calls} == {"call"}
    # the kind of each stored session's exercise, as the shipped files say (outbound calls too)
    kinds = {e.exercise.id: e.exercise.kind for e in load_catalog([exercises_dir()]).entries}
    assert len(calls) == sum(kinds[row.exercise_id] == "call" for row in stored.values())

    passed = csv_rows(folder, out, "--passed", "yes")
    failed = csv_rows(folder, out, "--passed", "no")
    assert {r["passed"] for r in passed} == {"true"} and {r["passed"] for r in failed} == {"false"}
    assert len(passed) + len(failed) == len(stored)

    both = csv_rows(folder, out, "--trainee", one, "--kind", "copy", "--passed", "yes")
    assert all(r["trainee"] == one and r["kind"] == "copy" and r["passed"] == "true" for r in both)


def test_one_row_per_field_a_call_checked_and_per_competence(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    fields = csv_rows(folder, tmp_path / "fields.csv", "--table", "fields")
    calls = {i: row.result for i, row in stored.items() if row.result and "fields" in row.result}
    assert len(fields) == sum(len(r["fields"]) for r in calls.values())
    for r in fields:
        field = next(f for f in calls[int(r["session_id"])]["fields"] if f["id"] == r["field_id"])
        assert (r["verdict"], r["expected"]) == (field["verdict"], field["expected"])
        assert r["entered"] == (field["value"] or "")
        assert number(r["seconds_after_said"]) == field["seconds_after_said"]
    assert {r["verdict"] for r in fields} >= {"right", "wrong"}

    competences = csv_rows(folder, tmp_path / "c.csv", "--table", "competences")
    assert len(competences) == sum(len(r["competences"]) for r in calls.values())
    for r in competences:
        judged = next(
            c for c in calls[int(r["session_id"])]["competences"] if c["code"] == r["code"]
        )
        assert r["shown"] == ("true" if judged["shown"] else "false")
        assert r["reasons"] == ";".join(reason["code"] for reason in judged["reasons"])
    assert any(r["shown"] == "false" and r["reasons"] for r in competences)


def test_groups_and_archived_trainees(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    """``--group`` selects a group's trainees; an archived trainee is left out, as in the
    app's sessions list, unless ``--archived`` asks for them or ``--trainee`` names them."""
    copy = tmp_path / "data"
    shutil.copytree(folder, copy)
    everybody = sorted({(row.trainee, row.trainee_id) for row in stored.values()})
    (gone, gone_id), (evening, evening_id) = everybody[0], everybody[1]
    store = Store(copy / STORE_FILE)
    try:
        store.set_trainee_archived(gone_id, True)
        store.set_trainee_group(evening_id, store.group_named("Avondklas").id)
    finally:
        store.close()
    count = Counter(row.trainee for row in stored.values())
    out = tmp_path / "g.csv"

    shown = csv_rows(copy, out)
    assert gone not in {r["trainee"] for r in shown}
    assert len(shown) == len(stored) - count[gone]
    assert len(csv_rows(copy, out, "--archived")) == len(stored)
    named = csv_rows(copy, out, "--trainee", gone)
    assert len(named) == count[gone] and {r["trainee"] for r in named} == {gone}

    group = csv_rows(copy, out, "--group", "avondklas")  # case does not count
    assert {r["trainee"] for r in group} == {evening} and len(group) == count[evening]
    first = csv_rows(copy, out, "--group", "Groep 1")  # the generated trainees' group
    assert evening not in {r["trainee"] for r in first} and gone not in {
        r["trainee"] for r in first
    }
    assert len(first) == len(stored) - count[gone] - count[evening]
    both = csv_rows(copy, out, "--group", "Groep 1", "--group", "Avondklas", "--archived")
    assert len(both) == len(stored)

    done = run_fails(copy, "-o", str(out), "--group", "Nergens")
    assert done.returncode == 1 and "no group named 'Nergens'" in done.stderr
    assert "Avondklas" in done.stderr


def run_fails(folder: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    done = export(folder, "--lang", lang, *args)
    assert "Traceback" not in done.stderr
    return done


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("--from", "2026-13-01"), 2, "not a date as YYYY-MM-DD (e.g. 2026-11-30): '2026-13-01'"),
        (("--to", "30/11/2026"), 2, "'30/11/2026'"),
        (("--from", "2026-06-01", "--to", "2026-05-31"), 2, "--from 2026-06-01 is after --to"),
        (("--trainee", "Niemand Hier"), 1, "no trainee named 'Niemand Hier'"),
        (("--kind", "exam"), 2, "invalid choice: 'exam'"),
    ],
)
def test_a_wrong_option_is_said_with_its_exit_code(
    folder: Path, tmp_path: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    out = tmp_path / "x.csv"
    done = run_fails(folder, "-o", str(out), *args)
    assert done.returncode == code and said in done.stderr, done.stderr
    assert not out.exists()


def test_what_is_wrong_is_said_in_dutch_and_french(folder: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x.csv")
    nl = run_fails(folder, "-o", out, "--trainee", "Niemand", lang="nl")
    fr = run_fails(folder, "-o", out, "--from", "gisteren", lang="fr")
    assert nl.returncode == 1 and "Niemand" in nl.stderr and "no trainee" not in nl.stderr
    assert fr.returncode == 2 and "gisteren" in fr.stderr and "not a date" not in fr.stderr


def test_no_store_or_no_place_to_write_is_said(folder: Path, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    done = run_fails(empty, "-o", str(tmp_path / "x.csv"))
    assert done.returncode == 1 and f"{empty}: no Simultaan store here" in done.stderr
    assert not (empty / STORE_FILE).exists()  # an export never makes a store
    nowhere = tmp_path / "weg" / "x.csv"
    done = run_fails(folder, "-o", str(nowhere))
    assert done.returncode == 1 and str(nowhere) in done.stderr


def test_the_unknown_trainee_message_lists_who_there_is(
    folder: Path, stored: dict[int, SessionRow], tmp_path: Path
) -> None:
    done = run_fails(folder, "-o", str(tmp_path / "x.csv"), "--trainee", "Niemand")
    someone = next(iter(stored.values())).trainee
    assert someone in done.stderr


def as_rows(text: str) -> list[dict[str, Any]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_dash_writes_to_standard_output(folder: Path, stored: dict[int, SessionRow]) -> None:
    done = export(folder, "-o", "-", "--kind", "dictation")
    assert done.returncode == 0, done.stderr
    rows = as_rows(done.stdout)
    assert rows and {r["kind"] for r in rows} == {"dictation"}


def test_a_reader_that_stops_early_is_no_error(folder: Path) -> None:
    command = f"'{sys.executable}' -m trainer export --data-dir '{folder}' -o - | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("session_id,trainee,")
    assert done.stderr == ""


def test_the_command_reads_the_store_the_app_writes() -> None:
    from trainer.ui.main_window import STORE_FILE as APP_STORE

    assert APP_STORE == STORE_FILE
