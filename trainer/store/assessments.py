"""A coach's assessment of a session with the rubric (``trainer.core.rubric``), kept in the
store beside the automatic result: one row per session, saved again when the coach edits it.

The scores are kept by competence code and criterion id, never by their words, so a rubric's
texts can be reworded (or read in another language) without changing what was saved.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the rubric's module brings pydantic and the exercise models: 75 ms the
    # app's start spent opening the store before it read the exercises; loaded when used)
    from trainer.core.rubric import Assessment

# What schema version 5 adds to the store (see ``db._MIGRATIONS``)
MIGRATION_ASSESSMENTS = """
CREATE TABLE IF NOT EXISTS assessments (
    session_id        INTEGER PRIMARY KEY REFERENCES sessions(id),
    coach             TEXT NOT NULL,
    saved_at          TEXT NOT NULL,
    competences_json  TEXT NOT NULL
);
"""


class AssessmentAdmin:
    """The store's part for the coach's assessments (mixed into ``Store``)."""

    _db: sqlite3.Connection

    def save_assessment(self, assessment: Assessment) -> Assessment:
        """Keep a coach's assessment of a session, in place of one saved before; returns it
        as stored (with its time). Competences with nothing scored or said are left out."""
        from trainer.core.rubric import Assessment, CompetenceAssessment
        from trainer.store.db import _now

        kept = [
            CompetenceAssessment(c.code, dict(c.scores), c.comment.strip())
            for c in assessment.competences
            if not c.empty
        ]
        parts = [{"code": c.code, "scores": c.scores, "comment": c.comment} for c in kept]
        saved_at = _now()
        coach = " ".join(assessment.coach.split())
        with self._db:
            self._db.execute(
                "INSERT INTO assessments (session_id, coach, saved_at, competences_json)"
                " VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET"
                " coach = excluded.coach, saved_at = excluded.saved_at,"
                " competences_json = excluded.competences_json",
                (assessment.session_id, coach, saved_at, json.dumps(parts, ensure_ascii=False)),
            )
        return Assessment(assessment.session_id, coach, tuple(kept), saved_at)

    def assessment(self, session_id: int) -> Assessment | None:
        """The assessment saved for a session, or None."""
        row = self._db.execute(
            "SELECT coach, saved_at, competences_json FROM assessments WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        return None if row is None else _assessment(session_id, row)

    def assessments_of(self, trainee_id: int) -> dict[int, Assessment]:
        """Every assessment of a trainee's sessions, by session id (for the portfolio)."""
        found = self._db.execute(
            "SELECT a.session_id, a.coach, a.saved_at, a.competences_json FROM assessments a"
            " JOIN sessions s ON s.id = a.session_id WHERE s.trainee_id = ?",
            (trainee_id,),
        ).fetchall()
        return {row["session_id"]: _assessment(row["session_id"], row) for row in found}


def _assessment(session_id: int, row: sqlite3.Row) -> Assessment:
    """A stored row as an assessment (its parts by code, scores by criterion id)."""
    from trainer.core.rubric import Assessment, CompetenceAssessment

    parts = tuple(
        CompetenceAssessment(
            str(p["code"]), {str(k): int(v) for k, v in p["scores"].items()}, p["comment"]
        )
        for p in json.loads(row["competences_json"])
    )
    return Assessment(session_id, row["coach"], parts, row["saved_at"])
