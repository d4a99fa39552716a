"""An outbound call on the agent desktop, driven by keys: the record open with its number, the
number typed into the dial field and dialled (Enter or F2), a busy line hung up and called
again, the customer answering, the call ended and wrapped up, and the journal and result that
come of it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.keys import type_text
from tests.ui.test_call_lookup import focused, shipped
from trainer.core.call_scoring import CallResult
from trainer.core.journal import ActionEvent, read_journal
from trainer.core.scenario import CallExercise
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: the customer appears as subtitles, which keeps the test short."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def quick(call_id: str, **dial: Any) -> CallExercise:
    """A shipped outbound call whose line answers sooner (the desk, not the waiting, is tested)."""
    call = shipped(call_id)
    assert call.dial is not None
    return call.model_copy(update={"dial": call.dial.model_copy(update=dial)})


def dialled(session: Any) -> list[tuple[str, str]]:
    events = read_journal(session.journal.path).events
    return [
        (e.target, e.value) for e in events if isinstance(e, ActionEvent) and e.action == "dialled"
    ]


def test_the_trainee_dials_from_the_record_through_a_busy_line(qtbot, window: MainWindow) -> None:
    call = quick("nl-uitgaand-01-terugbellen-ticket", ring_seconds=0.3, retry_after=2.0)
    session = window.start_exercise(call, window.current_trainee())
    view = window.call_view
    # the desk waits for the trainee to call: the dial field has the cursor, the customer's
    # file is open with the number to call shown (not masked)
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    assert view.dial.isVisible() and session.state == "waiting"
    assert view.state.text() == "Tik het nummer in en bel met F2"
    assert view.crm_values["phone"].text() == "015 41 28 93"
    assert view.buttons["answer"].text() == "Bellen (F2)"

    qtbot.keyClick(focused(), Qt.Key.Key_F2)  # nothing typed yet
    assert view.problem.text().startswith("Tik eerst het nummer in")
    assert dialled(session) == []

    type_text(qtbot, view.dial, "015/41.28.93\n")  # Enter dials
    assert session.state == "busy"
    assert view.state.text() == "Bezet: leg in met F8 en bel later opnieuw"
    assert not view.dial.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # hang up the busy line
    assert session.state == "waiting" and view.dial.isEnabled()
    qtbot.keyClick(view.dial, Qt.Key.Key_F2)  # at once again: still busy
    assert session.state == "busy"
    qtbot.keyClick(focused(), Qt.Key.Key_F8)
    qtbot.wait(2100)  # after a while the line is free
    qtbot.keyClick(view.dial, Qt.Key.Key_F2)
    assert session.state == "dialling"
    assert view.state.text() == "☎ Het nummer gaat over…"
    qtbot.waitUntil(lambda: session.state == "talking", timeout=3000)
    assert dialled(session) == [("015/41.28.93", "busy")] * 2 + [("015/41.28.93", "answer")]
    qtbot.waitUntil(lambda: "Hilde Verstraeten" in view.caller_says.text(), timeout=5000)

    # the trainee introduces themselves, checks the person and ends; the wrap-up follows
    qtbot.keyClick(view, Qt.Key.Key_1, CTRL)  # introduce
    qtbot.keyClick(view, Qt.Key.Key_F5)  # the right person: ticks that step
    assert [view.script.item(i).checkState() for i in range(2)] == [Qt.CheckState.Checked] * 2
    qtbot.keyClick(view, Qt.Key.Key_F8)
    assert session.state == "ended"
    view.contact_result.setCurrentText("afspraak")
    view.closing_code.setCurrentText("afspraak-ingepland")
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: session.state == "done", timeout=3000)
    result = session.result
    assert isinstance(result, CallResult) and result.outbound is not None
    assert [a.reached for a in result.outbound.attempts] == ["busy", "busy", "answer"]
    assert all(a.right for a in result.outbound.attempts)
    assert result.contact_result.right and not result.passed  # nothing entered
    summary = window.call_results.summary.text()
    assert "Gebeld: 3 keer, waarvan 2 bezet en 0 naar een verkeerd nummer." in summary


def test_the_home_screen_says_the_trainee_places_the_call(window: MainWindow) -> None:
    window.home.show_details(shipped("nl-uitgaand-02-aanbod-bezwaren"))
    text = window.home.details.text()
    assert "Je belt zelf, gespreksduur ten hoogste" in text and "Opnemen binnen" not in text
    window.home.show_details(shipped("nl-gesprek-01-wachtwoord"))
    assert "Opnemen binnen" in window.home.details.text()


def test_a_wrong_number_reaches_a_stranger_and_the_trainee_dials_again(
    qtbot, window: MainWindow
) -> None:
    call = quick("fr-appel-sortant-01-rappel-ticket", ring_seconds=0.3)
    session = window.start_exercise(call, window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    type_text(qtbot, view.dial, "081 22 64 09\n")  # two digits swapped
    assert session.state == "dialling"
    qtbot.waitUntil(lambda: "pas de Nathalie" in view.caller_says.text(), timeout=3000)
    qtbot.waitUntil(lambda: session.state == "waiting", timeout=15000)  # the stranger hung up
    view.dial.selectAll()
    type_text(qtbot, view.dial, "081 22 64 90\n")
    qtbot.waitUntil(lambda: session.state == "talking", timeout=3000)
    assert dialled(session) == [("081 22 64 09", "wrong_person"), ("081 22 64 90", "answer")]


def test_a_call_never_dialled_can_be_left_with_escape_or_by_closing_the_window(
    qtbot, window: MainWindow, answer_dialogs
) -> None:
    """The trainee opened an outbound call and changes their mind before dialling: Escape in
    the dial field asks first; no keeps the call waiting to be dialled, yes ends it as
    stopped. Closing the window asks the same."""
    call = shipped("nl-uitgaand-03-voicemail")
    session = window.start_exercise(call, window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    type_text(qtbot, view.dial, "04")  # half a number, not dialled

    answer_dialogs.reply = answer_dialogs.reply.No
    qtbot.keyClick(view.dial, Qt.Key.Key_Escape)
    assert answer_dialogs == ["Oefening stoppen?"]
    assert session.active and session.state == "waiting" and view.dial.hasFocus()
    assert view.dial.text() == "04"
    window.close()
    assert window.isVisible() and session.active  # the same question, the same answer

    answer_dialogs.reply = answer_dialogs.reply.Yes
    qtbot.keyClick(view.dial, Qt.Key.Key_Escape)
    assert not session.active and session.result is not None
    assert dialled(session) == []
    summary = window.call_results.summary.text()
    assert summary.startswith("Niet beoordeeld: je hebt niet gebeld.")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # past the result, home
    assert window.stack.currentWidget() is window.home
    assert window.home.recent_table.item(0, 4).text() == "afgebroken"

    again = window.start_exercise(call, window.current_trainee())
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    window.close()  # the window closed before dialling: kept as stopped, then closed
    assert not window.isVisible() and not again.active
    assert answer_dialogs.count("Oefening stoppen?") == 4


def test_a_call_that_reached_nobody_says_so_not_that_it_was_not_answered(
    qtbot, window: MainWindow
) -> None:
    call = shipped("nl-uitgaand-01-terugbellen-ticket")  # busy the first time
    session = window.start_exercise(call, window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: view.dial.hasFocus(), timeout=3000)
    type_text(qtbot, view.dial, "015 41 28 93\n")
    assert session.state == "busy"
    qtbot.keyClick(focused(), Qt.Key.Key_F8)  # hangs up, and gives up
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert session.result is not None and dialled(session) == [("015 41 28 93", "busy")]
    summary = window.call_results.summary.text()
    assert summary.startswith("Niet beoordeeld: je hebt niemand bereikt.")
    assert "niet beantwoord" not in summary
    table = window.call_results.competences  # each competence gives the same reason
    said = [(table.item(r, 2).text(), table.item(r, 3).text()) for r in range(table.rowCount())]
    assert {why for shown, why in said if shown == "nee"} == {"je hebt niemand bereikt"}
