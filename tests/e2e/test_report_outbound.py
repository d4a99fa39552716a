"""The session report of an outbound call says how often the trainee dialled, where an inbound
call's says how soon the phone was answered."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.core.test_outbound_calls import Desk, Operator, place, shipped
from tests.e2e.test_report import report
from tests.journals import write_journal
from trainer.core.journal import EndEvent


def test_the_report_of_an_outbound_call_counts_the_numbers_dialled(tmp_path: Path) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    desk = Desk(call)
    place(desk, Operator(wrong_first="015 41 28 39"))  # a stranger, then busy, then answered
    journal = tmp_path / "uitgaand.jsonl"
    write_journal(journal, call, [*desk.journal, EndEvent(t=desk.t, reason="finished")])
    out = tmp_path / "uitgaand.csv"
    done = report("--lang", "nl", call.id, journal, "--format", "csv", "-o", out)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    metrics = {r[1]: r for r in rows if r[0] == "metric"}
    assert "answered_after" not in metrics
    assert metrics["dialled"][2:4] == ["Gebeld", "3"]
