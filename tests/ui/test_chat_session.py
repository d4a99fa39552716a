"""A chat session on the real window, driven by keys as a trainee does it: three customers
arrive, canned responses are inserted and filled, replies sent with Enter, a customer left
waiting gives up, and the results page says so; the journal gives the same result again.

The session clock is a fake one moved by the test (``later``), so no pass or fail depends on
how fast the machine is; the screen's own timer is stood in for by ``session.tick()``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from trainer.core import chat_engine as ce
from trainer.core.chat_scenario import ChatExercise
from trainer.core.chat_scoring import ChatResult
from trainer.core.journal import ChatEvent, KeyEvent, read_journal
from trainer.core.journal_writer import SessionClock
from trainer.core.loader import load_exercise
from trainer.core.scoring import score
from trainer.ui import chat_controller
from trainer.ui.chat_controller import ChatController
from trainer.ui.chat_results_view import ChatResultsView
from trainer.ui.main_window import MainWindow

HERE = Path(__file__).parent
EXERCISE = HERE / "chat_session.yaml"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class FakeTime:
    """The session clock's source: seconds the test sets."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    """The window's exercise folder: the three-customer chat of these tests."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / EXERCISE.name).write_bytes(EXERCISE.read_bytes())
    return folder


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTime]:
    now = FakeTime()
    monkeypatch.setattr(chat_controller, "SessionClock", lambda: SessionClock(now))
    yield now


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def exercise() -> ChatExercise:
    loaded, _ = load_exercise(EXERCISE)
    assert isinstance(loaded, ChatExercise)
    return loaded


def start(qtbot, window: MainWindow) -> ChatController:
    """The chat started as a trainee does: from the home list, where it stands under its
    kind's name."""
    tree = window.home.exercise_tree
    kinds = [
        tree.topLevelItem(0).child(i).text(0) for i in range(tree.topLevelItem(0).childCount())
    ]
    assert "Chat" in kinds, kinds
    entry = window.catalog.by_id("nl-chat-test-drie-klanten")
    assert entry is not None
    session = window.start_exercise(entry.exercise, window.current_trainee())
    assert isinstance(session, ChatController)
    qtbot.waitUntil(lambda: session._poll_timer.isActive(), timeout=3000)  # started
    return session


def later(session: ChatController, now: FakeTime, t: float) -> None:
    """Time passes until ``t``: what is due fires, the screen shows the new times."""
    now.t = t
    session.tick()


def key(qtbot, keys: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), keys, modifier)


def write(qtbot, text: str) -> None:
    """Typed into the widget with the focus: ASCII as key clicks, an accented letter as a key
    event's text (a keyboard with the letter) or, for 'ë', as an input method's commit (a dead
    key on Linux)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(focused(), ch)
        elif ch == "ë":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(focused(), event)
        else:
            QApplication.sendEvent(
                focused(),
                QKeyEvent(
                    QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch
                ),
            )


def send(qtbot, text: str) -> None:
    write(qtbot, text)
    key(qtbot, Qt.Key.Key_Return)


def template(qtbot, typed: str) -> None:
    """Ctrl+T, a few letters of its name, Enter: the canned response in the reply box."""
    key(qtbot, Qt.Key.Key_T, CTRL)
    write(qtbot, typed)
    key(qtbot, Qt.Key.Key_Return)


def test_a_customer_left_waiting_leaves_and_a_reply_without_its_fact_is_caught(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    session = start(qtbot, window)
    view = session.view
    assert all(not pane.isVisible() for pane in view.panes.values())
    later(session, fake_time, 2.0)
    els, jonas, fatima = (view.panes[c] for c in ("els", "jonas", "fatima"))
    assert els.isVisible() and not jonas.isVisible()
    assert "Ctrl+1 opent de chat" in view.state.text()
    assert els.unread_count == 1

    # Ctrl+1: Els in front, her record beside the chats, the cursor in her reply box
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert view.current == "els" and els.reply.hasFocus() and els.unread_count == 0
    assert view.record_values["name"].text() == "Els Maes"
    assert view.fields["klantnummer_els"].isVisible()
    # the greeting from the canned responses, filled from her record, then her number asked
    template(qtbot, "begr")
    assert (
        els.reply.toPlainText()
        == "Goedemiddag Els Maes, u chat met Lotte. Waarmee kan ik u helpen?"
    )
    assert els.reply.hasFocus()
    key(qtbot, Qt.Key.Key_Return, SHIFT)  # a new line, not sent
    write(qtbot, "Mag ik uw klantnummer?")
    assert els.reply.toPlainText().endswith("helpen?\nMag ik uw klantnummer?")
    later(session, fake_time, 4.0)
    key(qtbot, Qt.Key.Key_Return)
    assert els.reply.toPlainText() == ""
    assert "Mag ik uw klantnummer?" in els.conversation.toPlainText()

    # Jonas and Fatima write while Els is in front: counted as unread, their time running
    later(session, fake_time, 5.0)
    later(session, fake_time, 8.0)
    later(session, fake_time, 9.0)
    assert jonas.isVisible() and fatima.isVisible()
    assert jonas.unread_count == 1 and fatima.unread_count == 1
    assert jonas.unread.text() == "✉ 1" and jonas.unread.toolTip() == "1 nieuw bericht"
    assert "Mijn klantnummer is 4821 3975." in els.conversation.toPlainText()
    later(session, fake_time, 12.0)
    assert jonas.waiting.text() == "wacht 0:07"  # since 0:05
    assert jonas.waiting.property("over") is False

    # Els gives her number: into the form (Tab from her reply), then thanked, but no link
    key(qtbot, Qt.Key.Key_Tab)
    assert view.fields["klantnummer_els"].hasFocus()
    write(qtbot, "4821 3975")
    key(qtbot, Qt.Key.Key_Tab)
    els.reply.setFocus()
    send(qtbot, "Bedankt, ik kijk het meteen voor u na.")

    # Fatima, by Ctrl+3: an apology with the fact, typed with accents (a key's é, a dead key's ë)
    key(qtbot, Qt.Key.Key_3, CTRL)
    assert view.current == "fatima" and fatima.unread_count == 0
    later(session, fake_time, 20.0)
    send(
        qtbot,
        "Sorry, ik ga uw factuur nakijken. Één ogenblik, ik bekijk het dossier van Fatima El "
        "Amrani: de tariefwijziging en het verbruik in België verklaren de rekening.",
    )
    later(session, fake_time, 24.0)
    assert "Oké, bedankt. Fijne dag!" in fatima.conversation.toPlainText()
    assert "Afgerond" in fatima.state.text()

    # Jonas waited on: impatient at 30 s (red), gone at 60 s; a reply then reaches nobody
    later(session, fake_time, 35.0)
    assert "Is er iemand?" in jonas.conversation.toPlainText()
    assert jonas.waiting.property("over") is True
    later(session, fake_time, 65.0)
    assert "Jonas Peeters heeft de chat verlaten" in jonas.state.text()
    assert not jonas.waiting.isVisible()
    key(qtbot, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab: the next chat after Fatima's is Els's
    assert view.current == "els"
    key(qtbot, Qt.Key.Key_2, CTRL)
    assert view.current == "jonas"
    send(qtbot, "Sorry")
    assert view.problem.text().startswith("De klant heeft de chat verlaten")
    assert "1 klant vertrokken" in view.state.text()

    # done: Ctrl+Enter ends the session, the results page says what went wrong
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert not session.active
    result = session.result
    assert isinstance(result, ChatResult) and not result.passed
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView)
    assert page.verdict.text() == "Niet geslaagd"
    assert "Jonas Peeters heeft de chat verlaten na 1:00 wachten (op 1:05)" in page.summary.text()
    timing = _row(page.competences, "co 01669")
    assert timing[2] == "nee" and "Jonas Peeters" in timing[3]
    reply = _row(page.replies, "Els Maes", "Mijn klantnummer is 4821 3975.")
    assert "de link om het wachtwoord te herstellen" in reply[5]
    assert reply[2] == "Bedankt, ik kijk het meteen voor u na."
    assert _row(page.replies, "Fatima El Amrani")[5] == ""  # her reply lacks nothing
    assert page.events.item(0, 2).text() == "gemist"  # the team leader's, never acknowledged

    # the journal: each key with the box it went to, the accented letters as typed
    journal = read_journal(session.journal.path)
    keys = [e for e in journal.events if isinstance(e, KeyEvent)]
    assert {e.field for e in keys} == {"chat:els", "klantnummer_els", "chat:fatima", "chat:jonas"}
    typed_fatima = "".join(e.text or "" for e in keys if e.field == "chat:fatima")
    assert "Één" in typed_fatima and "België" in typed_fatima
    assert "\n" in "".join(e.text or "" for e in keys if e.field == "chat:els")
    sent = [e for e in journal.events if isinstance(e, ChatEvent) and e.action == "sent"]
    assert sent[0].template == "begroeting" and sent[1].template == ""
    assert [e.chat for e in journal.events if isinstance(e, ChatEvent) and e.action == "left"] == [
        "jonas"
    ]
    # replayed from the journal: the identical result, by the scorer and by the command
    assert score(exercise(), journal) == result
    replayed = subprocess.run(
        [
            sys.executable,
            "-m",
            "trainer",
            "replay",
            str(EXERCISE),
            str(session.journal.path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert replayed.returncode == 0, replayed.stderr
    assert json.loads(replayed.stdout) == result.model_dump(mode="json")


def test_a_good_session_passes(qtbot, window: MainWindow, fake_time: FakeTime) -> None:
    session = start(qtbot, window)
    view = session.view
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    later(session, fake_time, 5.0)
    send(qtbot, "Goedemiddag, ik help u graag. Mag ik uw klantnummer?")
    later(session, fake_time, 10.0)
    key(qtbot, Qt.Key.Key_Tab)
    write(qtbot, "48213975")
    key(qtbot, Qt.Key.Key_Tab)
    view.panes["els"].reply.setFocus()
    template(qtbot, "bevestig")  # the number just entered, filled in from the form
    assert (
        view.panes["els"].reply.toPlainText()
        == "Bedankt, ik heb uw klantnummer 48213975 genoteerd."
    )
    send(qtbot, " Ik stuur u een link om uw wachtwoord te herstellen.")
    key(qtbot, Qt.Key.Key_2, CTRL)
    later(session, fake_time, 14.0)
    # the team leader's message on the screen, bold until F9 acknowledges it
    message = view.messages.item(0)
    assert message.text().startswith("Collega: Teamleider Ilse") and message.font().bold()
    assert message.text().endswith("(nog 26 s)")  # (on screen since 0:10)
    key(qtbot, Qt.Key.Key_F9)
    assert not view.messages.item(0).font().bold() and "✓ bevestigd" in message.text()
    send(qtbot, "Sorry voor het ongemak. Wilt u de printer eens herstarten?")
    key(qtbot, Qt.Key.Key_3, CTRL)
    later(session, fake_time, 18.0)
    send(qtbot, "Sorry daarvoor, ik ga uw factuur meteen nakijken.")
    later(session, fake_time, 25.0)
    # Jonas's question is answered and he writes no more: every chat is over
    assert "alles afgehandeld" in view.state.text()
    key(qtbot, Qt.Key.Key_Return, CTRL)
    result = session.result
    assert isinstance(result, ChatResult)
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView)
    assert result.passed, [c for c in result.competences if not c.shown]
    assert page.verdict.text() == "Geslaagd"
    assert "Antwoorden: 4 op tijd, 0 te laat, 0 gemist." in page.summary.text()
    assert _row(page.events, "Teamleider Ilse: de printers op de tweede verdieping zijn sinds de "
                "update gekend, laat herstarten.")[1:] == ["4,0 s", "op tijd"]  # fmt: skip


def test_the_session_cannot_end_while_a_customer_still_waits(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    session = start(qtbot, window)
    view = session.view
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    # Ctrl+T, Enter at once: the first canned response, without a letter typed
    key(qtbot, Qt.Key.Key_T, CTRL)
    key(qtbot, Qt.Key.Key_Return)
    assert view.panes["els"].reply.toPlainText().startswith("Goedemiddag Els Maes, u chat met")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert session.active
    assert view.problem.text().startswith("Er wacht nog een klant")
    session.finish("abandoned")


def _row(table, *cells: str) -> list[str]:
    """The first row of ``table`` that starts with ``cells``, as texts."""
    for r in range(table.rowCount()):
        row = [table.item(r, c).text() for c in range(table.columnCount())]
        if row[: len(cells)] == list(cells):
            return row
    raise AssertionError(f"no row {cells}")


def test_three_chats_share_a_small_screen_beside_the_record_and_form(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    """In a 1366x700 window (a 1366x768 screen less its task bar) the shipped three-customer
    exam chat stands side by side, the chats equally wide, and the column beside them (a full
    record, the form, canned responses, messages) fits without scrolling."""
    from trainer.paths import exercises_dir

    window.resize(1366, 700)
    shipped, _ = load_exercise(exercises_dir() / "nl/chat/nl-chat-05-examen-telecom.yaml")
    session = window.start_exercise(shipped, window.current_trainee())
    assert isinstance(session, ChatController)
    qtbot.waitUntil(lambda: session._poll_timer.isActive(), timeout=3000)
    view = session.view
    later(session, fake_time, 40.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    qtbot.wait(50)  # (laid out on the next turn of the event loop)
    widths = [pane.width() for pane in view.panes.values()]
    assert len(widths) == 3 and all(pane.isVisible() for pane in view.panes.values())
    assert max(widths) - min(widths) <= 2 and min(widths) >= 250
    assert len(view.record_values) >= 6 and view.form_box.isVisible()
    assert not view.side.horizontalScrollBar().isVisible()
    assert not view.side.verticalScrollBar().isVisible()
    session.finish("abandoned")


def test_escape_asks_before_stopping_and_in_the_canned_responses_goes_back_to_the_reply(
    qtbot, window: MainWindow, answer_dialogs, fake_time: FakeTime
) -> None:
    from PySide6.QtWidgets import QMessageBox

    session = start(qtbot, window)
    view = session.view
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    # in the canned responses, Escape is one step back (to the reply), no question asked
    key(qtbot, Qt.Key.Key_T, CTRL)
    assert view.template_filter.hasFocus()
    key(qtbot, Qt.Key.Key_Escape)
    assert view.panes["els"].reply.hasFocus() and answer_dialogs == []
    # in the reply: asked; No keeps the session going where it was
    write(qtbot, "Goedemiddag")
    answer_dialogs.reply = QMessageBox.StandardButton.No
    key(qtbot, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"] and session.active
    assert view.panes["els"].reply.toPlainText() == "Goedemiddag"
    # Yes: stopped, kept as an abandoned session, nothing judged
    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    key(qtbot, Qt.Key.Key_Escape)
    assert not session.active
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView) and page.verdict.text() == "Afgebroken"
    assert "Niet beoordeeld: de sessie werd niet afgerond." in page.summary.text()
    assert window.store.session(session.session_id).status == "abandoned"


def test_every_refusal_of_the_chat_engine_is_worded(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    """A refusal code the engine may give and the screen cannot say would stop the session
    with a KeyError at the key that got it."""
    from typing import get_args

    from trainer.core.chat_protocol import RefusalCode

    session = start(qtbot, window)
    said = session.refusals()
    assert set(said) == set(get_args(RefusalCode))
    assert all(text and text[0].isupper() and text.endswith(".") for text in said.values())
    session.finish("abandoned")


def test_a_chat_result_reopened_from_the_store_shows_on_the_chat_results_page(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    session = start(qtbot, window)
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    send(qtbot, "Goedemiddag, mag ik uw klantnummer?")
    session.finish("abandoned")
    window.show_home()
    assert window.open_past_result(session.session_id)
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView)
    assert page.verdict.text() == "Afgebroken" and not page.again_button.isVisible()
    assert _row(page.replies, "Els Maes")[2] == "Goedemiddag, mag ik uw klantnummer?"


@pytest.mark.parametrize(
    "path",
    sorted((Path(__file__).parents[2] / "exercises").glob("*/chat/*.yaml")),
    ids=lambda p: p.stem,
)
def test_every_shipped_chat_plays_on_the_screen(
    qtbot, window: MainWindow, fake_time: FakeTime, path: Path
) -> None:
    """Each shipped chat, in its language: every customer comes and can be turned to, a chat
    that ends in a ticket has its ticket form (Ctrl+I), every canned response goes into the reply
    with the record's placeholders filled in (the ticket's number once it is made)."""
    from tests.core.test_chat_engine import model_ticket
    from trainer.core.chat_scenario import PLACEHOLDERS

    shipped, _ = load_exercise(path)
    assert isinstance(shipped, ChatExercise)
    session = window.start_exercise(shipped, window.current_trainee())
    assert isinstance(session, ChatController)
    qtbot.waitUntil(lambda: session._poll_timer.isActive(), timeout=3000)
    view = session.view
    later(session, fake_time, max(c.messages[0].at or 0.0 for c in shipped.chats) + 0.5)
    record = {f"{{{name}}}" for name, a in PLACEHOLDERS[shipped.language].items() if a != "agent"}
    for number, chat in enumerate(shipped.chats, start=1):
        assert view.panes[chat.id].isVisible()
        key(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert view.current == chat.id and view.record_values["name"].text() == chat.customer.name
        reply = view.panes[chat.id].reply
        if chat.ticket is not None:  # Ctrl+I: its ticket, the customer as requester
            key(qtbot, Qt.Key.Key_I, CTRL)
            form = view.ticket_form
            assert form.isVisible() and form.requester.text() == chat.customer.name
            session._do(ce.TicketAction(chat.id, "create", model_ticket(chat)))
            assert session.chat.helpdesk is not None
            assert form.title.text().endswith(session.chat.helpdesk.tickets[-1].number)
        for template in shipped.templates:
            reply.clear()
            session._do(ce.InsertTemplate(chat.id, template.id))
            text = reply.toPlainText()
            assert text and not any(place in text for place in record), text
    session.finish("abandoned")


def test_the_knowledge_base_is_searched_by_keys_and_an_article_opened_is_journaled(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    """Ctrl+F in the middle of a reply: the language's shared knowledge base, an article
    opened by Enter is journaled as in a call, and the result replays the same."""
    from trainer.core.journal import ActionEvent
    from trainer.paths import exercises_dir

    window._exercise_dirs = [exercises_dir()]  # (the shipped shared articles)
    session = start(qtbot, window)
    view = session.view
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    write(qtbot, "Goedemiddag, ")
    key(qtbot, Qt.Key.Key_F, CTRL)
    assert view.knowledge.search.hasFocus() and view.tools.currentIndex() == 1
    write(qtbot, "wachtwoord vergeten")
    assert view.knowledge.hits.count() > 0
    key(qtbot, Qt.Key.Key_Return)
    assert view.knowledge.opened
    key(qtbot, Qt.Key.Key_1, CTRL)  # back to the reply, as it was
    assert view.panes["els"].reply.hasFocus()
    assert view.panes["els"].reply.toPlainText() == "Goedemiddag, "
    result = session.finish("abandoned")
    journal = read_journal(session.journal.path)
    opened = [e for e in journal.events if isinstance(e, ActionEvent)]
    assert [(e.action, e.target) for e in opened] == [("open_article", view.knowledge.opened)]
    assert score(exercise(), journal) == result


def test_ctrl_s_on_the_chat_results_saves_its_report(
    qtbot, window: MainWindow, fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The results page's "Rapport" (Ctrl+S) writes the chat's report where the user says:
    its replies per customer with what they lacked."""
    from tests.ui.test_report_button import answer_save

    session = start(qtbot, window)
    later(session, fake_time, 2.0)
    key(qtbot, Qt.Key.Key_1, CTRL)
    send(qtbot, "Goedemiddag, ik kijk het na.")  # no question for her number
    session.finish("abandoned")
    page = window.stack.currentWidget()
    assert isinstance(page, ChatResultsView) and "Ctrl+S" in page.report_button.text()
    target = tmp_path / "rapport.html"
    answer_save(monkeypatch, str(target), chosen=1)
    key(qtbot, Qt.Key.Key_S, CTRL)
    text = target.read_text(encoding="utf-8")
    assert "Els Maes" in text and "Goedemiddag, ik kijk het na." in text
    assert "de vraag naar het klantnummer" in text
