"""Keyboard layouts as data (``assets/keyboards/*.json``), and which keys type a character.

A layout is rows of keys; each key lists what it types alone, with Shift and with AltGr, and
the layout names its dead keys by the combining mark they add (``ê`` is the dead ``^`` and then
``e``). What a trainee got wrong is counted per character by ``trainer.core.report_facts``;
this module puts those counts on the keys of the trainee's keyboard (a heat map, per-key
statistics, practice of the keys most missed). Headless: plain data, no Qt.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict

LAYOUTS = ("be", "fr", "us")
# the layout a trainee most likely has, by the language of the exercise (Flemish and Walloon
# offices: Belgian AZERTY; English exercises are typed on whatever the office has, so Belgian)
LAYOUT_OF_LANGUAGE = {"nl": "be", "fr": "be", "en": "be"}

SPACE = "space"
ENTER = "enter"
SHIFT = "shift"
ALTGR = "altgr"
MODIFIERS = (SHIFT, ALTGR)  # by level: 1 Shift, 2 AltGr
FINGERS = (
    "left_pinky",
    "left_ring",
    "left_middle",
    "left_index",
    "thumb",
    "right_index",
    "right_middle",
    "right_ring",
    "right_pinky",
)
# the keys drawn beside the rows: the space bar and AltGr under the thumbs, Enter and the
# (left) Shift drawn under the pinkies
_FINGER_OF_SPECIAL = {SPACE: "thumb", ALTGR: "thumb", ENTER: "right_pinky", SHIFT: "left_pinky"}


class Row(BaseModel):
    """A row of keys, ``offset`` key widths in from the left edge (as the keys are staggered)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    offset: float
    keys: list[list[str]]  # per key: alone, with Shift, with AltGr


class KeyboardLayout(BaseModel):
    """A keyboard: its rows and dead keys (combining mark -> the character of its key)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    rows: list[Row]
    dead: dict[str, str] = {}
    # per row, per key: the finger that touch typing strikes it with (one of FINGERS)
    fingers: list[list[str]] = []

    def finger(self, key: str) -> str | None:
        """The finger for a key (``r1c4``, ``space``...), None when the layout does not say."""
        if key in _FINGER_OF_SPECIAL:
            return _FINGER_OF_SPECIAL[key]
        row, _, column = key[1:].partition("c")
        try:
            return self.fingers[int(row)][int(column)]
        except (ValueError, IndexError):
            return None

    def key_id(self, row: int, column: int) -> str:
        """The name of the key at ``row``, ``column`` (``r1c4``)."""
        return f"r{row}c{column}"

    def find(self, char: str) -> tuple[str, int] | None:
        """The key that types ``char`` and at which level (0 alone, 1 Shift, 2 AltGr): the
        lowest level any key has it at; None when no key types it directly."""
        if char == " ":
            return SPACE, 0
        if char == "\n":
            return ENTER, 0
        for level in range(3):
            for r, row in enumerate(self.rows):
                for c, key in enumerate(row.keys):
                    if len(key) > level and key[level] == char:
                        return self.key_id(r, c), level
        return None

    def strokes(self, char: str) -> list[tuple[str, int]]:
        """The keys (with their level) pressed in turn to type ``char``: one key, or a dead
        key and then the base letter (``ê``: ``^``, ``e``); a letter with a mark the layout
        has no dead key for counts on its base letter (``é`` on US QWERTY: ``e``). Empty
        when nothing on this keyboard types it."""
        found = self.find(char)
        if found is not None:
            return [found]
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[:1], decomposed[1:]
        out: list[tuple[str, int]] = []
        for mark in marks:
            dead = self.dead.get(mark)
            where = self.find(dead) if dead else None
            if where is not None:
                out.append(where)
        found = self.find(base)
        return [*out, found] if found is not None else out

    def labels(self) -> dict[str, str]:
        """What each key shows: the capital of a letter, else its characters alone and with
        Shift (``é 2``)."""
        out = {SPACE: "", ENTER: "↵", SHIFT: "⇧", ALTGR: "AltGr"}
        for r, row in enumerate(self.rows):
            for c, key in enumerate(row.keys):
                alone = key[0]
                shifted = key[1] if len(key) > 1 else ""
                letter = alone.isalpha() and shifted == alone.upper()
                out[self.key_id(r, c)] = shifted if letter else " ".join(k for k in key[:2] if k)
        return out


def load_layout(path: Path) -> KeyboardLayout:
    """A layout file (JSON, UTF-8)."""
    return KeyboardLayout.model_validate(json.loads(path.read_text(encoding="utf-8")))


def key_counts(
    layout: KeyboardLayout,
    chars: Mapping[str, int],
) -> Counter[str]:
    """``chars`` (a count per character) counted on the keys that type them; a character
    needing Shift or AltGr counts on that modifier as well."""
    out: Counter[str] = Counter()
    for char, n in chars.items():
        for key, level in layout.strokes(char):
            out[key] += n
            if level:
                out[MODIFIERS[level - 1]] += n
    return out


def error_keys(layout: KeyboardLayout, pairs: Iterable[tuple[str, str]]) -> Counter[str]:
    """The keys of the errors (expected, typed): the key of each expected character that was
    not typed (a missed or wrong key); the key of an extra character typed. When the typed
    character is on the same key at another level (``a`` for ``A``), the modifier was the
    mistake and counts too."""
    out: Counter[str] = Counter()
    for expected, typed in pairs:
        if not expected:
            for char in typed:
                for key, _level in layout.strokes(char)[-1:]:
                    out[key] += 1
            continue
        for index, char in enumerate(expected):
            strokes = layout.strokes(char)
            if not strokes:
                continue
            key, level = strokes[-1]
            out[key] += 1
            other = layout.strokes(typed[index]) if index < len(typed) else []
            if other and other[-1][0] == key and other[-1][1] != level:
                out[MODIFIERS[max(level, other[-1][1]) - 1]] += 1
    return out
