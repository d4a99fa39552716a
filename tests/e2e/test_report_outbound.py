"""The session report of an outbound call says how often the trainee dialled, where an inbound
call's says how soon the phone was answered."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.core.test_outbound_calls import Desk, Operator, place, shipped
from tests.e2e.test_report import report
from tests.journals import write_journal
from trainer.core import call_engine as ce
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


def _abandoned_report(tmp_path: Path, desk: Desk) -> list[list[str]]:
    """The rows of the Dutch CSV report of the call at ``desk``, stopped where it stands."""
    journal = tmp_path / "gestopt.jsonl"
    ended = EndEvent(t=desk.t + 1, reason="abandoned")
    write_journal(journal, desk.call, [*desk.journal, ended])
    out = tmp_path / "gestopt.csv"
    done = report("--lang", "nl", desk.call.id, journal, "--format", "csv", "-o", out)
    assert done.returncode == 0, done.stderr
    return list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))


def _why(rows: list[list[str]]) -> list[str]:
    return [r[3] for r in rows if r[:2] == ["verdict", "why"]]


def test_the_report_of_an_outbound_call_that_reached_nobody_says_so(tmp_path: Path) -> None:
    """A busy line given up: the report's "why" says the trainee reached nobody, not that the
    call was not answered (the trainee placed it)."""
    call = shipped("nl-uitgaand-01-terugbellen-ticket")
    desk = Desk(call)
    desk.do(ce.Due())
    desk.do(ce.Dial(call.number_to_dial))  # busy the first time
    desk.do(ce.Key("end"))  # hung up, and not called again
    why = _why(_abandoned_report(tmp_path, desk))
    assert why[0] == "Je hebt niemand bereikt"
    assert not any("niet beantwoord" in line for line in why)


def test_the_report_of_an_outbound_call_never_dialled_says_so(tmp_path: Path) -> None:
    """Stopped before dialling: the report says what the result screen says, that the trainee
    did not call (it said they reached nobody)."""
    desk = Desk(shipped("nl-uitgaand-03-voicemail"))
    desk.do(ce.Due())
    rows = _abandoned_report(tmp_path, desk)
    assert _why(rows)[0] == "Je hebt niet gebeld"
    not_shown = [r[3] for r in rows if r[0] == "competence" and r[6] == "niet getoond"]
    assert not_shown and set(not_shown) == {"je hebt niet gebeld"}
