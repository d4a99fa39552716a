"""Journals written for tests: an exercise's header and the events given, read back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trainer.core.exercise import DictationExercise, ExerciseBase, content_hash
from trainer.core.journal import EndEvent, Header, Journal, KeyEvent, _Event, read_journal
from trainer.core.journal_writer import JournalWriter
from trainer.core.scoring import SessionResult, score


def write_journal(
    path: Path,
    exercise: ExerciseBase,
    events: Iterable[_Event],
    *,
    trainee: str = "Test",
    exercise_hash: str | None = None,
) -> Journal:
    """Write a journal of ``exercise`` holding ``events`` (the exercise's own content hash
    unless another is given) and read it back. The events are written in the order of their
    times, as the app writes them (a test may give an event its new time in place): a journal
    whose time runs backwards is damaged."""
    header = Header(
        exercise_id=exercise.id,
        exercise_hash=exercise_hash or content_hash(exercise),
        trainee=trainee,
        app_version="test",
        started_at="2026-11-23T10:00:00+01:00",
    )
    writer = JournalWriter(path, header)
    for event in sorted(events, key=lambda e: float(getattr(e, "t", 0.0))):
        writer.write(event)
    writer.close()
    return read_journal(path)


def scored_dictation(
    folder: Path, transcript: str, typed: str, *, ignore: list[str] | None = None
) -> SessionResult:
    """A one-clip dictation of ``transcript`` in which ``typed`` was typed (a key each 0.2 s)
    and handed in, scored as the app scores it; ``ignore`` replaces the dictation's default."""
    exercise = DictationExercise(
        format=1,
        id="nl-dictee-x",
        title="X",
        language="nl",
        kind="dictation",
        level=1,
        clips=["nl-clip-x"],
    )
    if ignore is not None:
        exercise = exercise.model_copy(update={"ignore": ignore})
    keys = [KeyEvent(t=1 + i * 0.2, text=ch) for i, ch in enumerate(typed)]
    end = EndEvent(t=keys[-1].t + 1 if keys else 1, reason="finished")
    name = f"dictation-{len(list(folder.glob('dictation-*.jsonl')))}.jsonl"
    journal = write_journal(folder / name, exercise, [*keys, end])
    result = score(exercise, journal, transcripts={"nl-clip-x": transcript})
    assert isinstance(result, SessionResult)
    return result
