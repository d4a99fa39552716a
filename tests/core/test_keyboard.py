"""Keyboard layouts: which keys type a character, and errors counted on the keys."""

from __future__ import annotations

import pytest

from trainer.core.keyboard import (
    ALTGR,
    ENTER,
    LAYOUTS,
    SHIFT,
    SPACE,
    KeyboardLayout,
    error_keys,
    key_counts,
    load_layout,
)
from trainer.paths import assets_dir


def layout(code: str) -> KeyboardLayout:
    return load_layout(assets_dir() / "keyboards" / f"{code}.json")


def label_of(keyboard: KeyboardLayout, char: str) -> str:
    strokes = keyboard.strokes(char)
    return keyboard.labels()[strokes[-1][0]]


@pytest.mark.parametrize("code", LAYOUTS)
def test_every_shipped_layout_types_the_letters_digits_and_common_marks(code: str) -> None:
    keyboard = layout(code)
    assert keyboard.id == code
    for char in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:?!'\"-()/\n":
        assert keyboard.strokes(char), (code, char)


def test_azerty_and_qwerty_put_the_letters_where_they_are() -> None:
    be, fr, us = layout("be"), layout("fr"), layout("us")
    assert be.find("a") == ("r1c0", 0) and us.find("a") == ("r2c0", 0)
    assert be.find("q") == ("r2c0", 0) and us.find("q") == ("r1c0", 0)
    assert be.find("m") == ("r2c9", 0) and us.find("m") == ("r3c6", 0)
    # digits: alone on QWERTY, with Shift on AZERTY
    assert us.find("2") == ("r0c2", 0) and be.find("2") == ("r0c2", 1)
    # Belgian and French AZERTY differ where the office notices: '-' and '@'
    assert be.find("-") == ("r0c12", 0) and fr.find("-") == ("r0c6", 0)
    assert be.find("@") == ("r0c2", 2) and fr.find("@") == ("r0c10", 2)
    assert be.find(" ") == (SPACE, 0) and be.find("\n") == (ENTER, 0)


def test_a_letter_with_a_mark_is_its_own_key_or_the_dead_key_and_the_letter() -> None:
    be, us = layout("be"), layout("us")
    assert be.strokes("é") == [("r0c2", 0)]
    # ê: the dead circumflex, then e
    assert be.strokes("ê") == [("r1c10", 0), ("r1c2", 0)]
    assert be.strokes("ë") == [("r1c10", 1), ("r1c2", 0)]
    # no é on US QWERTY: it counts on the e
    assert us.strokes("é") == [("r1c2", 0)]
    assert be.strokes("€") == [("r1c2", 2)]
    assert be.strokes("😀") == []


def test_counts_on_keys_add_the_modifier_a_character_needs() -> None:
    be = layout("be")
    counts = key_counts(be, {"a": 3, "A": 2, "2": 1, "@": 1})
    assert counts["r1c0"] == 5  # a and A share a key
    assert counts[SHIFT] == 3  # A and 2 need Shift
    assert counts[ALTGR] == 1  # @
    assert counts["r0c2"] == 2


def test_an_error_counts_on_the_key_that_should_have_been_pressed() -> None:
    be = layout("be")
    # 'z' typed for 'e', an 'x' left out, an extra 'k', a swap 'io' -> 'oi'
    keys = error_keys(be, [("e", "z"), ("x", ""), ("", "k"), ("io", "oi")])
    assert keys == {"r1c2": 1, "r3c2": 1, "r2c7": 1, "r1c7": 1, "r1c8": 1}
    # a capital typed small: the letter's key and the Shift that was not pressed
    assert error_keys(be, [("D", "d")]) == {"r2c2": 1, SHIFT: 1}
    # é typed as e on AZERTY: the é key (e is another key)
    assert error_keys(be, [("é", "e")]) == {"r0c2": 1}


def test_a_key_shows_its_capital_or_its_two_characters() -> None:
    be = layout("be")
    labels = be.labels()
    assert label_of(be, "a") == "A"
    assert labels["r0c2"] == "é 2"
    assert labels[SPACE] == ""
