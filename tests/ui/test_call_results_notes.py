"""A call's results say what a note lacked and how its spelling went."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_call_scoring import good_call, scored, with_note
from trainer.core import spelling
from trainer.ui.call_results_view import CallResultsView


def shown_view(qtbot, result) -> CallResultsView:  # type: ignore[no-untyped-def]
    view = CallResultsView()
    qtbot.addWidget(view)
    view.show_result(result)
    return view


def field_row(view: CallResultsView, label: str) -> list[str]:
    table = view.fields
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == label:
            return [table.item(row, c).text() for c in range(table.columnCount())]
    raise AssertionError(label)


def test_a_note_that_lacks_a_fact_says_which(qtbot, tmp_path: Path) -> None:
    result = scored(tmp_path, with_note("Adres gewijzigd naar Diestsestraat 64, 3000 Leuven."))
    view = shown_view(qtbot, result)
    assert field_row(view, "Notitie")[3] == "fout: mist de bevestiging per e-mail"
    assert "Spelling: geen fouten in 7 woorden." in view.summary.text()


def test_misspelled_words_are_listed_against_the_margin(qtbot, tmp_path: Path) -> None:
    note = "Adres gewijzigd naar Diestsestraat 64, 3000 Leuven. Bevestigng per e-mial."
    view = shown_view(qtbot, scored(tmp_path, with_note(note)))
    assert "Spelling: 2 van 10 woorden fout (20,0 %, marge 3,0 %): Bevestigng, e-mial  ✗" in (
        view.summary.text()
    )
    assert view.verdict.text() == "Niet geslaagd"


def test_without_a_dictionary_the_screen_says_spelling_was_not_checked(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spelling, "dictionary", lambda _language: None)
    view = shown_view(qtbot, scored(tmp_path, good_call()))
    assert "Spelling niet gecontroleerd: geen woordenboek voor “Nederlands”." in view.summary.text()


def test_the_look_up_is_a_row_of_the_fields(qtbot, tmp_path: Path) -> None:
    view = shown_view(qtbot, scored(tmp_path, good_call()))
    look = field_row(view, "Klant opzoeken")
    assert look[1:4] == ["35108624", "3510 8624", "dossier van de beller, op klantnummer"]
    assert look[4].endswith(" s")
    assert view.fields.item(0, 0).background().color().name() == "#c8e6c9"  # green: right


def test_a_call_never_looked_up_says_so_in_red(qtbot, tmp_path: Path) -> None:
    events = [e for e in good_call() if getattr(e, "action", "") != "look_up"]
    view = shown_view(qtbot, scored(tmp_path, events))
    assert field_row(view, "Klant opzoeken")[2:4] == ["", "niet opgezocht"]
    assert view.fields.item(0, 0).background().color().name() == "#ffcdd2"


def test_in_french_the_note_and_the_spelling_are_said_in_french(qtbot, tmp_path: Path) -> None:
    """Counted words and the colon before what a note lacks are the language's own ("7 mots",
    "faux : il manque" with French spacing), not Dutch left in a French sentence."""
    from trainer.ui import language

    language.install("fr")
    try:
        result = scored(tmp_path, with_note("Adres gewijzigd naar Diestsestraat 64, 3000 Leuven."))
        view = shown_view(qtbot, result)
        assert field_row(view, "Notitie")[3] == "faux\u00a0: il manque de bevestiging per e-mail"
        assert "7 mots" in view.summary.text() and "woord" not in view.summary.text()
    finally:
        language.install("nl")
