"""A chat that must end in a ticket (a session with a ``helpdesk:``): the ticket made through
the chat engine and judged from the journal with the queue's reasons, under co 01670."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_chat_checks import SOURCE, said
from tests.core.test_chat_engine import ChatDesk, operator
from tests.core.test_chat_scoring import DATA, scored, why_not
from trainer.core import chat_protocol as cp
from trainer.core.chat_scenario import ChatExercise
from trainer.core.journal import TicketEvent
from trainer.core.loader import parse_exercise
from trainer.core.messages import Message

HELPDESK = """helpdesk:
  number_prefix: INC
  first_number: 2201
  categories: {account: Account en wachtwoord, printer: Printer}
  teams: {servicedesk: Servicedesk, werkplek: Werkplekbeheer}
  routing: {account: servicedesk, printer: werkplek}
  close_codes: {opgelost: Opgelost door de servicedesk, doorgestuurd: Doorgestuurd}
"""
TICKET = """    ticket:
      ticket: new
      category: account
      impact: low
      urgency: medium
      close_code: opgelost
      note: Wachtwoord webmail vergeten, resetlink gestuurd naar an.peeters@skynet.be.
      facts:
        - {id: wachtwoord, label: het wachtwoord, any: [wachtwoord*, paswoord*]}
        - {id: email, label: het e-mailadres, kind: email, value: an.peeters@skynet.be}
"""


def with_ticket(source: str = SOURCE, helpdesk: str = HELPDESK) -> str:
    text = source.replace("chats:\n", helpdesk + "chats:\n", 1)
    return text.replace("    patience:\n", TICKET + "    patience:\n", 1)


EXERCISE, _ = parse_exercise(with_ticket(), Path("chat.yaml"))
assert isinstance(EXERCISE, ChatExercise)

GOOD_TICKET = {
    "category": "account",
    "impact": "low",
    "urgency": "medium",
    "requester": "48213975",
    "subject": "Wachtwoord webmail vergeten",
    "note": "Resetlink gestuurd naar an.peeters@skynet.be",
}


def session(tmp_path: Path, values: dict[str, str] | None, resolve: bool = True):  # type: ignore[no-untyped-def]
    desk = ChatDesk(EXERCISE)
    desk.advance(3)  # made as soon as she has written, then the replies
    if values is not None:
        out = desk.do(cp.TicketAction("an", "create", values))
        number = next(e.ticket.number for e in out if isinstance(e, cp.TicketChanged))
        if resolve:
            solution = {"close_code": "opgelost", "solution": "Nieuw wachtwoord gekozen."}
            desk.do(cp.TicketAction("an", "resolve", solution, ticket=number))
    operator(desk, tickets={"an": None})  # the ticket is this test's own
    return desk, scored(desk, tmp_path)


def test_the_ticket_a_good_operator_makes_passes(tmp_path: Path) -> None:
    desk, result = session(tmp_path, GOOD_TICKET)
    assert why_not(result) == {}
    assert result.conversations[0].ticket == "INC2201"
    created = [e for e in desk.journal if isinstance(e, TicketEvent) and e.op == "create"]
    assert [(e.ticket, e.contact, e.values["channel"]) for e in created] == [
        ("INC2201", "an", "chat")
    ]


def test_no_ticket_where_one_was_needed(tmp_path: Path) -> None:
    _, result = session(tmp_path, None)
    assert why_not(result) == {DATA: [("ticket_missing", {"contact": "an"})]}


def test_a_wrong_priority_and_an_unresolved_ticket(tmp_path: Path) -> None:
    _, result = session(tmp_path, {**GOOD_TICKET, "urgency": "high"}, resolve=False)
    codes = [code for code, _ in why_not(result)[DATA]]
    assert codes == ["priority_wrong", "not_resolved"]


def test_a_ticket_without_its_facts(tmp_path: Path) -> None:
    _, result = session(tmp_path, {**GOOD_TICKET, "note": "Klant geholpen."})
    assert why_not(result) == {
        DATA: [
            (
                "ticket_facts_missing",
                {"contact": "an", "ticket": "INC2201", "facts": ["het e-mailadres"]},
            )
        ]
    }


def test_a_refused_ticket_action_is_said_and_not_journaled() -> None:
    desk = ChatDesk(EXERCISE)
    desk.advance(5)
    out = desk.do(cp.TicketAction("an", "create", {**GOOD_TICKET, "category": "koffie"}))
    assert [(e.code, e.field) for e in out if isinstance(e, cp.TicketRefused)] == [
        ("unknown_value", "category")
    ]
    assert not [e for e in desk.journal if isinstance(e, TicketEvent)]


def test_no_ticket_actions_in_a_session_without_a_helpdesk() -> None:
    from tests.core.test_chat_engine import WACHTWOORD

    desk = ChatDesk(WACHTWOORD)
    desk.advance(5)
    desk.do(cp.TicketAction("an", "create", GOOD_TICKET))
    assert desk.refusals() == ["no_helpdesk"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (with_ticket(helpdesk=""), Message("chat_ticket_needs_helpdesk")),
        (
            with_ticket().replace(
                "category: account\n      impact", "category: koffie\n      impact"
            ),
            Message("not_listed_in", {"name": "koffie", "list": "helpdesk.categories"}),
        ),
        (
            with_ticket().replace("any: [wachtwoord*, paswoord*]}", "any: [account*]}"),
            Message("fact_note_misses", {"id": "wachtwoord"}),
        ),
    ],
)
def test_a_ticket_the_session_cannot_give_is_said_at_its_line(text: str, message: Message) -> None:
    assert [m for _, m in said(text)] == [message]
