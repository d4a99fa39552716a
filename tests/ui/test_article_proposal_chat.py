"""Proposing a knowledge-base article in a chat session (issue 14 §1), by keys: Ctrl+Shift+F
in the middle of a reply, the proposal journaled beside the chat in front through the chat
engine (this chat has no helpdesk system), the reply as it was, and the results page's tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.keys import type_text
from tests.ui.test_article_proposal import closed, dialog_of, propose_key, tab_text
from tests.ui.test_chat_session import (  # noqa: F401  (fixtures)
    CTRL,
    FakeTime,
    exercises,
    fake_time,
    key,
    later,
    start,
    write,
)
from trainer.core.journal import TicketEvent, read_journal
from trainer.ui.chat_results_view import ChatResultsView
from trainer.ui.main_window import MainWindow


def test_in_a_chat_an_article_is_proposed_beside_the_chat_in_front(
    qtbot,
    window: MainWindow,
    answer_dialogs,
    fake_time: FakeTime,  # noqa: F811
) -> None:
    session = start(qtbot, window)
    view = session.view
    assert session.exercise.helpdesk is None
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    write(qtbot, "Goedemiddag")
    reply = view.panes["els"].reply
    propose_key(qtbot)
    dialog = dialog_of(qtbot, view.knowledge)
    type_text(qtbot, dialog.title, "Wachtwoord van de webmail\n")
    type_text(qtbot, dialog.body, "Via het klantenportaal, niet via de servicedesk.")
    later(session, fake_time, 9.0)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, CTRL)
    closed(qtbot, view.knowledge)
    assert reply.hasFocus() and reply.toPlainText() == "Goedemiddag"  # back to the reply

    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    key(qtbot, Qt.Key.Key_Escape)
    assert not session.active
    [line] = [e for e in read_journal(session.journal.path).events if isinstance(e, TicketEvent)]
    assert (line.t, line.op, line.contact) == (9.0, "propose_article", "els")
    assert line.values == {
        "title": "Wachtwoord van de webmail",
        "body": "Via het klantenportaal, niet via de servicedesk.",
    }
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView)
    shown = tab_text(page.tabs, page.proposals)
    assert shown.startswith("Voorstellen (1)") and "0:09 · nieuw artikel" in shown
