"""The evaluators' verdicts on a candidate's exam: two seats, each a name, pass or fail and a
comment, kept in the store (schema 8) and signed off in a sealed file beside the parts.

An exam is named by its folder under the data folder's ``exams/`` (``PACKAGE/CANDIDATE``, as
``trainer.core.exam_run.exam_folder`` makes it). The two evaluators are two people: the same
name on both seats is refused. Once signed off (``signoff.json`` sealed in the exam's folder,
``trainer.store.exam_sheet.sign_off``) a verdict is no longer changed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from trainer.core.messages import Message, Said

# What schema version 8 adds to the store (see ``db._MIGRATIONS``)
MIGRATION_VERDICTS = """
CREATE TABLE IF NOT EXISTS exam_verdicts (
    exam        TEXT NOT NULL,
    seat        INTEGER NOT NULL CHECK (seat IN (1, 2)),
    evaluator   TEXT NOT NULL,
    passed      INTEGER NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (exam, seat)
);
"""
SEATS = (1, 2)


class VerdictRefused(Said):
    """A verdict that cannot be kept; the message says why."""


@dataclass(frozen=True)
class Verdict:
    """One evaluator's verdict on one exam."""

    exam: str
    seat: int
    evaluator: str
    passed: bool
    comment: str
    saved_at: str = ""


class VerdictAdmin:
    """The store's part for the evaluators' verdicts (mixed into ``Store``)."""

    _db: sqlite3.Connection

    def save_verdict(self, verdict: Verdict) -> Verdict:
        """Keep an evaluator's verdict in its seat (in place of one saved there before);
        refused without a name, or with the other seat's evaluator's name."""
        from trainer.store.db import _now

        name = " ".join(verdict.evaluator.split())
        if not name:
            raise VerdictRefused(Message("verdict_needs_name", {"seat": verdict.seat}))
        other = self.verdicts(verdict.exam).get(3 - verdict.seat)
        if other is not None and other.evaluator.casefold() == name.casefold():
            raise VerdictRefused(Message("verdict_same_evaluator", {"name": name}))
        kept = Verdict(
            verdict.exam, verdict.seat, name, verdict.passed, verdict.comment.strip(), _now()
        )
        with self._db:
            self._db.execute(
                "INSERT INTO exam_verdicts (exam, seat, evaluator, passed, comment, saved_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(exam, seat) DO UPDATE SET"
                " evaluator = excluded.evaluator, passed = excluded.passed,"
                " comment = excluded.comment, saved_at = excluded.saved_at",
                (
                    kept.exam,
                    kept.seat,
                    kept.evaluator,
                    int(kept.passed),
                    kept.comment,
                    kept.saved_at,
                ),
            )
        return kept

    def verdicts(self, exam: str) -> dict[int, Verdict]:
        """The verdicts kept for an exam, by seat."""
        found = self._db.execute(
            "SELECT seat, evaluator, passed, comment, saved_at FROM exam_verdicts WHERE exam = ?",
            (exam,),
        ).fetchall()
        return {
            r["seat"]: Verdict(
                exam, r["seat"], r["evaluator"], bool(r["passed"]), r["comment"], r["saved_at"]
            )
            for r in found
        }
