"""The results screen says what decided: the errors against the margin, the speed against its
minimum, what was not counted, and each wrong word by what was wrong with it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.journals import scored_dictation
from tests.keys import type_text
from trainer.ui.main_window import MainWindow
from trainer.ui.results_view import ResultsView

CTRL = Qt.KeyboardModifier.ControlModifier


def copy_exercise(window: MainWindow, **changes: object) -> Any:
    return window.catalog.by_id("nl-copy-kort").exercise.model_copy(update=changes)


def rows(view: ResultsView) -> list[list[str]]:
    table = view.error_table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_a_split_word_is_one_error_named_as_such(qtbot, window: MainWindow) -> None:
    window.start_exercise(copy_exercise(window), window.current_trainee())
    # the split takes one more character; the drill still ends at the full stop
    type_text(qtbot, window.drill_view.surface, "Café Léon be lt terug")
    assert window.stack.currentWidget() is window.drill_view
    type_text(qtbot, window.drill_view.surface, ".")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    results = window.results
    assert results.figures["word_errors"].text().startswith("1 / 4")
    assert rows(results) == [["gesplitst", "3", "belt", "be␣lt"]]
    assert "✗ te veel fouten" in results.summary.text()
    assert results.verdict.text() == "NIET GESLAAGD"


def test_a_hyphen_typed_as_a_space_says_so(qtbot, window: MainWindow) -> None:
    exercise = copy_exercise(window, text="Ze woont in Sint-Niklaas.")
    window.start_exercise(exercise, window.current_trainee())
    type_text(qtbot, window.drill_view.surface, "Ze woont in Sint Niklaas.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert rows(window.results) == [
        ["gesplitst (koppelteken of spatie)", "4", "Sint-Niklaas.", "Sint␣Niklaas."]
    ]


def test_a_timed_drill_typed_too_slowly_fails_on_speed_and_says_so(
    qtbot, window: MainWindow
) -> None:
    exercise = copy_exercise(
        window, text="Café Léon belt terug over de factuur.", time_limit=2, min_wpm=Decimal(30)
    )
    drill = window.start_exercise(exercise, window.current_trainee())
    type_text(qtbot, window.drill_view.surface, "Café")  # ... and the two seconds run out
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results, timeout=5000)
    assert drill is not None and drill.result is not None
    typing = drill.result.typing
    # 4 correct characters in the 2 s limit: 4 / 5 / (2 / 60) = 24 net words per minute
    assert typing.net_wpm == 24.0 and typing.within_margin and not typing.fast_enough
    results = window.results
    assert results.verdict.text() == "NIET GESLAAGD"
    summary = results.summary.text().splitlines()
    assert summary[0].endswith("✓")  # no errors in what was typed
    assert summary[1] == "Netto snelheid: 24,0 woorden per minuut, minimum 30  ✗ te traag"
    assert results.figures["net_wpm"].text() == "24,0"


def test_a_stopped_attempt_is_not_a_failed_one(qtbot, window: MainWindow) -> None:
    window.start_exercise(copy_exercise(window), window.current_trainee())
    type_text(qtbot, window.drill_view.surface, "Cafe")
    qtbot.keyClick(window.drill_view.surface, Qt.Key.Key_Escape)  # asked, answered yes
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == "AFGEBROKEN"
    assert window.results.verdict.property("passed") == "stopped"


TRANSCRIPT = "Mijn nummer is 0475 38 12 96, mijn naam is De Smet."


def test_a_dictation_says_what_was_not_counted(qtbot, tmp_path: Path) -> None:
    view = ResultsView()
    qtbot.addWidget(view)
    typed = "Mijn nummer is 0475/38.12.96 mijn naam is de Smet"
    result = scored_dictation(tmp_path, TRANSCRIPT, typed)
    view.show_result(result, TRANSCRIPT, lambda offset: ("nl-clip-x", offset / 10))
    assert "Niet meegeteld: leestekens en de schrijfwijze van getallen." in view.summary.text()
    # the number in another format and the missing marks cost nothing; the capital does
    assert rows(view) == [["vervanging (hoofdletter)", "8", "De", "de", "nl-clip-x · 0:04"]]
    assert view.listen_button.isVisibleTo(view)


def coloured_cells(view: ResultsView) -> list[tuple[str, str]]:
    """Each character of the alignment (after its legend) with its background colour ('' for
    none)."""
    cells: list[tuple[str, str]] = []
    block = view.alignment.document().begin().next()  # (the legend: each kind in its colour)
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            brush = fragment.charFormat().background()
            colour = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else ""
            cells += [(ch, colour) for ch in fragment.text()]
            it += 1
        block = block.next()
    return cells


def test_each_letter_of_the_alignment_is_coloured_by_what_it_was(qtbot, window: MainWindow) -> None:
    """An extra "t" is marked as an insertion; the "t"s typed right, before and after it, are
    not (a letter's look is made once for the whole text, by letter and by what it was)."""
    window.start_exercise(copy_exercise(window), window.current_trainee())
    type_text(qtbot, window.drill_view.surface, "Café Léon beltt terug.")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    cells = coloured_cells(window.results)
    marked = [(ch, colour) for ch, colour in cells if colour]
    assert marked == [("·", "#90caf9"), ("t", "#90caf9")]  # the reference's gap, the extra t
    assert [colour for ch, colour in cells if ch == "t"].count("") == 4  # belt, terug twice
