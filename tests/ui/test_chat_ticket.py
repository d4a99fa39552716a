"""A chat whose question must end in a ticket (a session with a helpdesk system), driven by
keys on the real window: the ticket form of the chat in front (Ctrl+I), its own Ctrl+Enter and
Ctrl+T while it has the focus, the ticket made, refused and resolved through the chat engine,
and the result judging it; the journal replays to the same result."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_chat_session import CTRL, FakeTime, focused, key, later, send, write
from tests.ui.test_chat_session import fake_time as fake_time  # (a fixture)
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import TicketEvent, read_journal
from trainer.core.scoring import score
from trainer.ui.chat_controller import ChatController
from trainer.ui.main_window import MainWindow

EXERCISE = Path(__file__).parent / "chat_ticket.yaml"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def exercises(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / EXERCISE.name).write_bytes(EXERCISE.read_bytes())
    yield folder


def start(qtbot, window: MainWindow) -> ChatController:
    entry = window.catalog.by_id("nl-chat-test-ticket")
    assert entry is not None
    session = window.start_exercise(entry.exercise, window.current_trainee())
    assert isinstance(session, ChatController)
    qtbot.waitUntil(lambda: session._poll_timer.isActive(), timeout=3000)
    return session


def choose(qtbot, letter: Qt.Key, first: str) -> None:
    """Alt+letter to a list of the form, then the first letter of the item wanted."""
    key(qtbot, letter, ALT)
    write(qtbot, first)


def test_a_chat_ticket_made_refused_and_resolved_by_keys(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    session = start(qtbot, window)
    view = session.view
    form = view.ticket_form
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    reply = view.panes["an"].reply
    assert reply.hasFocus()  # (the new ticket's form does not take the cursor from the reply)
    later(session, fake_time, 6.0)
    send(qtbot, "Goedemorgen, ik stuur u een link om uw wachtwoord te herstellen.")

    # Ctrl+I: a new ticket about this chat, the customer as its requester
    key(qtbot, Qt.Key.Key_I, CTRL)
    assert view.tools.currentIndex() == 2 and form.subject.hasFocus()
    assert form.requester.text() == "An Peeters" and form.title.text() == "Nieuw ticket"
    write(qtbot, "Wachtwoord webmail vergeten")
    choose(qtbot, Qt.Key.Key_C, "A")
    choose(qtbot, Qt.Key.Key_I, "l")
    choose(qtbot, Qt.Key.Key_U, "m")
    key(qtbot, Qt.Key.Key_N, ALT)
    write(qtbot, "Resetlink gestuurd naar an.peeters@skynet.be")
    # the form's own Ctrl+Enter: the ticket is made (the session does not end)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert session.active
    assert form.title.text() == "Ticket INC2201"
    # the form's own Ctrl+T: assign, refused without a team (the canned responses stay shut)
    form.note.setFocus()
    key(qtbot, Qt.Key.Key_T, CTRL)
    assert form.problem_line.isVisible() and "team" in form.problem_line.text()
    assert not view.template_filter.hasFocus()
    # resolved with its close code and solution
    choose(qtbot, Qt.Key.Key_F, "O")
    key(qtbot, Qt.Key.Key_P, ALT)
    write(qtbot, "Wachtwoord opnieuw ingesteld via de resetlink.")
    key(qtbot, Qt.Key.Key_O, CTRL)
    assert not form.problem_line.isVisible()

    later(session, fake_time, 17.0)  # she thanks: the chat is over
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert focused() is reply
    key(qtbot, Qt.Key.Key_Return, CTRL)  # in the reply: the screen's Ctrl+Enter ends it
    result = session.result
    assert isinstance(result, ChatResult)
    data = next(c for c in result.competences if c.code == "co 01670")
    assert data.shown, data.reasons
    journal = read_journal(session.journal.path)
    tickets = [e for e in journal.events if isinstance(e, TicketEvent)]
    assert [(e.op, e.ticket, e.contact) for e in tickets] == [
        ("create", "INC2201", "an"),
        ("resolve", "INC2201", "an"),
    ]
    assert tickets[0].values["category"] == "account" and tickets[0].values["impact"] == "low"
    typed = "".join(e.text or "" for e in journal.keys if e.field == "ticket.subject")
    assert typed == "Wachtwoord webmail vergeten"
    assert score(session.exercise, journal) == result
