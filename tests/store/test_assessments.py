"""A coach's rubric assessment kept with its session: saved, read back, edited in place, kept
through a store of an older Simultaan brought up to schema 5, and exported by
``simultaan export --table rubric`` as a script reads it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from trainer.core.rubric import Assessment, CompetenceAssessment
from trainer.store.db import _MIGRATIONS, SCHEMA_VERSION, STORE_FILE, Store


def _session(store: Store, folder: Path, trainee: str = "Ine Claes") -> int:
    person = store.trainee_named(trainee)
    journal = folder / f"{person.id}.jsonl"
    journal.write_text(json.dumps({"trainee": trainee}) + "\n", encoding="utf-8")
    sid = store.start_session(person.id, "nl-call-01", "h", "Adreswijziging", "practice", journal)
    store.finish_session(sid, "finished", {"passed": True, "kind": "call"})
    return sid


def _assessment(sid: int, coach: str = "Marleen  Peeters") -> Assessment:
    return Assessment(
        sid,
        coach,
        (
            CompetenceAssessment(
                "co 01671", {"greeting": 3, "clarifying": 1}, "Vraagt te weinig door."
            ),
            CompetenceAssessment("co 0167", {}, "  Bleef rustig bij de klacht. "),
            CompetenceAssessment("D140801 Id234", {}, "   "),  # nothing said: not kept
        ),
    )


def test_an_assessment_is_kept_with_its_session_and_replaced_when_edited(tmp_path: Path) -> None:
    store = Store(tmp_path / STORE_FILE)
    sid = _session(store, tmp_path)
    other = _session(store, tmp_path, "Jonas Peeters")
    assert store.assessment(sid) is None
    saved = store.save_assessment(_assessment(sid))
    store.close()
    store = Store(tmp_path / STORE_FILE)  # read back from the file, not from memory
    found = store.assessment(sid)
    assert found == saved and found is not None
    assert found.coach == "Marleen Peeters" and found.saved_at
    assert [c.code for c in found.competences] == ["co 01671", "co 0167"]
    assert found.of("co 01671") == CompetenceAssessment(
        "co 01671", {"greeting": 3, "clarifying": 1}, "Vraagt te weinig door."
    )
    assert found.of("co 0167").comment == "Bleef rustig bij de klacht."  # type: ignore[union-attr]
    assert store.assessment(other) is None
    # edited later: the new answers replace the old ones, not beside them
    store.save_assessment(
        Assessment(sid, "Marleen Peeters", (CompetenceAssessment("co 01671", {"greeting": 2}),))
    )
    again = store.assessment(sid)
    assert again is not None and again.competences == (
        CompetenceAssessment("co 01671", {"greeting": 2}),
    )
    store.close()


def test_a_schema_4_store_opens_and_takes_assessments(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:  # a store as version 4 left it, with a session
        db.executescript("".join(_MIGRATIONS[n] for n in (1, 2, 3, 4)) + "PRAGMA user_version = 4;")
        db.execute("INSERT INTO trainees(name, created_at) VALUES ('Ine Claes', 'x')")
        db.execute(
            "INSERT INTO sessions(trainee_id, exercise_id, exercise_hash, mode, started_at,"
            " status, journal_path) VALUES (1, 'nl-call-01', 'h', 'practice',"
            " '2026-03-02T09:41:07+01:00', 'finished', 'journals/a.jsonl')"
        )
    assert SCHEMA_VERSION >= 5  # (6: the trainee's keyboard, tests/store/test_keyboard_column.py)
    store = Store(path)
    store.save_assessment(_assessment(1))
    assert store.assessment(1) is not None
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_export_rubric_gives_a_row_per_criterion_scored(tmp_path: Path) -> None:
    store = Store(tmp_path / STORE_FILE)
    sid = _session(store, tmp_path)
    _session(store, tmp_path, "Jonas Peeters")  # not assessed: no rows
    store.save_assessment(_assessment(sid))
    store.close()
    out = tmp_path / "rubric.csv"
    done = subprocess.run(
        [sys.executable, "-m", "trainer", "export", "--data-dir", str(tmp_path),
         "--table", "rubric", "-o", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    got = [(r["session_id"], r["trainee"], r["competence"], r["criterion"], r["score"],
            r["comment"], r["coach"]) for r in rows]  # fmt: skip
    assert got == [
        (
            str(sid),
            "Ine Claes",
            "co 01671",
            "greeting",
            "3",
            "Vraagt te weinig door.",
            "Marleen Peeters",
        ),
        (
            str(sid),
            "Ine Claes",
            "co 01671",
            "clarifying",
            "1",
            "Vraagt te weinig door.",
            "Marleen Peeters",
        ),
        (
            str(sid),
            "Ine Claes",
            "co 0167",
            "",
            "",
            "Bleef rustig bij de klacht.",
            "Marleen Peeters",
        ),
    ]
    assert all(r["assessed_at"] for r in rows)
