"""Journals written for tests: an exercise's header and the events given, read back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import Header, Journal, JournalWriter, _Event, read_journal


def write_journal(
    path: Path,
    exercise: ExerciseBase,
    events: Iterable[_Event],
    *,
    trainee: str = "Test",
    exercise_hash: str | None = None,
) -> Journal:
    """Write a journal of ``exercise`` holding ``events`` (the exercise's own content hash
    unless another is given) and read it back."""
    header = Header(
        exercise_id=exercise.id,
        exercise_hash=exercise_hash or content_hash(exercise),
        trainee=trainee,
        app_version="test",
        started_at="2026-11-23T10:00:00+01:00",
    )
    writer = JournalWriter(path, header)
    for event in events:
        writer.write(event)
    writer.close()
    return read_journal(path)
