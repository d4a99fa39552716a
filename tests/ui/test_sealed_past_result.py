"""An exam part opened again in the app is shown as valid only while its seal holds: a drill
really typed in the window, kept as the exam run keeps a part (journal and result files sealed
by the enrolled workstation, the session stored in exam mode), then opened as a coach opens a
past result. A journal edited by one character, a store row whose verdict was edited, and an
exam part without a seal are each shown with 'GEEN GELDIG RESULTAAT' and why."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.exam_keys import centre, enrolled
from tests.ui.test_report_button import drill_with_one_error
from trainer.paths import STORE_FILE
from trainer.seal.parts import seal_part
from trainer.ui.main_window import MainWindow


@pytest.fixture
def station(tmp_path: Path, data_dir: Path) -> Path:
    return enrolled(centre(tmp_path / "centre"), data_dir)


def exam_part(qtbot, window: MainWindow, data_dir: Path, *, sealed: bool = True) -> int:
    """The short drill typed with one error, kept as an exam part; its session id."""
    drill_with_one_error(qtbot, window)
    assert window._reported is not None
    practice = window.store.session(window._reported[1])
    assert practice is not None and practice.result is not None
    folder = data_dir / "exams" / "nl-onthaal" / "K-0412"
    folder.mkdir(parents=True)
    journal = folder / "part-01.jsonl"
    shutil.copyfile(practice.journal_path, journal)
    result = folder / "part-01.result.json"
    result.write_text(json.dumps(practice.result), encoding="utf-8")
    if sealed:
        seal_part(journal, result)
    store = window.store
    session = store.start_session(
        practice.trainee_id, practice.exercise_id, practice.result["exercise_hash"],
        practice.exercise_title, "exam", journal, started_at=practice.started_at,
    )  # fmt: skip
    store.finish_session(session, "finished", practice.result)
    return session


def verdict(window: MainWindow) -> str:
    return window.results.verdict.text()


def test_an_intact_part_is_shown_with_its_seal(qtbot, window: MainWindow, station: Path) -> None:
    session = exam_part(qtbot, window, station.parent)
    assert window.open_past_result(session)
    assert verdict(window) == "NIET GESLAAGD"
    said = window.statusBar().currentMessage()
    assert said.startswith("Verzegeld door 'Lokaal 2 - PC 07' op ") and "ongewijzigd" in said


def test_a_journal_edited_by_one_character_is_not_shown_as_valid(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent)
    row = window.store.session(session)
    assert row is not None
    text = row.journal_path.read_text(encoding="utf-8")
    row.journal_path.write_text(text.replace('"text":"C"', '"text":"c"', 1), encoding="utf-8")
    assert window.open_past_result(session)
    assert verdict(window) == "GEWIJZIGD: GEEN GELDIG RESULTAAT"
    summary = window.results.summary.text()
    assert summary.startswith("Dit examenresultaat is niet geldig: gewijzigd sinds 'Lokaal 2")
    assert "niet geldig" in window.statusBar().currentMessage()


def test_a_verdict_edited_in_the_store_is_not_shown_as_valid(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent)
    with sqlite3.connect(station.parent / STORE_FILE) as db:  # as someone with a DB browser
        (stored,) = db.execute(
            "SELECT result_json FROM sessions WHERE id = ?", (session,)
        ).fetchone()
        edited = json.loads(stored)
        edited["passed"] = True
        db.execute(
            "UPDATE sessions SET result_json = ? WHERE id = ?", (json.dumps(edited), session)
        )
    assert window.open_past_result(session)
    assert verdict(window) == "GEWIJZIGD: GEEN GELDIG RESULTAAT"
    assert "het bewaarde resultaat is niet meer het resultaat" in window.results.summary.text()


def test_an_exam_part_without_a_seal_is_not_shown_as_valid(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent, sealed=False)
    assert window.open_past_result(session)
    assert verdict(window) == "NIET VERZEGELD: GEEN GELDIG RESULTAAT"
    assert "geen verzegeling gevonden" in window.results.summary.text()


def outcome_in_list(qtbot, window: MainWindow, session: int) -> str:
    """The outcome column of the session's row in the sessions list, once its seal is known."""
    window.open_sessions()
    view = window.sessions_view
    model = view.model
    cell = model.index(model.row_of(session), model.columnCount() - 1)
    first = model.data(cell)
    assert first not in ("geslaagd", "niet geslaagd")  # never the verdict before the check
    qtbot.waitUntil(lambda: model.data(cell) != "…")
    return str(model.data(cell))


def outcome_on_home(qtbot, window: MainWindow, session: int) -> str:
    """The outcome of the session in the home screen's recent results, once checked."""
    window._on_trainee_changed()
    table = window.home.recent_table
    [row] = [r for r in range(table.rowCount()) if table.item(r, 0).data(256) == session]
    qtbot.waitUntil(lambda: table.item(row, 4).data(256 + 7) is not None)
    return table.item(row, 4).text()


def edit_journal(window: MainWindow, session: int) -> None:
    row = window.store.session(session)
    assert row is not None
    text = row.journal_path.read_text(encoding="utf-8")
    row.journal_path.write_text(text.replace('"text":"C"', '"text":"c"', 1), encoding="utf-8")


def test_the_lists_show_an_intact_exam_part_with_its_verdict(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent)
    assert outcome_in_list(qtbot, window, session) == "niet geslaagd"
    window.stack.setCurrentWidget(window.home)
    assert outcome_on_home(qtbot, window, session) == "niet geslaagd"


def test_the_lists_show_an_edited_exam_part_as_changed(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent)
    edit_journal(window, session)
    assert outcome_on_home(qtbot, window, session) == "gewijzigd: niet geldig"
    assert outcome_in_list(qtbot, window, session) == "gewijzigd: niet geldig"


def test_the_lists_show_an_exam_part_without_a_seal_as_not_sealed(
    qtbot, window: MainWindow, station: Path
) -> None:
    session = exam_part(qtbot, window, station.parent, sealed=False)
    assert outcome_on_home(qtbot, window, session) == "niet verzegeld: niet geldig"
    assert outcome_in_list(qtbot, window, session) == "niet verzegeld: niet geldig"


def test_filling_the_list_checks_no_seal(
    qtbot, window: MainWindow, station: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seals are read when an exam row is shown, never while the list is filled (10,000
    rows fill at the speed they did)."""
    from trainer.ui import seal_marks

    session = exam_part(qtbot, window, station.parent)
    asked: list[int] = []
    real = seal_marks.seal_status
    monkeypatch.setattr(
        seal_marks, "seal_status", lambda row, folder: asked.append(row.id) or real(row, folder)
    )
    window.open_sessions()
    window.sessions_view.refresh()
    assert asked == []
    assert outcome_in_list(qtbot, window, session) == "niet geslaagd"
    assert asked == [session]
