"""The simulated helpdesk system: what a trainee may do to a ticket, what a service desk refuses,
the ticket numbers, the SLA on the tickets, and a journal that replays to the identical state."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from trainer.core.helpdesk import (
    Changed,
    Created,
    Helpdesk,
    HelpdeskConfig,
    Outcome,
    Recorded,
    Refused,
    refused,
    values_of,
)
from trainer.core.journal import TicketEvent, TicketOp

CONFIG_YAML = """
sla:
  warn_at: 0.75
categories:
  wachtwoord: Wachtwoord en account
  printer: Printer
  vpn: Netwerk en VPN
teams:
  servicedesk: Servicedesk (eerste lijn)
  netwerk: Netwerkbeheer
  werkplek: Werkplekbeheer
routing:
  vpn: netwerk
  printer: werkplek
close_codes:
  opgelost: Opgelost
  workaround: Omweg gegeven
problems:
  - id: prb-vpn-certificaat
    title: VPN weigert na vervallen certificaat
    symptoms: [VPN maakt geen verbinding, certificaatfout]
"""
CONFIG = HelpdeskConfig.model_validate(yaml.safe_load(CONFIG_YAML))
NEW = {"category": "vpn", "impact": "medium", "urgency": "high", "requester": "An Peeters"}


def act(desk: Helpdesk, t: float, op: TicketOp, ticket: str = "", **values: str) -> list[Outcome]:
    return list(desk.apply(TicketEvent(t=t, op=op, ticket=ticket, values=values)))


def desk_with_ticket(status: str = "open") -> Helpdesk:
    """A desk with INC0001 (P2), brought to ``status`` the way a trainee would."""
    desk = Helpdesk(CONFIG)
    assert act(desk, 10, "create", **NEW) == [Created("INC0001")]
    steps: dict[str, list[tuple[TicketOp, dict[str, str]]]] = {
        "new": [],
        "open": [("update", {"status": "open"})],
        "pending": [("update", {"status": "pending"})],
        "on_hold": [("update", {"status": "on_hold"})],
        "resolved": [("resolve", {"close_code": "opgelost", "solution": "Certificaat vernieuwd"})],
        "closed": [("resolve", {"close_code": "opgelost", "solution": "Certificaat vernieuwd"}),
                   ("close", {})],
    }  # fmt: skip
    for n, (op, values) in enumerate(steps[status], 1):
        assert not refused(act(desk, 10 + n, op, "INC0001", **values))
    ticket = desk.ticket("INC0001")
    assert ticket is not None and ticket.status == status
    return desk


# -- the configuration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"routing": {"fax": "netwerk"}}, "routing_unknown_category"),
        ({"routing": {"vpn": "tweede-lijn"}}, "routing_unknown_team"),
        ({"problems": [{"id": "p1", "title": "A"}, {"id": "p1", "title": "B"}]},
         "duplicate_problem_id"),
        ({"teams": {}}, "too_short"),
        ({"number_prefix": "inc"}, "string_pattern_mismatch"),
        ({"priority": "P1"}, "extra_forbidden"),
    ],
)  # fmt: skip
def test_a_helpdesk_that_cannot_work_is_refused(change: dict[str, object], code: str) -> None:
    data = {**yaml.safe_load(CONFIG_YAML), **change}
    with pytest.raises(ValidationError) as caught:
        HelpdeskConfig.model_validate(data)
    assert caught.value.errors()[0]["type"] == code


def test_routing_names_the_team_of_a_category() -> None:
    assert CONFIG.team_for("vpn") == "netwerk"
    assert CONFIG.team_for("wachtwoord") is None
    problem = CONFIG.problem("prb-vpn-certificaat")
    assert problem is not None and "certificaatfout" in problem.symptoms


# -- numbers and creation -----------------------------------------------------------------


def test_the_desk_numbers_tickets_in_order_and_a_refused_create_takes_no_number() -> None:
    desk = Helpdesk(CONFIG)
    assert act(desk, 1, "create", **NEW) == [Created("INC0001")]
    assert act(desk, 2, "create", category="printer") == [
        Refused("missing_field", "impact"),
        Refused("missing_field", "urgency"),
    ]
    assert act(desk, 3, "create", **NEW) == [Created("INC0002")]
    assert [t.number for t in desk.tickets] == ["INC0001", "INC0002"]


def test_the_exercise_sets_prefix_and_first_number() -> None:
    desk = Helpdesk(CONFIG.model_copy(update={"number_prefix": "HD", "first_number": 4711}))
    assert desk.next_number() == "HD4711"
    assert act(desk, 1, "create", **NEW) == [Created("HD4711")]


def test_a_create_naming_another_number_is_refused() -> None:
    desk = Helpdesk(CONFIG)
    assert desk.apply(TicketEvent(t=1, op="create", ticket="INC0009", values=NEW)) == [
        Refused("wrong_number")
    ]
    assert desk.apply(TicketEvent(t=1, op="create", ticket="INC0001", values=NEW)) == [
        Created("INC0001")
    ]


def test_a_new_ticket_has_what_was_filled_in_and_the_matrix_s_priority() -> None:
    desk = Helpdesk(CONFIG)
    event = TicketEvent(
        t=12.5,
        op="create",
        contact="mail-3",
        values={**NEW, "channel": "email", "subject": "VPN: certificaatfout", "note": "Sinds 8u"},
    )
    desk.apply(event)
    ticket = desk.tickets[0]
    assert (ticket.priority, ticket.status, ticket.channel, ticket.contact) == (
        "P2", "new", "email", "mail-3",
    )  # fmt: skip
    assert ticket.notes == ((12500, "Sinds 8u"),)
    assert (ticket.team, ticket.customer_informed) == ("", False)
    assert values_of(ticket)["subject"] == "VPN: certificaatfout"


def test_a_ticket_assigned_when_created_is_open() -> None:
    desk = Helpdesk(CONFIG)
    act(desk, 1, "create", **NEW, team="netwerk")
    assert (desk.tickets[0].status, desk.tickets[0].team) == ("open", "netwerk")
    assert desk.sla("INC0001", 500).response.status == "met"


@pytest.mark.parametrize(
    ("values", "refusal"),
    [
        ({**NEW, "category": "fax"}, Refused("unknown_value", "category")),
        ({**NEW, "impact": "hoog"}, Refused("unknown_value", "impact")),
        ({**NEW, "channel": "fax"}, Refused("unknown_value", "channel")),
        ({**NEW, "team": "tweede-lijn"}, Refused("unknown_value", "team")),
        ({**NEW, "problem": "prb-onbekend"}, Refused("unknown_value", "problem")),
        ({**NEW, "customer_informed": "ja"}, Refused("unknown_value", "customer_informed")),
        ({**NEW, "priority": "P1"}, Refused("unknown_field", "priority")),
        ({**NEW, "status": "pending"}, Refused("status_not_allowed", "pending")),
        ({**NEW, "category": " "}, Refused("missing_field", "category")),
    ],
)
def test_a_create_with_an_unknown_code_is_refused(values: dict[str, str], refusal: Refused) -> None:
    desk = Helpdesk(CONFIG)
    assert act(desk, 1, "create", **values) == [refusal]
    assert desk == Helpdesk(CONFIG)


# -- what a service desk allows ----------------------------------------------------------

MOVES = [
    # from, op, values, refusal code or the status after
    ("new", "update", {"status": "open"}, "open"),
    ("new", "update", {"status": "pending"}, "pending"),
    ("new", "assign", {"team": "netwerk"}, "open"),
    ("new", "resolve", {"close_code": "opgelost", "solution": "Herstart"}, "resolved"),
    ("new", "close", {}, "not_resolved"),
    ("open", "update", {"status": "new"}, "status_not_allowed"),
    ("open", "update", {"status": "resolved"}, "status_not_allowed"),
    ("open", "update", {"status": "closed"}, "status_not_allowed"),
    ("open", "update", {"status": "on_hold"}, "on_hold"),
    ("open", "close", {}, "not_resolved"),
    ("open", "reopen", {}, "not_resolved"),
    ("open", "resolve", {"close_code": "opgelost"}, "missing_field"),
    ("open", "assign", {"team": "tweede-lijn"}, "unknown_value"),
    ("open", "update", {}, "nothing_changed"),
    ("pending", "update", {"status": "open"}, "open"),
    ("pending", "assign", {"team": "werkplek"}, "pending"),
    ("on_hold", "update", {"status": "pending"}, "pending"),
    ("on_hold", "resolve", {"close_code": "workaround", "solution": "Omweg"}, "resolved"),
    ("resolved", "close", {}, "closed"),
    ("resolved", "reopen", {"note": "Klant belt terug: nog steeds stuk"}, "open"),
    ("resolved", "resolve", {"close_code": "opgelost", "solution": "x"}, "status_not_allowed"),
    ("resolved", "update", {"status": "open"}, "ticket_resolved"),
    ("resolved", "assign", {"team": "netwerk"}, "ticket_resolved"),
    ("resolved", "update", {"note": "Klant bevestigt", "customer_informed": "true"}, "resolved"),
    ("resolved", "link", {"problem": "prb-vpn-certificaat"}, "resolved"),
    ("closed", "reopen", {}, "ticket_closed"),
    ("closed", "update", {"note": "nog iets"}, "ticket_closed"),
    ("closed", "close", {}, "ticket_closed"),
]


@pytest.mark.parametrize(
    ("start", "op", "values", "after"),
    MOVES,
    ids=[f"{m[0]}-{m[1]}-{'-'.join(m[2].values()) or 'nothing'}" for m in MOVES],
)
def test_what_a_service_desk_allows(
    start: str, op: TicketOp, values: dict[str, str], after: str
) -> None:
    desk = desk_with_ticket(start)
    before = desk.tickets[0]
    outcomes = desk.apply(TicketEvent(t=100, op=op, ticket="INC0001", values=values))
    ticket = desk.tickets[0]
    if after in ("new", "open", "pending", "on_hold", "resolved", "closed"):
        assert not refused(outcomes)
        assert ticket.status == after
    else:
        assert [r.code for r in refused(outcomes)] == [after]
        assert ticket == before  # a refusal changes nothing


def test_resolving_needs_both_a_close_code_and_a_solution() -> None:
    desk = desk_with_ticket("open")
    assert act(desk, 50, "resolve", "INC0001") == [
        Refused("missing_field", "close_code"),
        Refused("missing_field", "solution"),
    ]
    assert act(desk, 51, "resolve", "INC0001", close_code="gokje", solution="x") == [
        Refused("unknown_value", "close_code")
    ]
    assert act(desk, 52, "resolve", "INC0001", close_code="opgelost", solution="Nieuw cert") == [
        Changed("INC0001", "resolve", ("close_code", "solution", "status"))
    ]
    ticket = desk.tickets[0]
    assert (ticket.close_code, ticket.solution) == ("opgelost", "Nieuw cert")


def test_an_unknown_ticket_and_a_time_that_runs_back_are_refused() -> None:
    desk = desk_with_ticket("open")
    assert act(desk, 50, "update", "INC0404", note="x") == [Refused("unknown_ticket")]
    assert act(desk, 5, "update", "INC0001", note="x") == [Refused("time_backwards")]


def test_updates_keep_notes_and_when_the_customer_was_informed() -> None:
    desk = desk_with_ticket("open")
    act(desk, 40, "update", "INC0001", note="Certificaat vervallen", customer_informed="true")
    act(desk, 90, "link", "INC0001", problem="prb-vpn-certificaat", customer_informed="false")
    ticket = desk.tickets[0]
    assert ticket.notes == ((40000, "Certificaat vervallen"),)
    assert ticket.informed_ms == (40000,)
    assert ticket.problem == "prb-vpn-certificaat"
    assert [e.op for e in ticket.history] == ["create", "update", "update", "link"]


def test_a_changed_impact_changes_the_priority_and_the_sla_target() -> None:
    desk = desk_with_ticket("open")  # medium x high: P2, resolution 1200 s
    assert desk.sla("INC0001", 100).resolution.target_ms == 1_200_000
    assert act(desk, 200, "update", "INC0001", impact="high") == [
        Changed("INC0001", "update", ("impact", "priority"))
    ]
    assert desk.tickets[0].priority == "P1"
    assert desk.sla("INC0001", 100).priority == "P2"  # as it stood then
    timer = desk.sla("INC0001", 700).resolution
    assert (timer.target_ms, timer.status) == (600_000, "breached")  # 690 s used of 600


def test_the_sla_stands_still_while_the_ticket_waits_on_the_customer() -> None:
    desk = desk_with_ticket("open")  # created at 10 s, opened at 11 s
    act(desk, 100, "update", "INC0001", status="pending", note="Wacht op schermafdruk")
    paused = desk.sla("INC0001", 5000)
    assert (paused.resolution.status, paused.resolution.used_ms) == ("paused", 90_000)
    act(desk, 5000, "update", "INC0001", status="open")
    assert desk.sla("INC0001", 5100).resolution.used_ms == 190_000
    assert desk.sla("INC0001", 5100).response.status == "met"


# -- no ticket, proposals -----------------------------------------------------------------


def test_a_contact_that_needs_no_ticket_is_recorded_unless_it_has_one() -> None:
    desk = Helpdesk(CONFIG)
    assert desk.apply(TicketEvent(t=5, op="no_ticket", contact="call-1")) == [
        Recorded("no_ticket", "call-1")
    ]
    assert desk.apply(TicketEvent(t=5, op="no_ticket")) == [Refused("no_contact")]
    desk.apply(TicketEvent(t=6, op="create", contact="call-2", values=NEW))
    assert desk.apply(TicketEvent(t=7, op="no_ticket", contact="call-2")) == [
        Refused("contact_has_ticket")
    ]
    # changed one's mind: a ticket after all
    desk.apply(TicketEvent(t=8, op="create", contact="call-1", values=NEW))
    assert desk.no_ticket == {}


def test_a_proposed_article_is_kept_for_the_coach() -> None:
    desk = desk_with_ticket("open")
    event = TicketEvent(
        t=60, op="propose_article", ticket="INC0001",
        values={"title": "VPN-certificaat vernieuwen", "body": "Open de portal, ..."},
    )  # fmt: skip
    assert desk.apply(event) == [Recorded("propose_article", "")]
    assert [(p.ticket, p.title) for p in desk.proposals] == [
        ("INC0001", "VPN-certificaat vernieuwen")
    ]
    assert act(desk, 61, "propose_article", title="Zonder tekst") == [
        Refused("missing_field", "body")
    ]


# -- replay -------------------------------------------------------------------------------

SHIFT = [
    TicketEvent(t=3.2, op="create", contact="mail-1", values={**NEW, "channel": "email"}),
    TicketEvent(t=4.0, op="close", ticket="INC0001"),  # refused: not resolved
    TicketEvent(t=9.75, op="create", contact="call-1",
                values={"category": "wachtwoord", "impact": "low", "urgency": "medium",
                        "status": "open"}),
    TicketEvent(t=11.0, op="assign", ticket="INC0001", values={"team": "netwerk"}),
    TicketEvent(t=15.1, op="update", ticket="INC0001",
                values={"status": "pending", "customer_informed": "true", "note": "Wacht"}),
    TicketEvent(t=20.0, op="resolve", ticket="INC0002",
                values={"close_code": "opgelost", "solution": "Wachtwoord gereset"}),
    TicketEvent(t=21.0, op="close", ticket="INC0002"),
    TicketEvent(t=22.0, op="no_ticket", contact="chat-1"),
    TicketEvent(t=30.0, op="update", ticket="INC0001", values={"status": "open"}),
    TicketEvent(t=31.0, op="link", ticket="INC0001", values={"problem": "prb-vpn-certificaat"}),
]  # fmt: skip


def test_a_journal_replays_to_the_identical_state() -> None:
    live = Helpdesk(CONFIG)
    outcomes = [live.apply(e) for e in SHIFT]
    assert outcomes[1] == [Refused("not_resolved")]
    again = Helpdesk.replay(
        CONFIG, [TicketEvent.model_validate_json(e.model_dump_json()) for e in SHIFT]
    )
    assert again == live
    assert again.sla("INC0001", 600) == live.sla("INC0001", 600)
    # and an event left out is seen
    assert Helpdesk.replay(CONFIG, SHIFT[:-1]) != live
