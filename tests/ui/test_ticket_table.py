"""The ticket list as a trainee sees it: most urgent first, a coming breach and a breach coloured
and said in words, filters and search, the keyboard, and a refresh that keeps the selection."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.core.test_helpdesk import CONFIG, NEW
from trainer.core.helpdesk import Helpdesk
from trainer.core.journal import TicketEvent
from trainer.ui.app import create_application
from trainer.ui.ticket_table import COLUMNS, SLA_COLUMN, TicketTable

# INC0001 P1 new at 0 s (response 60 s); INC0002 P3 open at 10 s; INC0003 P5 pending at 20 s;
# INC0004 P2 resolved at 40 s
SHIFT = [
    TicketEvent(t=0, op="create", values={**NEW, "impact": "high", "urgency": "high",
                                          "requester": "Bram Claes", "subject": "VPN plat"}),
    TicketEvent(t=10, op="create", values={"category": "printer", "impact": "medium",
                                           "urgency": "medium", "status": "open",
                                           "requester": "Sofie Maes", "subject": "Papierstoring"}),
    TicketEvent(t=20, op="create", values={"category": "wachtwoord", "impact": "low",
                                           "urgency": "low", "team": "servicedesk",
                                           "requester": "Ahmed Benali"}),
    TicketEvent(t=21, op="update", ticket="INC0003", values={"status": "pending"}),
    TicketEvent(t=30, op="create", values={**NEW, "status": "open", "requester": "Lotte Wouters"}),
    TicketEvent(t=40, op="resolve", ticket="INC0004",
                values={"close_code": "opgelost", "solution": "Certificaat vernieuwd"}),
]  # fmt: skip


@pytest.fixture
def table(qtbot: Any) -> TicketTable:
    create_application()
    widget = TicketTable()
    qtbot.addWidget(widget)
    widget.resize(1100, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def desk() -> Helpdesk:
    helpdesk = Helpdesk(CONFIG)
    for event in SHIFT:
        assert helpdesk.apply(event)[0].__class__.__name__ != "Refused", event
    return helpdesk


def cell(table: TicketTable, number: str, column: str, role: Any = None) -> Any:
    row = table.shown_numbers().index(number)
    index = table.proxy.index(row, COLUMNS.index(column))
    return index.data(role if role is not None else Qt.ItemDataRole.DisplayRole)


def test_the_most_urgent_ticket_is_on_top_and_a_done_one_at_the_bottom(
    table: TicketTable,
) -> None:
    table.show_tickets(desk(), 50)
    # INC0001: response due at 60 s, 10 s left; INC0002: resolution 2400 s; INC0003 paused
    assert table.shown_numbers() == ["INC0001", "INC0002", "INC0003", "INC0004"]
    assert cell(table, "INC0001", "priority") == "P1"
    assert cell(table, "INC0003", "status") == "wacht op klant"
    assert cell(table, "INC0003", "team") == "Servicedesk (eerste lijn)"
    assert cell(table, "INC0002", "subject") == "Printer: Papierstoring"


def test_a_coming_breach_and_a_breach_are_said_as_well_as_coloured(table: TicketTable) -> None:
    helpdesk = desk()
    table.show_tickets(helpdesk, 30)  # INC0001: 30 of 60 s used, no warning yet
    assert cell(table, "INC0001", "sla") == "reactie binnen 0:30"
    assert cell(table, "INC0001", "sla", Qt.ItemDataRole.BackgroundRole) is None
    table.show_tickets(helpdesk, 50)  # 50 of 60: past 75 %
    assert cell(table, "INC0001", "sla") == "⚠ reactie binnen 0:10"
    amber = cell(table, "INC0001", "sla", Qt.ItemDataRole.BackgroundRole)
    table.show_tickets(helpdesk, 75)  # 15 s over
    assert cell(table, "INC0001", "sla") == "✖ 0:15 te laat"
    red = cell(table, "INC0001", "sla", Qt.ItemDataRole.BackgroundRole)
    assert amber is not None and red is not None and amber.color() != red.color()
    assert cell(table, "INC0003", "sla").startswith("⏸")
    assert cell(table, "INC0004", "sla") == "✔ gehaald"
    assert cell(table, "INC0004", "sla", Qt.ItemDataRole.BackgroundRole) is None


def test_search_and_filters_narrow_the_list(qtbot: Any, table: TicketTable) -> None:
    table.show_tickets(desk(), 50)
    qtbot.keyClicks(table.search, "maes")
    assert table.shown_numbers() == ["INC0002"]
    table.search.clear()
    table.status_filter.setCurrentIndex(table.status_filter.findData("pending"))
    assert table.shown_numbers() == ["INC0003"]
    table.status_filter.setCurrentIndex(0)
    table.priority_filter.setCurrentIndex(table.priority_filter.findData("P2"))
    assert table.shown_numbers() == ["INC0004"]
    table.priority_filter.setCurrentIndex(0)
    table.team_filter.setCurrentIndex(table.team_filter.findData("servicedesk"))
    assert table.shown_numbers() == ["INC0003"]
    table.team_filter.setCurrentIndex(0)
    assert len(table.shown_numbers()) == 4


def test_the_list_sorts_by_any_column(table: TicketTable) -> None:
    table.show_tickets(desk(), 50)
    table.view.sortByColumn(COLUMNS.index("priority"), Qt.SortOrder.AscendingOrder)
    assert table.shown_numbers() == ["INC0001", "INC0004", "INC0002", "INC0003"]
    table.view.sortByColumn(COLUMNS.index("requester"), Qt.SortOrder.DescendingOrder)
    assert table.shown_numbers() == ["INC0002", "INC0004", "INC0001", "INC0003"]


def test_the_keyboard_moves_and_opens_a_ticket(qtbot: Any, table: TicketTable) -> None:
    table.show_tickets(desk(), 50)
    table.view.setFocus()
    table.select("INC0001")
    opened: list[str] = []
    table.ticketActivated.connect(opened.append)
    qtbot.keyClick(table.view, Qt.Key.Key_Down)
    assert table.current_number() == "INC0002"
    qtbot.keyClick(table.view, Qt.Key.Key_Return)
    assert opened == ["INC0002"]
    # Alt+Z goes to the search box, Tab from the list leaves it
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert table.search.hasFocus()


def test_a_refresh_keeps_the_selection_and_adds_new_tickets(table: TicketTable) -> None:
    helpdesk = desk()
    table.show_tickets(helpdesk, 50)
    table.select("INC0002")
    helpdesk.apply(TicketEvent(t=55, op="create", values={**NEW, "requester": "Nina Peeters"}))
    table.show_tickets(helpdesk, 56)
    assert table.current_number() == "INC0002"
    assert "INC0005" in table.shown_numbers()
    assert table.model.rowCount() == 5
    assert table.proxy.index(0, SLA_COLUMN).data().startswith("⚠")  # INC0001, 4 s left
