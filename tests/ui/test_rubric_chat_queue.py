"""The coach's rubric on a chat's and a queue shift's results page, as a coach uses it: the
session really played and handed in, Ctrl+B, the written contact's (or the queue's)
competences listed with their standard's codes, a criterion scored by keys and saved; the
trainee's portfolio then shows the assessment under its code, in the rubric's words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui import test_chat_session as chat_test
from tests.ui import test_queue_session as queue_test
from tests.ui.test_rubric_dialog import boxes, focused, with_the_dialog
from trainer.core.journal_writer import SessionClock
from trainer.store.portfolio import trainee_portfolio
from trainer.ui import chat_controller, queue_controller
from trainer.ui.main_window import MainWindow
from trainer.ui.report.portfolio import tables
from trainer.ui.rubric_dialog import RubricDialog, ScoreChooser


@pytest.fixture
def exercises(tmp_path: Path) -> Path:
    """The chat and the shift of their own screens' tests."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / chat_test.EXERCISE.name).write_bytes(chat_test.EXERCISE.read_bytes())
    (folder / "nl-copy-kort.yaml").write_text(queue_test.EXERCISE, encoding="utf-8")
    (folder / "nl-wachtrij-test-printer.yaml").write_text(queue_test.QUEUE, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_headset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[chat_test.FakeTime]:
    now = chat_test.FakeTime()
    monkeypatch.setattr(chat_controller, "SessionClock", lambda: SessionClock(now))
    monkeypatch.setattr(queue_controller, "SessionClock", lambda: SessionClock(now))
    yield now


def score_first_criterion(qtbot, dialog: RubricDialog, comment_code: str) -> None:
    """The coach's name, the first criterion 2 (a number key), a comment, Enter saves."""
    qtbot.keyClicks(dialog.coach, "Marleen Peeters")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert isinstance(focused(), ScoreChooser)
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    comment = dialog.comments[comment_code]
    comment.setFocus()
    qtbot.keyClicks(comment, "Goed overzicht, soms te kort.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def portfolio_row(window: MainWindow, code: str) -> list[str]:
    """The helpdesk operator's portfolio row of a competence, as the report shows it."""
    trainee = window.current_trainee()
    assert trainee is not None
    facts = trainee_portfolio(window.store, trainee, window.catalog)
    helpdesk = next(t for t in tables(facts) if "Helpdesk" in t.title)
    return next(row for row in helpdesk.rows if row[0] == code)


def test_a_coach_assesses_a_chat_and_the_portfolio_shows_it(
    qtbot, window: MainWindow, fake_time: chat_test.FakeTime
) -> None:
    chat_test.test_a_good_session_passes(qtbot, window, fake_time)  # played and handed in
    page = window.stack.currentWidget()
    assert isinstance(page, chat_test.ChatResultsView) and page.assess_button.isVisible()
    session_id = window._reported[1]  # type: ignore[index]
    listed: list[list[str]] = []

    def look_and_score(dialog: RubricDialog) -> None:
        listed.append(boxes(dialog))
        score_first_criterion(qtbot, dialog, "co 01671")

    with_the_dialog(qtbot, window, look_and_score, page)
    # written contact: communication and informing, complaints as a reply asks for an apology
    assert listed == [
        ["co 01671: Past communicatietechnieken toe (schriftelijk)",
         "D140801 Id17255: Informeert de klant uit de beschikbare bronnen",
         "co 0167: Behandelt klachten"]
    ]  # fmt: skip
    saved = window.store.assessment(session_id)
    assert saved is not None and saved.of("co 01671").scores == {"tone": 2}  # type: ignore[union-attr]
    row = portfolio_row(window, "co 01671")
    assert "Marleen Peeters" in row[5] and "2 voldoende" in row[5]
    assert "Goed overzicht, soms te kort." in row[5]


def test_a_coach_assesses_a_queue_shift_and_the_portfolio_shows_it(
    qtbot, window: MainWindow, fake_time: chat_test.FakeTime, answer_dialogs, exercises: Path
) -> None:
    # a good shift, ended, then opened again from the recent results as a coach does
    queue_test.test_a_good_short_shift_passes_and_f12_asks_first(
        qtbot, window, fake_time, answer_dialogs, exercises
    )
    page = window.stack.currentWidget()
    assert page.objectName() == "queueResultsView" and page.assess_button.isVisible()
    session_id = window._reported[1]  # type: ignore[index]
    listed: list[list[str]] = []

    def look_and_score(dialog: RubricDialog) -> None:
        listed.append(boxes(dialog))
        score_first_criterion(qtbot, dialog, "co 01672")

    with_the_dialog(qtbot, window, look_and_score, page)
    assert listed == [
        ["co 01672: Behandelt vragen en klachten oplossingsgericht volgens de SLA",
         "co 01670: Voert de gegevens volledig in, in het juiste veld",
         "D140801 Id16426: Schakelt door naar de gepaste gesprekspartner"]
    ]  # fmt: skip
    saved = window.store.assessment(session_id)
    assert saved is not None and saved.of("co 01672").scores == {"prioritising": 2}  # type: ignore[union-attr]
    row = portfolio_row(window, "co 01672")
    assert "Marleen Peeters" in row[5] and "2 voldoende" in row[5]
