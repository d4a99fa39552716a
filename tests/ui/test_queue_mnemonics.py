"""Every Alt+letter on the queue screen leads to one place, in Dutch, French and English.

The screen holds the helpdesk's shared widgets side by side (the ticket list's search and
filters, the ticket form, the knowledge panel): two labels underlining the same letter make
Alt+letter cycle between fields, so the trainee never knows where the cursor went. The test
walks the screen as built in each language (labels with their buddies, buttons, group boxes,
tabs), fails on a letter taken twice or a marked label leading nowhere, and presses each
Alt+letter of a field in view to see the cursor land in it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from tests.conftest import REPO
from trainer.core.loader import load_exercise
from trainer.ui import language
from trainer.ui.app import create_application
from trainer.ui.main_window import MainWindow
from trainer.ui.queue_view import QueueView

SHIFT = REPO / "exercises/nl/queue/nl-wachtrij-04-vpn-storing.yaml"
_MARK = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    """The letter a text underlines (lower case), None when none (&& is a written &)."""
    found = _MARK.search(text.replace("&&", ""))
    return found[1].lower() if found else None


def marked(screen: QWidget, shown_only: bool = False) -> list[tuple[str, str, QWidget | None]]:
    """(letter, text, where Alt+letter goes) for every marked text on ``screen`` (only those
    shown now: ``shown_only``)."""
    found: list[tuple[str, str, QWidget | None]] = []
    for widget in screen.findChildren(QWidget):
        if shown_only and not widget.isVisible():
            continue
        texts: list[tuple[str, QWidget | None]] = []
        if isinstance(widget, QLabel):
            texts.append((widget.text(), widget.buddy()))
        elif isinstance(widget, QAbstractButton):
            texts.append((widget.text(), widget))
        elif isinstance(widget, QGroupBox):
            texts.append((widget.title(), widget))
        elif isinstance(widget, QTabWidget):
            texts += [(widget.tabText(i), widget.widget(i)) for i in range(widget.count())]
        for text, target in texts:
            letter = mnemonic(text)
            if letter is not None:
                found.append((letter, text, target))
    return found


@pytest.fixture
def in_language() -> Iterator[None]:
    create_application()
    yield
    language.install("nl")  # (the source language again for the tests after)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_alt_letter_on_the_queue_screen_leads_to_one_field(
    qtbot, in_language: None, lang: str
) -> None:
    language.install(lang)
    exercise = load_exercise(SHIFT)[0]
    screen = QueueView()
    qtbot.addWidget(screen)
    screen.build(exercise, None)  # type: ignore[arg-type]
    screen.resize(1366, 700)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)

    found = marked(screen)
    assert len(found) >= 12, found  # the form's fields, the list's search: all walked
    if lang != "nl":  # the screen is in that language, not Dutch with its letters
        assert not any(text.startswith("&Aanvrager") for _l, text, _t in found)
    nowhere = [text for _letter, text, target in found if target is None]
    assert nowhere == [], f"{lang}: marked labels without a field: {nowhere}"
    places: dict[str, list[str]] = defaultdict(list)
    for letter, text, _target in found:
        places[letter].append(text)
    clashes = {letter: texts for letter, texts in places.items() if len(texts) > 1}
    assert clashes == {}, f"{lang}: one Alt+letter for several fields: {clashes}"

    # each field in view takes the cursor on its Alt+letter, wherever the cursor was
    entered = 0
    for letter, text, target in found:
        if isinstance(target, QAbstractButton) or target is None:
            continue  # (a button is pressed by its letter, not entered)
        if not (target.isVisibleTo(screen) and target.isEnabled()):
            continue
        screen.contacts.setFocus()
        qtbot.keyClick(
            QApplication.focusWidget(),
            getattr(Qt.Key, f"Key_{letter.upper()}"),
            Qt.KeyboardModifier.AltModifier,
        )
        focused = QApplication.focusWidget()
        assert focused is target or target.isAncestorOf(focused), f"{lang}: Alt+{letter} ({text})"
        entered += 1
    assert entered >= 10  # the new ticket's fields and the search box, at least


def test_in_the_app_window_no_other_alt_letter_competes_with_the_queue_screen(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIMULTAAN_AUDIO_DEVICE", "geen-apparaat-in-de-test")
    shift = window.start_exercise(load_exercise(SHIFT)[0], window.current_trainee())
    assert window.stack.currentWidget() is shift.view
    # what is on screen around the queue (the window's own bars, pages left behind) counts
    # too: a shortcut of a visible label elsewhere would take the letter
    shown = [(letter, text) for letter, text, _t in marked(window, shown_only=True)]
    places: dict[str, list[str]] = defaultdict(list)
    for letter, text in shown:
        places[letter].append(text)
    assert {k: v for k, v in places.items() if len(v) > 1} == {}
    assert len(shown) >= 12
    shift.finish("abandoned")
