"""score(exercise, journal): the same journal always gives the same result."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import write_journal
from trainer.core.exercise import CopyExercise
from trainer.core.journal import EndEvent, KeyEvent, read_journal
from trainer.core.scoring import score

EXERCISE = CopyExercise(
    format=1,
    id="nl-copy-x",
    title="X",
    language="nl",
    kind="copy",
    level=1,
    text="Klant belt terug om 14 uur.",
)


def journal_of(tmp_path: Path, typed: str, reason: str | None, hash_: str | None = None) -> Path:
    path = tmp_path / "s.jsonl"
    keys = [
        KeyEvent(t=0.5 + i * 0.2, key="Backspace")
        if ch == "<"
        else KeyEvent(t=0.5 + i * 0.2, text=ch)
        for i, ch in enumerate(typed)
    ]
    end = [EndEvent(t=10.0, reason=reason)] if reason else []
    write_journal(path, EXERCISE, [*keys, *end], trainee="An", exercise_hash=hash_)
    return path


@pytest.mark.parametrize(
    ("reason", "completed", "passed"),
    [
        ("finished", True, True),
        ("time_up", True, True),
        ("abandoned", False, False),
        (None, False, False),
    ],
)
def test_only_a_session_that_ran_to_its_end_can_pass(
    tmp_path: Path, reason: str | None, completed: bool, passed: bool
) -> None:
    typed = EXERCISE.text if reason == "finished" else "Klant belt"
    result = score(EXERCISE, read_journal(journal_of(tmp_path, typed, reason)))
    assert result.typing.word_errors == 0
    assert (result.completed, result.passed) == (completed, passed)
    assert result.ended == (reason or "recovered")


def test_the_same_journal_gives_the_same_result_and_a_coach_can_change_the_margin(
    tmp_path: Path,
) -> None:
    typed = "Klant belt terg<ug om 41 uur."
    journal = read_journal(journal_of(tmp_path, typed, "finished"))
    first, second = score(EXERCISE, journal), score(EXERCISE, journal)
    assert first == second
    assert first.typing.word_errors == 1 and not first.passed  # 1 in 6 words
    assert score(EXERCISE, journal, margin="0.2").passed
    assert first.typing.fixes == 1 and first.typing.incorrect_fixed == 1
    assert first.typing.seconds == pytest.approx(0.2 * (len(typed) - 1))  # first to last key


def test_a_changed_exercise_is_noticed(tmp_path: Path) -> None:
    journal = read_journal(journal_of(tmp_path, "Klant", "abandoned", hash_="0" * 16))
    assert score(EXERCISE, journal).exercise_changed
