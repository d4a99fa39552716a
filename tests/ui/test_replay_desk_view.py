"""The replay of a queue shift and of a chat session as a coach uses it: the session stored in the
window's own store (made by driving the engines, tests/core/test_replay_desk.py), its result
opened from the sessions list, Ctrl+J on the results page; N jumps to the next mark, and at
the SLA breach the printer's ticket reads breached in the ticket list, at the customer's
departure her chat says she left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.core.test_chat_engine import REPO, WACHTWOORD, ChatDesk, load, operator
from tests.core.test_queue_engine import LEVEL_1, Operator
from tests.core.test_replay_desk import PRINTER, _no_team
from tests.journals import write_journal
from trainer.core.chat_scoring import ChatResult
from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import EndEvent, FieldEvent, Journal
from trainer.core.replay_chat import chat_replay_of
from trainer.core.scoring import score
from trainer.paths import exercises_dir
from trainer.ui.app import create_application
from trainer.ui.chat_results_view import ChatResultsView
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_results_view import QueueResultsView
from trainer.ui.replay_desk_view import ChatPanel, QueuePanel
from trainer.ui.replay_view import ReplayView
from trainer.ui.ticket_table import COLUMNS

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def _shift(folder: Path) -> tuple[ExerciseBase, Journal]:
    worker = Operator(LEVEL_1, spoil=_no_team, work=0.0)
    worker.run()
    return LEVEL_1, write_journal(folder / "queue.jsonl", LEVEL_1, worker.journal)


def _chat(folder: Path) -> tuple[ExerciseBase, Journal]:
    desk = ChatDesk(WACHTWOORD)
    operator(desk, {("an", "vraag"): None})  # An's question never answered: she leaves
    events = [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    return WACHTWOORD, write_journal(folder / "chat.jsonl", WACHTWOORD, events)


@pytest.fixture
def window(qtbot, data_dir: Path, answer_dialogs: list[str]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The app on the shipped exercises, a trainee's shift (row 1) and chat (row 0) stored."""
    create_application()
    win = MainWindow(data_dir=data_dir, exercise_dirs=[exercises_dir()])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    store = win.store
    trainee = store.add_trainee("Lien Janssens")
    journals = store.folder / "journals"
    journals.mkdir(exist_ok=True)
    for day, make in (("23", _shift), ("24", _chat)):
        exercise, journal = make(journals)
        sid = store.start_session(
            trainee.id,
            exercise.id,
            content_hash(exercise),
            exercise.title,
            "practice",
            journal.path,
            started_at=f"2026-11-{day}T10:00:00+01:00",
        )
        store.finish_session(sid, "finished", score(exercise, journal).model_dump(mode="json"))
    win._fill_trainees(trainee.id)
    yield win
    replay = getattr(win, "_replay", None)
    if replay is not None:
        replay.close()


def open_result(qtbot, window: MainWindow, row: int) -> None:  # type: ignore[no-untyped-def]
    window.open_sessions()
    table = window.sessions_view.table
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)


def replay_by_ctrl_j(qtbot, window: MainWindow) -> ReplayView:  # type: ignore[no-untyped-def]
    page = window.stack.currentWidget()
    qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_J, CTRL)
    view = window._replay  # type: ignore[attr-defined]
    assert isinstance(view, ReplayView) and view.isVisible()
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    return view


def next_until(qtbot, view: ReplayView, name: str) -> None:  # type: ignore[no-untyped-def]
    """N until the mark of this name is the one passed last."""
    for _ in range(len(view.replay.marks)):
        qtbot.keyClick(view.mark_list, Qt.Key.Key_N)
        passed = [m for m in view.replay.marks if m.t <= view.t + 1e-6]
        if passed and passed[-1].name == name:
            return
    raise AssertionError(f"no mark {name}")


def test_a_shift_replays_from_its_results_page_to_the_sla_breach(qtbot, window: MainWindow) -> None:
    open_result(qtbot, window, 1)
    assert isinstance(window.stack.currentWidget(), QueueResultsView)
    view = replay_by_ctrl_j(qtbot, window)
    desk = view.desk
    assert isinstance(desk, QueuePanel)
    # the marks list the arrivals and the reasons in words, in time order
    marks = [view.mark_list.item(i).text() for i in range(view.mark_list.count())]
    assert marks[0] == "0:10,0  Binnengekomen (portaal): Wachtwoord verlopen"
    assert any("SLA" in m and "Printer magazijn" in m for m in marks)
    # at the start: no contact yet, the ticket open at the start in the list
    assert desk.contacts.count() == 0
    assert desk.tickets.shown_numbers() == ["INC1040"]
    next_until(qtbot, view, "sla_response_breached")
    assert view.t == pytest.approx(180.001)
    printer = next(k.ticket.number for k in desk.state.tickets if k.ticket.contact == PRINTER)  # type: ignore[union-attr]
    # the trainee's actions are marks too, as in a call's replay
    assert "1:00,0  Genomen: Printer magazijn: papierstoring, geen picklijsten" in marks
    assert f"1:00,0  Ticket {printer} aangemaakt" in marks
    model = desk.tickets.model
    row = next(r for r in model.rows if r.number == printer)
    assert row.sla == "breached"
    assert row.texts[COLUMNS.index("sla")].startswith("✖")  # as the queue screen marks it
    # the printer's ticket stays chosen (the last ticket acted on; a question answered since
    # without one)
    assert desk.tickets.current_number() == printer
    assert "SLA reactie" in desk.ticket.toPlainText() and "te laat" in desk.ticket.toPlainText()
    assert "SLA-responstijd overschreden" in desk.mark_said.text()
    contacts = [desk.contacts.item(i).text() for i in range(desk.contacts.count())]
    assert any("Printer magazijn" in c and "genomen na 0:00" in c for c in contacts)
    # P goes back a mark, and the list follows the clock
    qtbot.keyClick(view.mark_list, Qt.Key.Key_P)
    assert view.t < 180.0


def test_a_chat_replays_from_its_results_page_to_the_customer_leaving(
    qtbot, window: MainWindow
) -> None:
    open_result(qtbot, window, 0)
    assert isinstance(window.stack.currentWidget(), ChatResultsView)
    view = replay_by_ctrl_j(qtbot, window)
    desk = view.desk
    assert isinstance(desk, ChatPanel)
    an = WACHTWOORD.chats[0]
    conversation = desk.conversations["an"]
    assert conversation.toPlainText() == ""  # before her first message
    next_until(qtbot, view, "an")  # her question
    assert an.messages[0].text.split("\n")[0] in conversation.toPlainText()
    next_until(qtbot, view, "customer_left")
    text = conversation.toPlainText()
    assert an.patience.nudge in text and an.patience.leave in text
    assert text.splitlines()[-1] == "An Peeters heeft de chat verlaten om 2:02."
    said = "chat 'An Peeters': de klant haakte af op 122 s, zonder antwoord"
    assert desk.mark_said.text() == said
    # five seconds back she is still there
    qtbot.keyClick(view.mark_list, Qt.Key.Key_Left)
    assert "heeft de chat verlaten" not in conversation.toPlainText()


def test_a_chats_screen_message_and_fields_in_its_replay(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The delivery chat played by a good operator (the team leader's message answered in
    3 s, each chat's fields entered after its last reply): its replay lists the message by its
    words, shows it answered, and each chat's fields as entered by then."""
    exercise = load(REPO / "exercises/nl/chat/nl-chat-02-levering.yaml")
    desk = ChatDesk(exercise)
    operator(desk)
    events = [*desk.journal, EndEvent(t=desk.t, reason="finished")]
    journal = write_journal(tmp_path / "levering.jsonl", exercise, events)
    result = score(exercise, journal)
    assert isinstance(result, ChatResult)
    view = ReplayView(chat_replay_of(exercise, journal, result), exercise)
    qtbot.addWidget(view)
    panel = view.desk
    assert isinstance(panel, ChatPanel)
    marks = [view.mark_list.item(i).text() for i in range(view.mark_list.count())]
    said = "1:30,0  Melding: Teamleider Ilse: vandaag zijn er vertragingen bij bpost in …"
    assert said in marks
    assert any(m.endswith("  Antwoord aan Els Verbruggen") for m in marks)
    view.seek(89.0)
    assert panel.messages.count() == 0
    view.seek(95.0)
    assert [panel.messages.item(i).text() for i in range(panel.messages.count())] == [
        "1:30  Teamleider Ilse: vandaag zijn er vertragingen bij bpost in Oost-Vlaanderen, "
        "vermeld dat als een klant ernaar vraagt.  (gezien na 3,0 s)"
    ]
    committed = [
        e for e in journal.events if isinstance(e, FieldEvent) and e.field.startswith("els_")
    ]
    view.seek(committed[0].t - 0.1)
    assert panel.fields["els"].text() == ""
    view.seek(view.replay.duration)
    assert panel.fields["els"].text().splitlines()[0] == f"Bestelnummer: {committed[0].value}"
