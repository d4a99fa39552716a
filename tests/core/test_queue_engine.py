"""A queue shift's rules without Qt: simulated operators work the shipped queue sessions through
the headless engine, and the journal its effects write is scored as the app scores it. A good
operator passes every shipped shift; each bad one breaks one rule and is caught with its code,
under the competence of the standard it belongs to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.journals import write_journal
from trainer.core import queue_engine as qe
from trainer.core.exercise import LANGUAGES
from trainer.core.journal import ActionEvent, EndEvent, _Event, read_journal
from trainer.core.loader import load_catalog
from trainer.core.queue_scenario import LIVE_CHANNELS, Arrival, QueueExercise
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import score

QUEUES: list[QueueExercise] = [
    e.exercise
    for e in load_catalog([REPO / "exercises"]).entries
    if isinstance(e.exercise, QueueExercise)
]
LEVEL_1 = next(q for q in QUEUES if q.id == "nl-wachtrij-01-maandagochtend")

# the note of a contact answered without a ticket, where the exercise gives no model note
ANSWERED = {
    "nl": "Vraag beantwoord, geen ticket nodig.",
    "fr": "Question répondue, pas besoin de ticket.",
    "en": "Question answered, no ticket needed.",
}

# what an operator does to a contact before it is sent: a chance to get one thing wrong
Spoil = Callable[[Arrival, str, dict[str, str]], dict[str, str]]


def _as_is(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
    return values


@dataclass
class Operator:
    """Works a shift on a simulated clock: takes the most urgent waiting contact (live ones
    first, then priority, then VIPs), handles it as the exercise expects, and ends the shift
    once every contact came in and was handled. ``spoil`` changes what it sends; ``late`` are
    contacts it leaves waiting until ``late_until``; ``skip`` contacts it never handles; the
    other fields each make it get one thing wrong."""

    queue: QueueExercise
    spoil: Spoil = _as_is
    late: frozenset[str] = frozenset()
    late_until: float = 0.0
    skip: frozenset[str] = frozenset()
    work: float = 15.0  # seconds to read and type each action
    fifo: bool = False  # take contacts in the order they came, whatever their priority
    slow: frozenset[str] = frozenset()  # contacts it spends ``slow_work`` per action on
    slow_work: float = 130.0
    instead: dict[str, str] = field(default_factory=dict)  # contact -> new, existing or none
    leave_start: bool = False  # leaves the tickets waiting at the start untaken
    t: float = 0.0
    journal: list[_Event] = field(default_factory=list)
    effects: list[qe.Effect] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.engine = qe.QueueEngine(self.queue)
        self.handled: set[str] = set()

    def do(self, action: qe.Action) -> list[qe.Effect]:
        out = self.engine.handle(action, self.t)
        for effect in out:
            if isinstance(effect, qe.Record):
                self.journal.append(effect.event)
            elif isinstance(effect, qe.Finish):
                self.journal.append(EndEvent(t=self.t, reason=effect.reason))
        self.effects += out
        return out

    def wait_until(self, t: float) -> None:
        """Time passes: the engine's timer fires whenever something is due."""
        while not self.engine.over:
            due = self.engine.next_due()
            if due is None or due > t:
                break
            self.t = max(self.t, due)
            self.do(qe.Tick())
        self.t = max(self.t, t)
        if not self.engine.over:
            self.do(qe.Tick())

    def rank(self, contact: str) -> tuple[float, ...]:
        arrival = self.queue.arrival(contact)
        assert arrival is not None
        if self.fifo:
            return (arrival.at,)
        expect = arrival.expect
        priority = 6
        if expect.impact and expect.urgency:
            priority = int(self.queue.helpdesk.sla.priority(expect.impact, expect.urgency)[1])
        elif expect.existing:
            start = next(t for t in self.queue.tickets if t.number == expect.existing)
            priority = int(self.queue.helpdesk.sla.priority(start.impact, start.urgency)[1])
        customer = self.queue.customer(arrival.requester)
        vip = customer is not None and customer.vip
        live = arrival.channel in LIVE_CHANNELS
        return (0 if live else 1, priority, 0 if vip else 1, arrival.at)

    def ticket(self, op: str, arrival: Arrival, ticket: str = "", **values: str) -> str:
        """Send a ticket action after ``work`` seconds; the number it concerns back."""
        self.wait_until(self.t + (self.slow_work if arrival.id in self.slow else self.work))
        sent = self.spoil(arrival, op, dict(values))
        out = self.do(qe.TicketAction(op, ticket, arrival.id, sent))  # type: ignore[arg-type]
        refused = [e for e in out if isinstance(e, qe.Refuse)]
        assert not refused, (arrival.id, op, refused)
        changed = [e.number for e in out if isinstance(e, qe.TicketChanged)]
        return changed[0] if changed else ticket

    def handle(self, arrival: Arrival) -> None:
        expect = arrival.expect
        self.do(qe.Pick(arrival.id))
        informed = {"customer_informed": "true"} if expect.inform else {}
        note = expect.note or ANSWERED[self.queue.language]
        kind = self.instead.get(arrival.id, expect.ticket)
        if kind == "new" and expect.ticket != "new":  # a ticket where none was needed
            first = next(iter(self.queue.helpdesk.categories))
            values = {"category": first, "impact": "low", "urgency": "low"}
            self.ticket("create", arrival, requester=arrival.requester, note=note, **values)
        elif kind == "none":
            self.ticket("no_ticket", arrival, note=note)
        elif kind == "existing":
            assert expect.existing is not None
            self.ticket("update", arrival, expect.existing, note=note, **informed)
        else:
            assert expect.category and expect.impact and expect.urgency
            values = {
                "category": expect.category,
                "impact": expect.impact,
                "urgency": expect.urgency,
                "requester": arrival.requester,
                "subject": arrival.subject or arrival.text.split("\n")[0],
                "note": note,
            }
            if expect.team:
                values["team"] = expect.team
            if expect.problem:
                values["problem"] = expect.problem
            if expect.close_code is None:
                values |= informed
            number = self.ticket("create", arrival, **values)
            if expect.close_code is not None:
                self.ticket(
                    "resolve",
                    arrival,
                    number,
                    close_code=expect.close_code,
                    solution=note,
                    **informed,
                )
        self.handled.add(arrival.id)

    def run(self) -> None:
        # tickets waiting untaken at the start are taken up at once
        for start in self.queue.tickets:
            if start.status == "new" and not self.leave_start:
                self.do(qe.TicketAction("update", start.number, "", {"status": "open"}))
        todo = {a.id for a in self.queue.arrivals} - self.skip
        while not self.engine.over and not todo <= self.handled:
            ready = [
                c
                for c in self.engine.arrived
                if c in todo - self.handled and (c not in self.late or self.t >= self.late_until)
            ]
            if not ready:
                self.wait_until(self.t + 1.0)
                continue
            contact = min(ready, key=self.rank)
            arrival = self.queue.arrival(contact)
            assert arrival is not None
            self.handle(arrival)
        if not self.engine.over:
            self.wait_until(max(a.at for a in self.queue.arrivals) + 1)
            self.do(qe.EndShift())

    def result(self, folder: Path) -> QueueResult:
        journal = write_journal(folder / f"{self.queue.id}.jsonl", self.queue, self.journal)
        result = score(self.queue, journal)
        assert isinstance(result, QueueResult)
        return result


def _reasons(result: QueueResult, code: str) -> list[str]:
    """The competences that hold a reason of this code."""
    return [c.code for c in result.competences for r in c.reasons if r.code == code]


def test_there_are_shipped_queue_sessions_in_every_language() -> None:
    levels = {lang: sorted(q.level for q in QUEUES if q.language == lang) for lang in LANGUAGES}
    assert len(levels["nl"]) >= 4 and len(levels["fr"]) >= 2 and len(levels["en"]) >= 2
    assert {1, 5} <= set(levels["nl"])  # the first week and the exam


@pytest.mark.parametrize("queue", QUEUES, ids=lambda q: q.id)
def test_a_good_operator_passes_every_shipped_shift(queue: QueueExercise, tmp_path: Path) -> None:
    operator = Operator(queue)
    operator.run()
    result = operator.result(tmp_path)
    assert result.reasons == []
    assert result.passed and result.completed
    assert result.breaches == 0 and result.picking_faults == 0
    assert all(c.shown for c in result.competences if c.assessed)
    assert len(result.contacts) == len(queue.arrivals)


def test_the_engine_is_deterministic_and_the_result_replays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.cli import main

    first = Operator(LEVEL_1, late=frozenset({"printer-magazijn"}), late_until=300)
    second = Operator(LEVEL_1, late=frozenset({"printer-magazijn"}), late_until=300)
    first.run()
    second.run()
    assert first.effects == second.effects
    one = first.result(tmp_path)
    assert not one.passed  # (a result with reasons, not an empty one)
    again = score(LEVEL_1, read_journal(tmp_path / f"{LEVEL_1.id}.jsonl"))
    assert again == one
    path = REPO / "exercises/nl/queue/nl-wachtrij-01-maandagochtend.yaml"
    assert main(["replay", str(path), str(tmp_path / f"{LEVEL_1.id}.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == one.model_dump(mode="json")
    # as the store keeps it and a past result reads it back
    assert QueueResult.model_validate_json(one.model_dump_json()) == one
    # without --json: the verdict per competence, each reason in words (in a process of its
    # own: wording the reasons starts a QCoreApplication, which no later test may find)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "replay",
            str(path),
            str(tmp_path / f"{LEVEL_1.id}.jsonl"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": ""},
    )
    assert done.returncode == 0, done.stderr
    printed = done.stdout
    assert "co 01672: NOT shown" in printed and "co 01670: shown" in printed
    assert "'printer-magazijn'" in printed and "sla_response_breached" not in printed


def test_a_contact_left_waiting_breaches_its_sla(tmp_path: Path) -> None:
    # the warehouse printer is P2: a response within 120 s of its arrival at 60 s
    operator = Operator(LEVEL_1, late=frozenset({"printer-magazijn"}), late_until=400)
    operator.run()
    result = operator.result(tmp_path)
    assert not result.passed
    breach = [r for r in result.reasons if r.code == "sla_response_breached"]
    assert [r.params["contact"] for r in breach] == ["printer-magazijn"]
    assert breach[0].params["target"] == 120
    assert float(breach[0].params["used"] or 0) > 120
    assert result.breaches == 1
    assert "co 01672" in _reasons(result, "sla_response_breached")
    # the engine told it on screen: a coming breach is not told for a contact without ticket,
    # so the only notices are of tickets
    assert all(isinstance(n.ticket, str) for n in operator.effects if isinstance(n, qe.SlaNotice))


def test_a_ticket_sent_to_the_wrong_team_is_caught(tmp_path: Path) -> None:
    def wrong_team(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
        if arrival.id == "printer-magazijn" and "team" in values:
            return values | {"team": "applicaties"}
        return values

    operator = Operator(LEVEL_1, spoil=wrong_team)
    operator.run()
    result = operator.result(tmp_path)
    assert not result.passed
    wrong = [r for r in result.reasons if r.code == "team_wrong"]
    assert [(r.params["given"], r.params["expected"]) for r in wrong] == [
        ("applicaties", "werkplek")
    ]
    assert _reasons(result, "team_wrong") == ["D140801 Id16426"]
    shown = {c.code: c.shown for c in result.competences}
    assert shown["co 01672"] and not shown["D140801 Id16426"]


def test_a_wrong_priority_is_caught(tmp_path: Path) -> None:
    def low_impact(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
        if arrival.id == "printer-magazijn" and op == "create":
            return values | {"impact": "low"}  # one user's problem, not the warehouse's
        return values

    operator = Operator(LEVEL_1, spoil=low_impact)
    operator.run()
    result = operator.result(tmp_path)
    wrong = [r for r in result.reasons if r.code == "priority_wrong"]
    assert [(r.params["given"], r.params["expected"]) for r in wrong] == [("P3", "P2")]
    assert "co 01672" in _reasons(result, "priority_wrong")
    assert not result.passed


def test_a_customer_not_kept_informed_is_caught(tmp_path: Path) -> None:
    def silent(arrival: Arrival, op: str, values: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in values.items() if k != "customer_informed"}

    operator = Operator(LEVEL_1, spoil=silent)
    operator.run()
    result = operator.result(tmp_path)
    missed = sorted(str(r.params["contact"]) for r in result.reasons)
    assert missed == ["printer-magazijn", "scherm-planning", "wachtwoord"]
    assert {r.code for r in result.reasons} == {"customer_not_informed"}
    assert "co 01672" in _reasons(result, "customer_not_informed")
    assert not result.passed


def test_a_contact_never_handled_and_one_taken_out_of_turn(tmp_path: Path) -> None:
    operator = Operator(LEVEL_1, skip=frozenset({"visio"}))
    operator.run()
    result = operator.result(tmp_path)
    codes = {(r.code, r.params.get("contact")) for r in result.reasons}
    assert ("contact_not_handled", "visio") in codes
    assert not result.passed


def test_the_shift_ends_at_its_time_limit() -> None:
    engine = qe.QueueEngine(LEVEL_1)
    out = engine.handle(qe.Tick(), LEVEL_1.shift + 5)
    assert qe.Finish("time_up") in out
    # every contact due in the shift came in first, each journaled with when it was due
    arrived = [e.arrival.id for e in out if isinstance(e, qe.ContactArrived)]
    assert arrived == [a.id for a in sorted(LEVEL_1.arrivals, key=lambda a: a.at)]
    assert engine.handle(qe.Pick("wachtwoord"), LEVEL_1.shift + 6) == [qe.Refuse("shift_over")]
    assert engine.next_due() is None


def test_refusals_come_as_codes_and_change_nothing() -> None:
    engine = qe.QueueEngine(LEVEL_1)
    assert engine.handle(qe.Pick("wachtwoord"), 1) == [qe.Refuse("not_arrived")]
    engine.handle(qe.Tick(), 10)
    create = qe.TicketAction("create", "", "wachtwoord", {"category": "account"})
    assert engine.handle(create, 11) == [qe.Refuse("not_picked")]
    engine.handle(qe.Pick("wachtwoord"), 12)
    out = engine.handle(create, 13)
    assert out == [qe.Refuse("missing_field", "impact"), qe.Refuse("missing_field", "urgency")]
    assert not any(isinstance(e, qe.Record) for e in out)
    assert [t.number for t in engine.helpdesk.tickets] == ["INC1040"]


def test_sla_warnings_and_breaches_are_told_once_each() -> None:
    engine = qe.QueueEngine(LEVEL_1)
    engine.handle(qe.Tick(), 60)
    engine.handle(qe.Pick("printer-magazijn"), 61)
    values = {"category": "printer", "impact": "medium", "urgency": "high"}
    engine.handle(qe.TicketAction("create", "", "printer-magazijn", values), 62)
    notices: list[qe.SlaNotice] = []
    t = 62.0
    while t < 300:
        due = engine.next_due()
        assert due is not None and due > t  # never a timer aimed at the past
        t = min(due, 300.0)
        notices += [e for e in engine.handle(qe.Tick(), t) if isinstance(e, qe.SlaNotice)]
    # P2: response 120 s, warning from 90 s on (three quarters)
    assert notices == [
        qe.SlaNotice("INC1041", "response", "warning"),
        qe.SlaNotice("INC1041", "response", "breached"),
    ]


def test_taking_a_contact_shows_who_sent_it_and_their_open_tickets() -> None:
    zorg = next(q for q in QUEUES if q.id == "nl-wachtrij-02-zorggroep")
    engine = qe.QueueEngine(zorg)
    engine.handle(qe.Tick(), 45)
    # a phone call is answered, a mail taken up: each journaled once, with the contact's id
    phone = engine.handle(qe.Pick("account-geblokkeerd"), 46)
    mail = engine.handle(qe.Pick("rappel-scherm"), 50)
    again = engine.handle(qe.Pick("account-geblokkeerd"), 55)
    records = [e.event for e in [*phone, *mail, *again] if isinstance(e, qe.Record)]
    actions = [r for r in records if isinstance(r, ActionEvent)]  # (the caller's audio too)
    assert [(r.action, r.target) for r in actions] == [
        ("answered", "account-geblokkeerd"),
        ("acknowledged", "rappel-scherm"),
    ]
    shown = next(e for e in mail if isinstance(e, qe.ContactShown))
    assert shown.requester is not None and shown.requester.name == "Ilse Vermeulen"
    assert shown.their_tickets == ("INC2300",)
    assert engine.current == "account-geblokkeerd" and engine.waiting == []
