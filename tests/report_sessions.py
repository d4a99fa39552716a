"""Sessions for the report's tests, made as the app makes them: a shipped call played through
the call engine by the simulated good operator (tests/core/test_call_engine.py) with one
address typed wrong, and a shipped copy drill typed key by key with errors, some corrected."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_call_engine import Desk, good_operator
from tests.core.test_shipped_calls import CALLS
from tests.journals import write_journal
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, FieldEvent, Journal, KeyEvent, _Event
from trainer.core.loader import load_catalog
from trainer.core.scenario import CallExercise
from trainer.paths import exercises_dir

CALL_ID = "nl-gesprek-05-bestelling-bureaustoelen"
WRONG_FIELD, WRONG_VALUE = "leveradres", "Statoinstraat 57"  # two letters swapped
DRILL_ID = "nl-copy-01-terugbelnotitie"
TRAINEE = "Sofie Maes"


def call_session(folder: Path, call_id: str = CALL_ID) -> tuple[CallExercise, Journal]:
    """A whole call, answered and wrapped up, the delivery address entered with a typo."""
    call = next(c for c in CALLS if c.id == call_id)
    desk = Desk(call)
    good_operator(desk)
    events: list[_Event] = [
        FieldEvent(t=e.t, field=e.field, value=WRONG_VALUE)
        if isinstance(e, FieldEvent) and e.field == WRONG_FIELD
        else e
        for e in desk.journal
    ]
    events.append(EndEvent(t=desk.t, reason="finished"))
    journal = write_journal(folder / "call.jsonl", call, events, trainee=TRAINEE)
    return call, journal


def drill_exercise() -> CopyExercise:
    entry = load_catalog([exercises_dir()]).by_id(DRILL_ID)
    assert entry is not None and isinstance(entry.exercise, CopyExercise)
    return entry.exercise


def typed_with_errors(text: str) -> list[str]:
    """The keystrokes of somebody typing ``text``: every 40th letter typed as the key next to
    it and left, every 55th typed wrong and corrected at once with Backspace."""
    neighbour = {"a": "z", "e": "r", "i": "o", "o": "p", "n": "b", "t": "r", "s": "d", "r": "t"}
    keys: list[str] = []
    for index, char in enumerate(text):
        wrong = neighbour.get(char)
        if wrong and index % 40 == 17:
            keys.append(wrong)
        elif wrong and index % 55 == 30:
            keys += [wrong, "\b", char]
        else:
            keys.append(char)
    return keys


def drill_session(folder: Path) -> tuple[CopyExercise, Journal]:
    """The shipped copy drill typed to its end at about 40 words a minute, with errors."""
    drill = drill_exercise()
    strokes = typed_with_errors(drill.text)
    events: list[_Event] = [
        KeyEvent(t=1 + i * 0.3, key="Backspace") if k == "\b" else KeyEvent(t=1 + i * 0.3, text=k)
        for i, k in enumerate(strokes)
    ]
    events.append(EndEvent(t=2 + len(strokes) * 0.3, reason="finished"))
    journal = write_journal(folder / "drill.jsonl", drill, events, trainee=TRAINEE)
    return drill, journal
