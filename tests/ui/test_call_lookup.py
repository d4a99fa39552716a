"""The customer record opens only by looking the caller up, by keys, as in a CRM; verifying
needs an open file; a transfer closes the call on screen as in the result."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.keys import type_text
from trainer.core.call_scoring import CallResult
from trainer.core.clips import load_shipped_library
from trainer.core.journal import ActionEvent, read_journal
from trainer.core.loader import load_exercise
from trainer.paths import audio_dir, exercises_dir
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound: the customer appears as subtitles, which keeps the test short."""
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def shipped(call_id: str) -> Any:
    """A shipped call, as the catalog reads it."""
    language = call_id[:2]
    (path,) = (exercises_dir() / language / "call").glob(f"{call_id}.yaml")
    call, _ = load_exercise(path, load_shipped_library(audio_dir()).languages)
    return call


def answered(qtbot, window: MainWindow, call_id: str) -> Any:
    call = shipped(call_id)
    session = window.start_exercise(call, window.current_trainee())
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    qtbot.keyClick(focused(), Qt.Key.Key_F2)
    return session


def look_up(qtbot, typed: str) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_K, CTRL)
    type_text(qtbot, focused(), typed + "\n")


def looked_up(session: Any) -> list[tuple[str, str]]:
    events = read_journal(session.journal.path).events
    return [
        (e.value, e.target) for e in events if isinstance(e, ActionEvent) and e.action == "look_up"
    ]


def test_the_record_opens_only_by_a_look_up_with_what_the_caller_gave(
    qtbot, window: MainWindow
) -> None:
    session = answered(qtbot, window, "nl-gesprek-03-verkeerd-klantnummer")
    view = window.call_view
    number_field = view.fields["opgegeven_klantnummer"]
    assert number_field.hasFocus()
    # nothing of any file on screen to copy from: no number, no name
    assert view.crm_values == {} and view.crm_status.isVisible()
    assert "Nog geen klant geopend" in view.crm_status.text()

    # F5 and F6 need a file to judge
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert view.problem.text().startswith("Zoek eerst de klant op (Ctrl+K)")
    assert session.verified is False and looked_up(session) == []

    # a surname alone, or a wrong number, finds nothing, and says so
    qtbot.keyClick(focused(), Qt.Key.Key_K, CTRL)
    assert view.lookup.hasFocus()
    type_text(qtbot, view.lookup, "Wuyts\n")
    assert view.crm_status.text().startswith("Geen klant gevonden voor 'Wuyts'.")
    assert view.crm_values == {} and view.lookup.hasFocus()
    type_text(qtbot, view.lookup, "6150 2378\n")  # (the search was selected: typed over)
    assert "'6150 2378'" in view.crm_status.text()

    # the number the caller gave opens the file it belongs to: his wife's, not in his name
    type_text(qtbot, view.lookup, "6150 2387\n")
    assert view.crm_values["number"].text() == "61502387"
    assert view.crm_values["name"].text() == "Annick Verhelst"
    assert view.crm_values["address"].text().startswith("••••")  # hidden until verified
    assert not view.crm_status.isVisible()
    assert number_field.hasFocus()  # back where the trainee was typing
    script = {view.script.item(r).data(Qt.ItemDataRole.UserRole): view.script.item(r)
              for r in range(view.script.count())}  # fmt: skip
    assert script["identify"].checkState() == Qt.CheckState.Checked  # found: identified

    # the name he gave opens his own file, the phone number on it too; the data stay hidden
    look_up(qtbot, "peter WUYTS")
    assert view.crm_values["number"].text() == "52874016"
    look_up(qtbot, "053/71.24.86")
    assert view.crm_values["name"].text() == "Peter Wuyts"
    assert view.crm_values["iban"].text().startswith("••••")

    # his number is not the one he gave: F6, and nothing of the file is shown
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert not view.problem.isVisible()
    assert view.crm_values["iban"].text().startswith("••••")
    assert script["verify"].checkState() == Qt.CheckState.Checked
    assert looked_up(session) == [
        ("Wuyts", ""),
        ("6150 2378", ""),
        ("6150 2387", "61502387"),
        ("peter WUYTS", "52874016"),
        ("053/71.24.86", "52874016"),
    ]
    result = session.finish("abandoned")
    assert isinstance(result, CallResult)
    assert result.look_up.typed == "6150 2387" and not result.look_up.callers_file
    assert result.look_up.attempts == 5 and result.look_up.by == "customer_number"
    assert result.verification.given == "mismatch" and result.verification.right
    # stopped half-way: nothing shown, whatever went right so far
    assert result.incomplete == "not_completed"
    assert not any(c.shown for c in result.competences)


def test_verifying_opens_the_account_of_the_file_that_was_found(qtbot, window: MainWindow) -> None:
    session = answered(qtbot, window, "nl-gesprek-01-wachtwoord")
    view = window.call_view
    look_up(qtbot, "104 826")
    assert view.crm_values["name"].text() == "Jonas Verstraete"
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert view.crm_values["phone"].text() == "0476 52 18 30"
    # the same file again keeps it open and verified; a miss leaves it on screen
    look_up(qtbot, "Jonas Verstraete")
    assert view.crm_values["phone"].text() == "0476 52 18 30"
    look_up(qtbot, "0476 52 18 03")
    assert "Geen klant gevonden" in view.crm_status.text()
    assert view.crm_values["phone"].text() == "0476 52 18 30" and session.verified
    session.finish("abandoned")


def test_a_look_up_before_the_phone_is_answered_is_refused(qtbot, window: MainWindow) -> None:
    session = window.start_exercise(shipped("nl-gesprek-01-wachtwoord"), window.current_trainee())
    view = window.call_view
    qtbot.waitUntil(lambda: session.state == "ringing", timeout=3000)
    look_up(qtbot, "104826")
    assert view.problem.text().startswith("Er is nog geen beller om op te zoeken")
    assert view.crm_values == {} and looked_up(session) == []
    session.finish("abandoned")


def test_a_transfer_ticks_the_closing_step_on_the_desk(qtbot, window: MainWindow) -> None:
    session = answered(qtbot, window, "nl-gesprek-04-geen-internet")
    view = window.call_view
    look_up(qtbot, "7392 0418")
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(view.transfer_team, "t")
    assert view.transfer_team.currentText() == "technisch-team"
    qtbot.keyClick(focused(), Qt.Key.Key_F7)
    ticked = {
        view.script.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(view.script.count())
        if view.script.item(r).checkState() == Qt.CheckState.Checked
    }
    assert ticked == {"greet", "identify", "verify", "transfer", "close"}
    result = session.finish("abandoned")
    assert isinstance(result, CallResult)
    by_step = {s.step: s for s in result.script}
    assert by_step["close"].done and by_step["close"].at == by_step["transfer"].at
