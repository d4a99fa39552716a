"""The ticket form driven from the keyboard alone, its actions applied to a real Helpdesk as a
screen's controller does: the priority the matrix gives, a ticket created, updated, resolved and
closed, and the helpdesk's refusals said in words under the form."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from tests.core.test_helpdesk import CONFIG
from trainer.core.helpdesk import Created, Helpdesk, Outcome
from trainer.core.journal import TicketEvent
from trainer.core.sla import SlaConfig
from trainer.ui.app import create_application
from trainer.ui.ticket_form import FormAction, TicketForm

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Desk:
    """What a screen's controller does with the form's requests: apply them at a time."""

    def __init__(self, form: TicketForm) -> None:
        self.form = form
        self.helpdesk = Helpdesk(CONFIG)
        self.asked: list[FormAction] = []
        self.t = 10.0
        form.actionRequested.connect(self.on_action)

    def on_action(self, action: FormAction) -> None:
        self.asked.append(action)
        self.t += 5
        event = TicketEvent(
            t=self.t, op=action.op, ticket=action.ticket, contact=action.contact,
            values=action.values,
        )  # fmt: skip
        outcomes: list[Outcome] = self.helpdesk.apply(event)
        self.form.show_outcome(outcomes)
        number = next((o.ticket for o in outcomes if isinstance(o, Created)), action.ticket)
        ticket = self.helpdesk.ticket(number)
        if ticket is not None and not any(o.__class__.__name__ == "Refused" for o in outcomes):
            self.form.edit(ticket)


@pytest.fixture
def form(qtbot: Any) -> TicketForm:
    create_application()
    widget = TicketForm()
    qtbot.addWidget(widget)
    widget.set_config(CONFIG)
    widget.new_ticket(contact="call-1", channel="phone")
    widget.resize(700, 800)
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def choose(qtbot: Any, form: TicketForm, mnemonic: Qt.Key, combo: QComboBox, code: str) -> None:
    """Alt+letter to the combo box, then the arrow keys until it shows ``code``."""
    qtbot.keyClick(form, mnemonic, ALT)
    assert combo.hasFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == code:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{code} not in the list")


def type_into(qtbot: Any, form: TicketForm, mnemonic: Qt.Key, widget: Any, text: str) -> None:
    qtbot.keyClick(form, mnemonic, ALT)
    assert widget.hasFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_the_priority_shown_is_the_matrix_s(qtbot: Any, form: TicketForm) -> None:
    assert form.priority.text() == "kies impact en urgentie"
    choose(qtbot, form, Qt.Key.Key_I, form.impact, "medium")
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "high")
    assert form.priority.text() == "P2: reactie binnen 2:00, oplossen binnen 20:00"
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "low")
    assert form.priority.text().startswith("P4: ")


def test_the_priority_follows_an_exercise_s_own_matrix(qtbot: Any, form: TicketForm) -> None:
    # a desk where impact weighs more than urgency: high impact, low urgency is a P2 here
    matrix = {
        "high": {"high": "P1", "medium": "P1", "low": "P2"},
        "medium": {"high": "P2", "medium": "P3", "low": "P3"},
        "low": {"high": "P3", "medium": "P4", "low": "P5"},
    }
    form.set_config(CONFIG.model_copy(update={"sla": SlaConfig.model_validate({"matrix": matrix})}))
    choose(qtbot, form, Qt.Key.Key_I, form.impact, "high")
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "low")
    assert form.priority.text().startswith("P2: ")
    choose(qtbot, form, Qt.Key.Key_I, form.impact, "low")
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "high")
    assert form.priority.text().startswith("P3: ")


def test_a_ticket_created_updated_resolved_and_closed_from_the_keyboard(
    qtbot: Any, form: TicketForm
) -> None:
    desk = Desk(form)
    type_into(qtbot, form, Qt.Key.Key_A, form.requester, "Sofie Maes")
    type_into(qtbot, form, Qt.Key.Key_O, form.subject, "Printer 2e verdieping drukt niet")
    choose(qtbot, form, Qt.Key.Key_C, form.category, "printer")
    choose(qtbot, form, Qt.Key.Key_I, form.impact, "medium")
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "medium")
    qtbot.keyClick(form.urgency, Qt.Key.Key_Return, CTRL)
    assert desk.asked[-1] == FormAction(
        "create", "", "call-1",
        {"requester": "Sofie Maes", "channel": "phone",
         "subject": "Printer 2e verdieping drukt niet", "category": "printer",
         "impact": "medium", "urgency": "medium", "status": "new"},
    )  # fmt: skip
    ticket = desk.helpdesk.ticket("INC0001")
    assert ticket is not None and ticket.priority == "P3"
    assert form.title.text() == "Ticket INC0001"

    # routed to the team, the customer told
    choose(qtbot, form, Qt.Key.Key_T, form.team, "werkplek")
    type_into(qtbot, form, Qt.Key.Key_N, form.note, "Doorgestuurd naar werkplekbeheer")
    qtbot.keyClick(form, Qt.Key.Key_G, ALT)  # the check box's own letter
    qtbot.waitUntil(form.informed.isChecked)  # a button's letter clicks it after a flash
    qtbot.keyClick(form.note, Qt.Key.Key_T, CTRL)
    assert desk.asked[-1].op == "assign"
    assert desk.asked[-1].values == {
        "team": "werkplek", "note": "Doorgestuurd naar werkplekbeheer",
        "customer_informed": "true",
    }  # fmt: skip
    ticket = desk.helpdesk.ticket("INC0001")
    assert ticket is not None and (ticket.team, ticket.status) == ("werkplek", "open")
    assert not form.informed.isChecked() and form.note.toPlainText() == ""

    # waiting on the customer: an update sends only what changed
    choose(qtbot, form, Qt.Key.Key_S, form.status, "pending")
    qtbot.keyClick(form.status, Qt.Key.Key_Return, CTRL)
    assert desk.asked[-1] == FormAction("update", "INC0001", "call-1", {"status": "pending"})

    # resolved with a close code and a solution, then closed
    choose(qtbot, form, Qt.Key.Key_F, form.close_code, "opgelost")
    type_into(qtbot, form, Qt.Key.Key_P, form.solution, "Papier verwijderd, printer herstart")
    qtbot.keyClick(form.solution, Qt.Key.Key_O, CTRL)
    ticket = desk.helpdesk.ticket("INC0001")
    assert ticket is not None and ticket.status == "resolved"
    assert ticket.solution == "Papier verwijderd, printer herstart"
    assert form.close_button.isEnabled() and not form.resolve.isEnabled()
    qtbot.keyClick(form.solution, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    ticket = desk.helpdesk.ticket("INC0001")
    assert ticket is not None and ticket.status == "closed"
    assert not form.save.isEnabled() and not form.reopen.isEnabled()


def test_a_refused_action_is_said_under_the_form(qtbot: Any, form: TicketForm) -> None:
    desk = Desk(form)
    type_into(qtbot, form, Qt.Key.Key_A, form.requester, "Bram Claes")
    choose(qtbot, form, Qt.Key.Key_C, form.category, "vpn")
    qtbot.keyClick(form.requester, Qt.Key.Key_Return, CTRL)
    assert desk.helpdesk.ticket("INC0001") is None  # no ticket made
    assert form.problem_line.isVisible()
    assert form.problem_line.text() == "Vul impact in. Vul urgentie in."
    choose(qtbot, form, Qt.Key.Key_I, form.impact, "high")
    choose(qtbot, form, Qt.Key.Key_U, form.urgency, "high")
    qtbot.keyClick(form.urgency, Qt.Key.Key_Return, CTRL)
    assert [t.number for t in desk.helpdesk.tickets] == ["INC0001"]
    assert not form.problem_line.isVisible()
    # resolving without a solution: refused, and said
    choose(qtbot, form, Qt.Key.Key_F, form.close_code, "workaround")
    qtbot.keyClick(form.close_code, Qt.Key.Key_O, CTRL)
    assert form.problem_line.text() == "Vul oplossing in."
    ticket = desk.helpdesk.ticket("INC0001")
    assert ticket is not None and ticket.status == "new"


def test_the_form_s_keys_act_only_while_it_has_the_focus(qtbot: Any) -> None:
    create_application()
    screen = QWidget()  # a screen with the form beside a chat's reply box (its own Ctrl+Enter)
    qtbot.addWidget(screen)
    form = TicketForm()
    form.set_config(CONFIG)
    form.new_ticket("chat-1", "chat")
    reply = QLineEdit()
    row = QHBoxLayout(screen)
    row.addWidget(form)
    row.addWidget(reply)
    screen.show()
    with qtbot.waitActive(screen):
        screen.activateWindow()
    desk = Desk(form)
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_Return, CTRL)
    assert desk.asked == []
    form.requester.setFocus()
    qtbot.keyClick(form.requester, Qt.Key.Key_Return, CTRL)
    assert [a.op for a in desk.asked] == ["create"]
