"""The session report's CSV opened in a spreadsheet: what the trainee typed into a field can
never run as a formula there (a leading apostrophe, as in the export), numbers stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.core.test_call_engine import Desk, good_operator
from tests.core.test_shipped_calls import CALLS
from tests.e2e.test_cli import run
from tests.journals import write_journal
from tests.report_sessions import CALL_ID, WRONG_FIELD
from trainer.core.journal import EndEvent, FieldEvent, _Event

TYPED = '=HYPERLINK("http://example.invalid","Stationsstraat 57")'


def test_a_formula_typed_in_a_field_is_text_in_the_reports_csv(tmp_path: Path) -> None:
    call = next(c for c in CALLS if c.id == CALL_ID)
    desk = Desk(call)
    good_operator(desk)
    events: list[_Event] = [
        FieldEvent(t=e.t, field=e.field, value=TYPED)
        if isinstance(e, FieldEvent) and e.field == WRONG_FIELD
        else e
        for e in desk.journal
    ]
    events.append(EndEvent(t=desk.t, reason="finished"))
    write_journal(tmp_path / "call.jsonl", call, events, trainee="Sofie Maes")
    out = tmp_path / "rapport.csv"
    done = run("report", "--lang", "nl", CALL_ID, tmp_path / "call.jsonl", "-o", out)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    entered = [r for r in rows if r[1] == WRONG_FIELD]
    assert entered and entered[0][5] == "'" + TYPED
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    # the seconds after it was said are still a number a Belgian spreadsheet reads
    assert entered[0][7].replace(",", "").lstrip("-").isdigit()
