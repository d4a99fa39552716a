"""A result scored without damaged journal lines says so on the results screen, in a warning
colour a coach cannot miss; a clean result says nothing of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor

from tests.journals import scored_dictation
from trainer.core.exercise import DictationExercise
from trainer.core.journal import read_journal
from trainer.core.scoring import score
from trainer.ui.app import create_application
from trainer.ui.call_results_view import CallResultsView
from trainer.ui.main_window import MainWindow
from trainer.ui.results_view import ResultsView, damage_note

WARNING = QColor("#ffb74d")  # the style sheet's background of the warning


def damaged(path: Path, *numbers: int) -> Path:
    """The journal with each line numbered changed by one byte: no longer an event."""
    lines = path.read_bytes().split(b"\n")
    for n in numbers:
        lines[n - 1] = lines[n - 1].replace(b'"t"', b'"u"', 1)
    path.write_bytes(b"\n".join(lines))
    return path


def shows_warning_colour(qtbot, view, label) -> bool:
    view.setStyleSheet(create_application().styleSheet())
    view.show()
    qtbot.waitExposed(view)
    image = label.grab().toImage()
    return image.pixelColor(label.width() // 2, 2) == WARNING


def test_the_lines_skipped_are_listed_in_dutch() -> None:
    assert damage_note([]) == ""
    assert damage_note([31]) == "Het logboek was beschadigd: regel 31 overgeslagen."
    assert damage_note([31, 40, 52]) == (
        "Het logboek was beschadigd: regels 31, 40 en 52 overgeslagen."
    )
    assert damage_note(list(range(3, 15))) == (
        "Het logboek was beschadigd: regels 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 en nog 2 overgeslagen."
    )


def test_a_typing_result_names_the_skipped_line_and_a_clean_one_hides_it(
    qtbot, tmp_path: Path
) -> None:
    clean = scored_dictation(tmp_path, "Goedemorgen, u spreekt met Lien.", "Goedemorgen, u")
    path = tmp_path / "dictation-0.jsonl"
    exercise = DictationExercise(
        format=1, id="nl-dictee-x", title="X", language="nl", kind="dictation", level=1,
        clips=["nl-clip-x"],
    )  # fmt: skip  # the exercise scored_dictation used
    result = score(
        exercise,
        read_journal(damaged(path, 5)),
        transcripts={"nl-clip-x": "Goedemorgen, u spreekt met Lien."},
    )
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_result(result, "Goedemorgen, u spreekt met Lien.")
    assert view.damage.isVisibleTo(view)
    assert view.damage.text() == "Het logboek was beschadigd: regel 5 overgeslagen."
    assert shows_warning_colour(qtbot, view, view.damage)
    view.show_result(clean, "Goedemorgen, u spreekt met Lien.")  # the next session: clean
    assert not view.damage.isVisible() and view.damage.text() == ""


def test_a_call_result_names_the_skipped_lines(qtbot, tmp_path: Path) -> None:
    from tests.core.test_call_scoring import CALL, good_call, journal_of

    journal = journal_of(tmp_path, good_call())
    result = score(CALL, read_journal(damaged(journal.path, 31, 7, 12)))
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(result)
    assert view.damage.text() == "Het logboek was beschadigd: regels 7, 12 en 31 overgeslagen."
    assert shows_warning_colour(qtbot, view, view.damage)
    view.show_result(score(CALL, journal_of(tmp_path, good_call())))
    assert not view.damage.isVisible()


def test_a_line_damaged_while_the_drill_ran_is_named_when_it_ends(
    qtbot, window: MainWindow
) -> None:
    """The disk changes a byte of the journal during the drill: the drill is scored on the
    rest and the results screen names the line."""
    from tests.keys import type_text

    window.home.exercise_tree.setFocus()
    window.start_exercise(window.catalog.by_id("nl-copy-kort").exercise, window.current_trainee())
    surface = window.drill_view.surface
    type_text(qtbot, surface, "Café Léon")
    path = window.drill.journal.path
    with path.open("r+b") as journal:  # line 3, the second keystroke: "t" becomes "u"
        lines = journal.read().split(b"\n")
        journal.seek(len(lines[0]) + len(lines[1]) + 2 + lines[2].index(b'"t"') + 1)
        journal.write(b"u")
    type_text(qtbot, surface, " belt terug.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.damage.isVisible()
    assert window.results.damage.text() == "Het logboek was beschadigd: regel 3 overgeslagen."
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.result["damaged_lines"] == [{"line": 3, "code": "not_an_event"}]
    assert row.result["typing"]["transcribed"] == "Cfé Léon belt terug."
