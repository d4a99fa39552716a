"""What every result says about its session, read from the journal: which exercise (and whether
it changed since), who, in which mode, when, how it ended, how long it ran, and which lines of
its journal were damaged and skipped."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import DamageCode, EndReason, Journal

# only a session that ran to its end can pass: a stopped or crashed one was not completed
COMPLETED: tuple[EndReason, ...] = ("finished", "time_up")


class DamagedLine(BaseModel):
    """A line of the journal that was skipped as damaged: its number and why (a code)."""

    model_config = ConfigDict(frozen=True)

    line: int
    code: DamageCode


class SessionFacts(BaseModel):
    """The part of a result that comes from the journal's header and end, for every kind."""

    model_config = ConfigDict(frozen=True)

    exercise_id: str
    exercise_hash: str
    exercise_changed: bool
    trainee: str
    mode: str
    started_at: str
    ended: EndReason
    duration: float
    completed: bool
    passed: bool
    audio_underflows: int = 0
    # results stored before journals were read forgivingly have none
    damaged_lines: list[DamagedLine] = Field(default_factory=list)


def ended_reason(journal: Journal) -> EndReason:
    """How the session ended; a journal without an end event was cut off (recovered)."""
    end = journal.end
    return end.reason if end else "recovered"


def facts_of(exercise: ExerciseBase, journal: Journal) -> dict[str, Any]:
    """The ``SessionFacts`` fields of a journal, all but ``completed`` and ``passed`` (which
    depend on the kind of exercise)."""
    end = journal.end
    last_t = end.t if end else (journal.events[-1].t if journal.events else 0.0)
    header = journal.header
    return {
        "exercise_id": exercise.id,
        "exercise_hash": header.exercise_hash,
        "exercise_changed": header.exercise_hash != content_hash(exercise),
        "trainee": header.trainee,
        "mode": header.mode,
        "started_at": header.started_at,
        "ended": ended_reason(journal),
        "duration": round(last_t, 3),
        "audio_underflows": max((e.underflows for e in journal.audio), default=0),
        "damaged_lines": [DamagedLine(line=d.line, code=d.code) for d in journal.damage],
    }
