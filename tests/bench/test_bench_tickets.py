"""The queue screen's ticket list with 500 open tickets stays responsive (issue 14): a filter
typed or chosen, a column sorted, and the list refreshed on the session clock (every SLA timer
worked out again, as each second of a shift does), each with the rows drawn on screen
(offscreen), against a 50 ms budget. In the normal test run (untimed) each runs once and the
list is checked."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import Qt
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.conftest import Figures, median_ms
from tests.core.test_helpdesk import CONFIG
from trainer.core.helpdesk import Created, Helpdesk
from trainer.core.journal import TicketEvent
from trainer.core.sla import LEVELS, PRIORITIES
from trainer.ui.app import create_application
from trainer.ui.ticket_table import COLUMNS, TicketTable

TICKETS = 500
NOW = 1800.0  # half an hour into the shift
FIRST = ("An", "Bram", "Sofie", "Ahmed", "Lotte", "Jens", "Fatima", "Wout", "Nina", "Karim")
LAST = ("Peeters", "Claes", "Maes", "Benali", "Wouters", "Jacobs", "Mertens", "Willems")
SUBJECTS = ("VPN maakt geen verbinding", "Printer drukt niet", "Wachtwoord vergeten",
            "Nieuwe laptop nodig", "Outlook start niet", "Factuur niet ontvangen")  # fmt: skip


def shift_of(tickets: int) -> Helpdesk:
    """``tickets`` open tickets of every priority, status and team, made as a shift would."""
    chance = random.Random(14)
    desk = Helpdesk(CONFIG)
    teams = list(CONFIG.teams)
    for n in range(tickets):
        values = {
            "category": chance.choice(list(CONFIG.categories)),
            "impact": chance.choice(LEVELS),
            "urgency": chance.choice(LEVELS),
            "requester": f"{chance.choice(FIRST)} {chance.choice(LAST)}",
            "subject": chance.choice(SUBJECTS),
            "channel": chance.choice(("phone", "email", "portal")),
        }
        if chance.random() < 0.6:
            values["team"] = chance.choice(teams)
        created = desk.apply(TicketEvent(t=n * 3.0, op="create", values=values))
        assert isinstance(created[0], Created)
        if chance.random() < 0.25:
            status = chance.choice(("pending", "on_hold"))
            number = created[0].ticket
            desk.apply(TicketEvent(t=n * 3.0 + 1, op="update", ticket=number,
                                   values={"status": status}))  # fmt: skip
    return desk


def shown_table(qtbot: Any) -> TicketTable:
    create_application()
    table = TicketTable()
    qtbot.addWidget(table)
    table.resize(1366, 500)
    table.show()
    qtbot.waitExposed(table)
    table.show_tickets(shift_of(TICKETS), NOW)
    return table


def drawn(table: TicketTable) -> None:
    table.view.viewport().repaint()  # painted now, not on the next turn of the event loop


def test_bench_filtering_500_tickets(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures
) -> None:
    table = shown_table(qtbot)
    filters = [("text", "peeters"), ("status", "pending"), ("priority", "P2"), ("team", "netwerk")]
    turn = [0]

    def one_filter() -> int:
        kind, value = filters[turn[0] % len(filters)]
        turn[0] += 1
        table.proxy.set_filter(text="", status="", priority="", team="")
        table.proxy.set_filter(**{kind: value})
        drawn(table)
        return table.proxy.rowCount()

    benchmark.pedantic(one_filter, rounds=20, iterations=1, warmup_rounds=2)
    if (median := median_ms(benchmark)) is not None:
        figures.record("tickets_500_filter_ms", median)
    table.proxy.set_filter(text="", status="pending", priority="", team="")
    shown = table.shown_numbers()
    assert 0 < len(shown) < TICKETS
    assert all(table.proxy.index(r, COLUMNS.index("status")).data() == "wacht op klant"
               for r in range(len(shown)))  # fmt: skip


def test_bench_sorting_500_tickets(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures
) -> None:
    table = shown_table(qtbot)
    columns = [COLUMNS.index(c) for c in ("priority", "requester", "sla", "status", "number")]
    turn = [0]

    def one_sort() -> None:
        column = columns[turn[0] % len(columns)]
        turn[0] += 1
        table.view.sortByColumn(column, table.view.horizontalHeader().sortIndicatorOrder())
        drawn(table)

    benchmark.pedantic(one_sort, rounds=20, iterations=1, warmup_rounds=2)
    if (median := median_ms(benchmark)) is not None:
        figures.record("tickets_500_sort_ms", median)
    table.view.sortByColumn(COLUMNS.index("priority"), Qt.SortOrder.AscendingOrder)
    shown = [table.proxy.index(r, 1).data() for r in range(table.proxy.rowCount())]
    assert shown == sorted(shown) and set(shown) <= set(PRIORITIES)
    assert len(shown) == TICKETS


def test_bench_refreshing_500_tickets(
    qtbot: Any, benchmark: BenchmarkFixture, figures: Figures
) -> None:
    table = shown_table(qtbot)
    desk = shift_of(TICKETS)
    clock = [NOW]

    def one_second() -> None:
        clock[0] += 1.0
        table.show_tickets(desk, clock[0])
        drawn(table)

    benchmark.pedantic(one_second, rounds=20, iterations=1, warmup_rounds=2)
    if (median := median_ms(benchmark)) is not None:
        figures.record("tickets_500_refresh_ms", median)
    assert table.model.rowCount() == TICKETS
