"""A shift in the helpdesk queue, driven through the real window by keys: the contact comes
in, is taken (F2), a ticket is made in the form (F3, Alt+letters, Ctrl+Enter) and assigned
(Ctrl+T); the SLA's coming breach and breach show on screen, the shift ends at its time (or
by F12), the results page names what went wrong per competence with its code, and the journal
scores again to the identical result (``score`` and ``simultaan replay --json``).

The session clock is a fake one the test moves on (the SLA lines lie minutes apart); the
screen's own timers still run, so what is due comes by the screen's tick, as in a real shift.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.ui.conftest import EXERCISE
from trainer.core.journal import KeyEvent, TicketEvent, read_journal
from trainer.core.journal_writer import SessionClock
from trainer.core.scoring import score
from trainer.ui import queue_controller
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_controller import QueueController

QUEUE = """\
format: 1
id: nl-wachtrij-test-printer
title: Een printer in het magazijn
language: nl
kind: queue
level: 1
shift: 600
handling_time: 300
helpdesk:
  categories:
    account: Account en wachtwoord
    printer: Printer
  teams:
    servicedesk: Servicedesk
    werkplek: Werkplekbeheer
  routing:
    account: servicedesk
    printer: werkplek
  close_codes:
    opgelost: Opgelost door de servicedesk
customers:
  - number: "40187"
    name: Dirk Wouters
    organisation: Verbeke Logistics
    department: Magazijn
arrivals:
  - id: printer
    at: 5
    channel: email
    requester: "40187"
    subject: Printer magazijn drukt niet af
    text: |
      Hallo servicedesk,
      De printer in het magazijn geeft foutcode E-207 en drukt niet meer af.
      Dirk Wouters
    expect:
      category: printer
      impact: medium
      urgency: high
      team: werkplek
  - id: handleiding
    at: 8
    channel: portal
    requester: "40187"
    subject: Handleiding scanner?
    text: Waar vind ik de handleiding van de handscanner? Alvast bedankt, Dirk
    expect:
      ticket: none
knowledge:
  - id: kb-handscanner
    title: Handleiding handscanner HS-200
    text: De handleiding van de handscanner staat op het intranet onder Magazijn, Toestellen.
"""
SUBJECT = "Printer magazijn drukt niet af"
NOTE = "De printer in het magazijn geeft foutcode E-207"


class FakeTime:
    """The session clock's source: seconds the test sets."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "nl-copy-kort.yaml").write_text(EXERCISE, encoding="utf-8")
    (folder / "nl-wachtrij-test-printer.yaml").write_text(QUEUE, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound device: a shift's callers come as text (tests/ui/test_queue_caller.py hears
    them on a fake device); nothing plays on the machine's own."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTime]:
    now = FakeTime()
    monkeypatch.setattr(queue_controller, "SessionClock", lambda: SessionClock(now))
    yield now


def start(qtbot, window: MainWindow) -> QueueController:
    tree = window.home.exercise_tree  # the shift listed under its kind's name
    kinds = [
        tree.topLevelItem(0).child(i).text(0) for i in range(tree.topLevelItem(0).childCount())
    ]
    assert "Wachtrij" in kinds, kinds
    entry = window.catalog.by_id("nl-wachtrij-test-printer")
    assert entry is not None
    shift = window.start_exercise(entry.exercise, window.current_trainee())
    assert isinstance(shift, QueueController)
    qtbot.waitUntil(lambda: shift._tick_timer.isActive(), timeout=3000)
    return shift


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as the trainee presses it."""
    qtbot.keyClick(QApplication.focusWidget(), k, modifier)


def alt(qtbot, letter: str) -> None:
    """Alt+letter: to the form's field whose label underlines it."""
    key(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)


def at(qtbot, clock: FakeTime, seconds: float, shift: QueueController) -> None:
    """The shift's clock moves on to ``seconds``; the screen's tick shows it."""
    clock.t = seconds
    want = f"{seconds // 60:.0f}:{seconds % 60:02.0f}"
    qtbot.waitUntil(
        lambda: not shift.active or shift.view.clock.text().startswith(want), timeout=3000
    )


def take_and_fill(qtbot, window: MainWindow, clock: FakeTime, shift: QueueController) -> None:
    """The printer mail comes in and is taken; a new ticket's form filled up to its team."""
    view = shift.view
    at(qtbot, clock, 6, shift)
    qtbot.waitUntil(lambda: view.contacts.count() == 1, timeout=3000)  # (the other at 8 s)
    assert "Printer magazijn" in view.contacts.item(0).text()
    assert QApplication.focusWidget() is view.contacts
    key(qtbot, Qt.Key.Key_F2)  # take it
    assert "foutcode E-207" in view.contact_text.toPlainText()
    assert "in behandeling" in view.contacts.item(0).text()
    key(qtbot, Qt.Key.Key_F3)  # a new ticket for it: the requester filled in already
    assert view.form.requester.text() == "40187"
    assert QApplication.focusWidget() is view.form.requester
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # too soon: refused
    said = view.form.problem_line.text()
    assert view.form.problem_line.isVisible() and "categorie" in said and "urgentie" in said
    assert view.tickets.shown_numbers() == []  # nothing made, nothing journaled
    key(qtbot, Qt.Key.Key_Tab)  # the channel, as the mail came in
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), SUBJECT)
    alt(qtbot, "c")  # &Categorie
    qtbot.keyClicks(QApplication.focusWidget(), "Pr")
    alt(qtbot, "i")  # &Impact
    qtbot.keyClicks(QApplication.focusWidget(), "m")
    alt(qtbot, "u")  # &Urgentie
    qtbot.keyClicks(QApplication.focusWidget(), "h")
    assert view.form.priority.text().startswith("P2")  # the matrix's, shown, not typed
    alt(qtbot, "b")  # &Bekend probleem, then on to the note
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.form.note
    qtbot.keyClicks(view.form.note, NOTE)


def choose(qtbot, combo: QWidget, letters: str) -> None:
    """From the note back to ``combo`` (Shift+Tab, as often as it takes) and a choice typed."""
    while QApplication.focusWidget() is not combo:
        key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(combo, letters)


def results_rows(window: MainWindow) -> dict[str, list[str]]:
    page = window.stack.currentWidget()
    table = page.competences  # type: ignore[attr-defined]
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 4)]
        for r in range(table.rowCount())
    }


def replayed_equal(window: MainWindow, shift: QueueController, yaml: Path) -> None:
    """The journal scores again to the result stored, in-process and by the command."""
    journal = read_journal(shift.journal.path)
    stored = window.store.session(shift.session_id)
    assert stored is not None and stored.result is not None
    assert score(shift.exercise, journal).model_dump(mode="json") == stored.result
    command = subprocess.run(
        [sys.executable, "-m", "trainer", "replay", str(yaml), str(shift.journal.path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert command.returncode == 0, command.stderr
    assert json.loads(command.stdout) == stored.result


def test_a_shift_with_a_breach_and_the_wrong_team_shows_both_and_replays_the_same(
    qtbot, window: MainWindow, fake_time: FakeTime, exercises: Path
) -> None:
    shift = start(qtbot, window)
    view = shift.view
    take_and_fill(qtbot, window, fake_time, shift)
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # create, still 'new'
    assert view.tickets.shown_numbers() == ["INC0001"]
    assert view.form.title.text() == "Ticket INC0001"
    # nobody took it up: the response timer runs on to a coming breach, then a breach
    at(qtbot, fake_time, 100, shift)
    qtbot.waitUntil(lambda: "⚠ INC0001" in view.messages.item(0).text(), timeout=3000)
    assert "SLA bijna om: 1" in view.state.text()
    at(qtbot, fake_time, 140, shift)
    qtbot.waitUntil(lambda: "✖ INC0001" in view.messages.item(0).text(), timeout=3000)
    sla = view.tickets.model.rows[0].texts[-1]
    assert sla.startswith("✖") and "te laat" in sla
    assert "SLA overschreden: 1" in view.state.text()
    # then assigned, to the first line where the routing sends printers to the workplace team
    alt(qtbot, "b")
    choose(qtbot, view.form.team, "S")
    key(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert shift.queue.helpdesk.ticket("INC0001").team == "servicedesk"
    at(qtbot, fake_time, 601, shift)  # the shift ends at its time
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)

    assert window.stack.currentWidget().objectName() == "queueResultsView"
    page = window.stack.currentWidget()
    assert page.verdict.text() == "Niet geslaagd"
    rows = results_rows(window)
    sla_row, team_row = rows["co 01672"], rows["D140801 Id16426"]
    assert sla_row[1] == "nee" and "SLA-responstijd overschreden" in sla_row[2]
    assert "Printer magazijn drukt niet af" in sla_row[2]  # the contact by its subject
    assert team_row[1] == "nee" and "'Servicedesk'" in team_row[2]
    assert "'Werkplekbeheer'" in team_row[2]  # the team's name, as the form showed it
    contacts = page.contacts
    assert (
        contacts.item(0, 2).text() == "P2"
        and "(verwacht Werkplekbeheer)" in contacts.item(0, 3).text()
    )
    assert contacts.item(1, 5).text() == "niet behandeld"  # the question never taken
    assert rows["co 01670"][1] == "ja", rows["co 01670"]  # the data entered was complete and right

    journal = read_journal(shift.journal.path)
    typed = [e for e in journal.events if isinstance(e, KeyEvent)]
    assert {"ticket.subject", "ticket.note"} <= {e.field for e in typed}
    subject_keys = "".join(e.text or "" for e in typed if e.field == "ticket.subject")
    assert subject_keys == SUBJECT
    ops = [e.op for e in journal.events if isinstance(e, TicketEvent)]
    assert ops == ["create", "assign"]
    assert journal.end is not None and journal.end.reason == "time_up"
    replayed_equal(window, shift, exercises / "nl-wachtrij-test-printer.yaml")


def test_a_good_short_shift_passes_and_f12_asks_first(
    qtbot, window: MainWindow, fake_time: FakeTime, answer_dialogs, exercises: Path
) -> None:
    shift = start(qtbot, window)
    view = shift.view
    take_and_fill(qtbot, window, fake_time, shift)
    choose(qtbot, view.form.team, "W")  # where the routing sends a printer
    choose(qtbot, view.form.status, "o")  # taken up at once
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket = shift.queue.helpdesk.ticket("INC0001")
    assert ticket is not None and ticket.team == "werkplek" and ticket.status == "open"
    assert "✔" in view.tickets.model.rows[0].texts[-1] or "✖" not in view.state.text()

    # the question that needs no ticket: Ctrl+1, Down to it, F2 takes it, F4
    at(qtbot, fake_time, 20, shift)
    key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_F2)
    assert "handleiding van de handscanner" in view.contact_text.toPlainText()
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # where is it written?
    assert view.reading.currentWidget() is view.knowledge
    qtbot.keyClicks(view.knowledge.search, "handleidingen scanner")
    key(qtbot, Qt.Key.Key_Return)  # the best hit opened
    assert "intranet onder Magazijn" in view.knowledge.article.toPlainText()
    key(qtbot, Qt.Key.Key_F4)
    assert shift.queue.helpdesk.tickets[-1].number == "INC0001"  # no ticket made for it
    # back to the printer's ticket from the list (Ctrl+2, F5): the customer told, in a note
    key(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_F5)
    assert view.form.title.text() == "Ticket INC0001"
    assert QApplication.focusWidget() is view.form.note
    qtbot.keyClicks(view.form.note, "Dirk gebeld: technieker komt vandaag")
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "technieker" in shift.queue.helpdesk.ticket("INC0001").notes[-1][1]

    at(qtbot, fake_time, 40, shift)
    answer_dialogs.reply = QMessageBox.StandardButton.No
    key(qtbot, Qt.Key.Key_F12)
    assert answer_dialogs == ["Dienst beëindigen?"]
    assert shift.active and window.stack.currentWidget() is view  # no: the shift goes on
    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    key(qtbot, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)

    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView"
    assert page.verdict.text() == "Geslaagd", results_rows(window)
    assert all(shown in ("ja", "niet getoetst") for _, shown, _ in results_rows(window).values())
    contacts = page.contacts  # every contact with what was done
    assert [contacts.item(r, 1).text() for r in range(2)] == ["INC0001", "geen ticket"]
    assert [contacts.item(r, 5).text() for r in range(2)] == ["in orde", "in orde"]
    journal = read_journal(shift.journal.path)
    assert journal.end.reason == "finished"
    opened = [e.target for e in journal.events if getattr(e, "action", "") == "open_article"]
    assert opened == ["kb-handscanner"]
    searched = "".join(e.text or "" for e in journal.keys if e.field == "kb.search")
    assert searched == "handleidingen scanner"
    replayed_equal(window, shift, exercises / "nl-wachtrij-test-printer.yaml")
    key(qtbot, Qt.Key.Key_Escape)  # back home
    assert window.stack.currentWidget() is window.home
    # a coach opens it again from the home screen's recent results: the same page, no 'again'
    assert window.open_past_result(shift.session_id)
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView" and page.verdict.text() == "Geslaagd"
    assert page.again_button.isHidden()


def test_a_shift_in_the_sessions_list_opens_its_replay(
    qtbot, window: MainWindow, fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.ui.replay_open import replay_session
    from trainer.ui.replay_view import ReplayView

    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text))
    )
    shift = start(qtbot, window)
    at(qtbot, fake_time, 601, shift)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    replay_session(window, shift.session_id)  # Ctrl+J on its row in the sessions list
    assert window.stack.currentWidget().objectName() == "queueResultsView"  # its result, as Enter
    replay = window._replay  # type: ignore[attr-defined]
    assert isinstance(replay, ReplayView) and replay.isVisible() and told == []
    replay.close()


def test_ctrl_s_on_the_shift_results_saves_its_report(
    qtbot, window: MainWindow, fake_time: FakeTime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The results page's "Rapport" (Ctrl+S) writes the shift's report where the user says:
    each contact with its ticket, against what was expected."""
    from tests.ui.test_report_button import answer_save

    shift = start(qtbot, window)
    at(qtbot, fake_time, 601, shift)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView" and "Ctrl+S" in page.report_button.text()
    target = tmp_path / "rapport.html"
    answer_save(monkeypatch, str(target), chosen=1)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = target.read_text(encoding="utf-8")
    assert "Printer magazijn drukt niet af" in text and "co 01672" in text


def test_the_sessions_list_chooses_the_queue_shifts_by_their_kind(
    qtbot, window: MainWindow, fake_time: FakeTime
) -> None:
    from tests.ui.test_sessions_list import choose, column

    shift = start(qtbot, window)
    at(qtbot, fake_time, 601, shift)
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    window.show_home()
    window.open_sessions()
    view = window.sessions_view
    assert view.model.rowCount() == 1
    choose(view.kind, "Overtypen")
    assert view.model.rowCount() == 0
    assert view.kind.findText("Wachtrij") > 0  # a kind of its own among the choices
    choose(view.kind, "Wachtrij")
    assert column(view, 4) == ["Wachtrij"]  # its kind, by name


SHIPPED = sorted((Path(__file__).resolve().parents[2] / "exercises").glob("*/queue/*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_shift_runs_on_the_screen_to_its_end(
    qtbot, window: MainWindow, fake_time: FakeTime, path: Path
) -> None:
    from trainer.core.loader import load_exercise

    exercise = load_exercise(path)[0]
    shift = window.start_exercise(exercise, window.current_trainee())
    assert isinstance(shift, QueueController)
    view = shift.view
    qtbot.waitUntil(lambda: shift._tick_timer.isActive(), timeout=3000)
    last = max(a.at for a in exercise.arrivals)  # type: ignore[attr-defined]
    at(qtbot, fake_time, last + 1, shift)
    qtbot.waitUntil(lambda: view.contacts.count() == len(exercise.arrivals), timeout=3000)  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_F2)  # the first one taken: its text on screen
    assert view.contact_text.toPlainText().strip()
    at(qtbot, fake_time, exercise.shift + 1, shift)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not shift.active, timeout=3000)
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView" and page.verdict.text() == "Niet geslaagd"
    assert page.contacts.rowCount() == len(exercise.arrivals)  # type: ignore[attr-defined]
    assert "co 01672" in results_rows(window)


def test_escape_asks_before_stopping_the_shift(
    qtbot, window: MainWindow, fake_time: FakeTime, answer_dialogs
) -> None:
    shift = start(qtbot, window)
    at(qtbot, fake_time, 6, shift)
    answer_dialogs.reply = QMessageBox.StandardButton.No
    key(qtbot, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"] and shift.active  # no: it goes on
    answer_dialogs.reply = QMessageBox.StandardButton.Yes
    key(qtbot, Qt.Key.Key_Escape)
    assert not shift.active
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView" and page.verdict.text() == "Afgebroken"
    assert read_journal(shift.journal.path).end.reason == "abandoned"
