"""Which exercises a trainee did and passed, with the best result of each: the marks of the
home screen's exercise list.

One grouped query over the trainee's sessions (found through the ``sessions_by_trainee``
index): the list is marked as fast on a store of 10,000 sessions as on a new one, never one
query per exercise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.store.db import Store

# a session that ran to its end (handed in, finished, or the time ran out): the ones with a
# verdict; a stopped or recovered attempt is not an exercise done
DONE_STATUSES = ("finished", "time_up")

_QUERY = f"""
SELECT exercise_id, attempts, passes, passed, error_rate, unit, wpm, started_at FROM (
    SELECT exercise_id, passed, error_rate, unit, wpm, started_at,
        COUNT(*) OVER mine AS attempts,
        SUM(passed) OVER mine AS passes,
        ROW_NUMBER() OVER (
            PARTITION BY exercise_id
            ORDER BY passed DESC, error_rate IS NULL, error_rate, wpm DESC, started_at DESC
        ) AS place
    FROM sessions
    WHERE trainee_id = ? AND status IN ({", ".join(f"'{s}'" for s in DONE_STATUSES)})
    WINDOW mine AS (PARTITION BY exercise_id)
) WHERE place = 1
"""


@dataclass(frozen=True)
class ExerciseMark:
    """What a trainee achieved on one exercise: how often done and passed, and the best
    result (a pass before a fail, then the fewest errors, then the fastest; a call has no
    error rate or speed of its own)."""

    exercise_id: str
    attempts: int
    passes: int
    best_passed: bool
    error_rate: float | None
    unit: str | None
    wpm: float | None
    started_at: str

    @property
    def passed(self) -> bool:
        """Passed at least once."""
        return self.passes > 0


def exercise_marks(store: Store, trainee_id: int) -> dict[str, ExerciseMark]:
    """Per exercise id, what the trainee achieved on it (exercises never done are absent)."""
    # (the store's connection: this is the store's own layer, kept apart from db.py)
    rows = store._db.execute(_QUERY, (trainee_id,))
    return {
        r["exercise_id"]: ExerciseMark(
            exercise_id=r["exercise_id"],
            attempts=int(r["attempts"]),
            passes=int(r["passes"] or 0),
            best_passed=bool(r["passed"]),
            error_rate=r["error_rate"],
            unit=r["unit"],
            wpm=r["wpm"],
            started_at=r["started_at"],
        )
        for r in rows
    }
