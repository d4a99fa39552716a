"""The typing surface on its own: what the trainee sees as keys arrive."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from trainer.ui.typing_surface import TypingSurface


def make_surface(qtbot, text: str) -> TypingSurface:
    surface = TypingSurface()
    qtbot.addWidget(surface)
    surface.resize(700, 300)
    surface.set_reference(text)
    surface.show()
    qtbot.waitExposed(surface)
    return surface


def test_keys_become_signals_and_the_controller_decides(qtbot) -> None:
    surface = make_surface(qtbot, "ab\ncd")
    typed: list[str] = []
    edits: list[str] = []
    surface.typed.connect(typed.append)
    surface.edited.connect(edits.append)
    qtbot.keyClick(surface, "a")
    qtbot.keyClick(surface, Qt.Key.Key_Return)
    qtbot.keyClick(surface, Qt.Key.Key_Backspace)
    qtbot.keyClick(surface, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # not text
    with qtbot.waitSignal(surface.finishRequested):
        qtbot.keyClick(surface, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(surface.abandonRequested):
        qtbot.keyClick(surface, Qt.Key.Key_Escape)
    assert typed == ["a", "\n"]
    assert edits == ["Backspace"]
    assert surface.position == 0  # the surface shows only what the controller tells it


def test_wrong_characters_are_counted_and_backspace_takes_them_back(qtbot) -> None:
    surface = make_surface(qtbot, "Gent")
    for ch in "Gant":
        surface.append(ch)
    assert surface.wrong_count == 1 and surface.typed_text == "Gant"
    surface.remove_last()
    surface.remove_last()
    assert surface.wrong_count == 1
    surface.remove_last()
    assert surface.wrong_count == 0 and surface.position == 1


def test_a_dead_key_commit_arrives_as_one_composed_character(qtbot) -> None:
    surface = make_surface(qtbot, "é")
    typed: list[str] = []
    surface.typed.connect(typed.append)
    preedit = QInputMethodEvent("´", [])  # the dead key is pressed: nothing typed yet
    QApplication.sendEvent(surface, preedit)
    commit = QInputMethodEvent()
    commit.setCommitString("e\u0301")  # some input methods send it decomposed
    QApplication.sendEvent(surface, commit)
    assert typed == ["é"]


def test_a_long_drill_keeps_painting_without_draining_none(qtbot) -> None:
    """PySide6 6.12.0 lost a reference to None per setPen/fillRect; a long drill then crashed.

    600 repaints, each with dozens of those calls: such a loss is thousands. The cycle collector is
    held off meanwhile, so objects an earlier test left (in the same test worker) are not
    freed in between: each one freed gives None's references back too (89 seen once)."""
    text = "De klant belt over factuur 2026-004718. " * 40
    surface = make_surface(qtbot, text)
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for ch in text[:600]:
            surface.append(ch if ch != "f" else "v")  # some wrong cells: both paint paths
            surface.repaint()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 300


# the colouring follows the alignment -------------------------------------------------------
RED = "#c62828"  # a wrong or extra cell's background, a skipped letter's box
GREEN = "#1b5e20"  # a letter typed right
WHITE = "#ffffff"


def count(surface: TypingSurface, rect: QRect, colour: str) -> int:
    """Pixels of exactly ``colour`` in ``rect`` of the surface as it is on screen."""
    surface.repaint()
    image = surface.grab().toImage()
    wanted = QColor(colour).rgb()
    return sum(
        image.pixel(x, y) == wanted
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def reddish(surface: TypingSurface, rect: QRect) -> int:
    """Pixels in ``rect`` that a person would call red (small letters are anti-aliased)."""
    image = surface.grab().toImage()
    return sum(
        (c := QColor(image.pixel(x, y))).red() > 120 and c.green() < 90 and c.blue() < 90
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def inner(cell: QRect) -> QRect:
    """A cell without the pixel columns it may share with its neighbours."""
    return cell.adjusted(2, 0, -2, 0)


def type_on(surface: TypingSurface, text: str) -> None:
    for ch in text:
        surface.append(ch)


def looks(surface: TypingSurface, first: int, last: int) -> list[str]:
    return [surface.cell_look(i)[0] for i in range(first, last)]


def test_a_skipped_letter_is_one_marked_cell_and_what_follows_stays_green(qtbot) -> None:
    reference = "Goeiemiddag, u spreekt met Lien van de klantendienst."
    surface = make_surface(qtbot, reference)
    type_on(surface, "Goeiemidag, u spreekt met Lien")  # one d skipped
    skipped = reference.index("dag")
    assert surface.cell_look(skipped) == ("missing", "d", "")
    reached = len("Goeiemiddag, u spreekt met Lien")
    assert surface.position == reached and surface.wrong_count == 1
    assert looks(surface, 0, skipped) + looks(surface, skipped + 1, reached) == ["correct"] * (
        reached - 1
    )
    # as seen: a red box around the skipped letter; green letters after it, nothing red
    assert count(surface, surface.cell_rect(skipped), RED) > 10
    for index in range(skipped + 1, reached):
        if reference[index] != " ":
            cell = inner(surface.cell_rect(index))
            assert count(surface, cell, GREEN) > 0 and count(surface, cell, RED) == 0


def test_an_extra_letter_is_one_more_red_cell_and_what_follows_stays_green(qtbot) -> None:
    reference = "De technieker komt donderdag langs."
    surface = make_surface(qtbot, reference)
    type_on(surface, "De technieker kommt donderdag")
    extra_at = next(i for i in range(len(reference)) if surface.extra_before(i))
    assert surface.extra_before(extra_at) == "m" and reference[extra_at - 1] == "m"
    assert "wrong" not in looks(surface, 0, len("De technieker komt donderdag"))
    # the letters after the extra one move one cell to the right, to make room for it
    before, after = surface.cell_rect(extra_at - 1), surface.cell_rect(extra_at)
    width = before.width()
    assert abs(after.left() - before.left() - 2 * width) <= 1
    between = before.translated(width, 0)
    assert count(surface, between.adjusted(2, 2, -2, -2), RED) > 0.6 * (width - 4) * (
        between.height() - 4
    )
    assert count(surface, inner(after), GREEN) > 0 and count(surface, inner(after), RED) == 0


def test_a_wrong_letter_shows_what_was_typed_and_the_expected_one_small_under_it(
    qtbot,
) -> None:
    surface = make_surface(qtbot, "Gent en Brugge")
    type_on(surface, "Gant en")
    assert surface.cell_look(1) == ("wrong", "a", "e")
    assert looks(surface, 0, 7) == ["correct", "wrong"] + ["correct"] * 5
    cell = surface.cell_rect(1)
    assert count(surface, cell, RED) > 0.5 * cell.width() * cell.height()
    assert count(surface, cell, WHITE) > 0  # the typed letter, white on red
    under = QRect(cell.left(), cell.bottom() + 1, cell.width(), cell.height() // 2)
    assert reddish(surface, under) > 3  # the expected letter, small, under it
    assert reddish(surface, under.translated(cell.width() * 2, 0)) == 0  # not under others
    # put right: nothing red is left
    for _ in range(6):
        surface.remove_last()
    type_on(surface, "ent en")
    assert surface.wrong_count == 0
    assert count(surface, surface.rect(), RED) == 0


def test_extra_letters_re_wrap_the_lines_as_a_fresh_layout_would(qtbot) -> None:
    text = "De klant belt over factuur 2026-004718 en vraagt een afbetalingsplan. " * 6
    surface = make_surface(qtbot, text)

    def layout() -> list[tuple[int, int]]:
        """Each cell's column and line (the view may have scrolled since)."""
        top = surface.cell_rect(0).top()
        cells = [surface.cell_rect(i) for i in range(len(surface.reference))]
        assert all(r.right() <= surface.width() for r in cells)  # nothing runs off the edge
        spacing = min(r.top() - top for r in cells if r.top() > top)
        return [(r.left(), round((r.top() - top) / spacing)) for r in cells]

    typed = text[:300].replace("klant", "kkklant").replace("plan", "pllllan")
    type_on(surface, typed)
    shown = layout()
    surface.resize(500, 300)  # wrap from scratch, then back
    surface.resize(700, 300)
    assert layout() == shown
    for _ in range(len(typed) - 120):  # and back again with Backspace
        surface.remove_last()
    shown = layout()
    surface.resize(500, 300)
    surface.resize(700, 300)
    assert layout() == shown


def test_a_word_pushed_down_by_extra_letters_comes_back_when_they_are_taken_back(
    qtbot,
) -> None:
    text = "De klant belt over de factuur van maart en vraagt een afbetalingsplan. " * 5
    surface = make_surface(qtbot, text)
    text = surface.reference
    top = surface.cell_rect(0).top()
    last = max(i for i in range(len(text)) if surface.cell_rect(i).top() == top)
    word = text.rindex(" ", 0, last) + 1  # the last word of the first line
    end = text.index(" ", word)
    typed = text[:word] + text[word] + "qqqq" + text[word + 1 : end + 12]
    type_on(surface, typed)  # four extra letters in that word
    assert surface.extra_before(word + 1) == "qqqq"
    assert surface.cell_rect(word).top() > top  # it no longer fits: the next line
    for _ in range(len(typed) - word - 1):
        surface.remove_last()
    type_on(surface, text[word + 1 : end + 12])
    assert surface.wrong_count == 0
    assert surface.cell_rect(word).top() == top  # back where it was
