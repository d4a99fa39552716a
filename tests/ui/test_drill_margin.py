"""The drill's live error figure gives the final verdict, also exactly at the 3% boundary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from trainer.ui.main_window import MainWindow

RED = "#b71c1c"  # the style sheet's colour for an error rate over its margin

# 100 words: 3 wrong words are exactly 3.00%
NOTE = (
    "Mevrouw Claes belt omdat haar internet sinds gisterenavond niet meer werkt. Het modem in "
    "de woonkamer knippert oranje en de televisie geeft ook geen beeld meer. Ze heeft het "
    "toestel al twee keer uitgezet en opnieuw aangezet, maar dat hielp niet. Haar zoon werkt "
    "thuis en heeft morgen een belangrijke vergadering met klanten uit Nederland. Ze vraagt of "
    "er vandaag nog een technieker kan langskomen of anders morgen vroeg voor negen uur. Ik "
    "heb haar adres en telefoonnummer nagekeken, een melding aangemaakt en beloofd dat de "
    "planning haar binnen het uur terugbelt met een concreet tijdstip. Ze bedankt ons "
    "vriendelijk."
)
# 99 words: the same 3 wrong words are 3.03%, just over
SHORTER = NOTE.replace(" geeft ook geen ", " geeft geen ")

# three typos of one letter each: three wrong words, and as many keys as the text has
TYPOS = {" internet ": " intetnet ", " technieker ": " techniekar ", " planning ": " plannimg "}


@pytest.fixture(params=[(NOTE, 100), (SHORTER, 99)], ids=["3.00%", "3.03%"])
def note(request: pytest.FixtureRequest) -> tuple[str, int]:
    return request.param


@pytest.fixture
def exercises(tmp_path: Path, note: tuple[str, int]) -> Path:
    """One copy exercise with the default 3% margin, counted in words."""
    text, count = note
    assert len(text.split()) == count
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "nl-copy-marge.yaml").write_text(
        "format: 1\nid: nl-copy-marge\ntitle: Storing noteren\nlanguage: nl\nkind: copy\n"
        f"level: 2\nmargin: 0.03\ntext: {text}\n",
        encoding="utf-8",
    )
    return folder


def colour(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_the_live_error_figure_gives_the_final_verdict_at_the_margin(
    qtbot, window: MainWindow, note: tuple[str, int]
) -> None:
    text, count = note
    attempt = text
    for right, wrong in TYPOS.items():
        attempt = attempt.replace(right, wrong)
    assert len(attempt) == len(text) and attempt != text
    window.home.exercise_tree.setFocus()
    qtbot.keyClick(window.home.exercise_tree, Qt.Key.Key_Return)
    view = window.drill_view
    qtbot.keyClicks(view.surface, attempt[:-1])  # all but the full stop, which ends it

    # the drill shows the three wrong words of all the words, coloured as the verdict will be
    exact = count == 100
    shown = "Fouten: 3,0 % (marge 3,0 %)" if exact else "Fouten: 3,03 % (marge 3,0 %)"
    qtbot.waitUntil(lambda: view.errors.text() == shown)
    assert (colour(view.errors) == RED) is not exact

    qtbot.keyClicks(view.surface, attempt[-1])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.results)
    assert window.results.verdict.text() == ("GESLAAGD" if exact else "NIET GESLAAGD")
    [row] = window.store.recent_sessions(window.current_trainee().id)
    assert row.result["typing"]["word_errors"] == 3
    assert row.result["typing"]["reference_words"] == count
    assert row.passed is exact
