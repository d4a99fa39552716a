"""Which sessions a coach asks for: by trainee, group, day, exercise, verdict and mode.

One ``SessionFilter`` serves the export (``simultaan export``) and the coach's view: it becomes
the ``WHERE`` of one SQL query (``Store.sessions``), so SQLite picks the rows through its
indexes (a trainee's sessions by ``sessions_by_trainee``: trainee, then start) instead of
Python reading every result. The store knows exercises only by id: a kind or a language is
turned into the ids of the exercises of that kind with ``exercise_ids`` (from the catalog).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trainer.core.loader import Catalog


@dataclass(frozen=True)
class SessionFilter:
    """Sessions to select; every part left empty selects all. Days are the calendar days of
    the start as recorded (the workstation's local time, as the store keeps it)."""

    trainee_ids: frozenset[int] = frozenset()
    since: date | None = None  # started on or after this day
    until: date | None = None  # started on or before this day
    exercise_ids: frozenset[str] | None = None  # None: any exercise; empty: none at all
    passed: bool | None = None
    modes: frozenset[str] = frozenset()  # practice, exam
    ended_only: bool = False  # leave out sessions still running (or lost by a crash)
    group_ids: frozenset[int] = frozenset()  # trainees of these groups
    archived: bool | None = None  # None: any trainee; False: not archived; True: archived

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``sessions s`` and its parameters (``1`` for everything)."""
        parts: list[str] = []
        args: list[Any] = []
        if self.trainee_ids:
            parts.append(_in("s.trainee_id", len(self.trainee_ids)))
            args += sorted(self.trainee_ids)
        # started_at is ISO 8601 text starting with the day: compared as text, it selects by
        # day through the index without a function applied to the column
        if self.since is not None:
            parts.append("s.started_at >= ?")
            args.append(self.since.isoformat())
        if self.until is not None:
            parts.append("s.started_at < ?")
            args.append((self.until + timedelta(days=1)).isoformat())
        if self.exercise_ids is not None:
            parts.append(_in("s.exercise_id", len(self.exercise_ids)))
            args += sorted(self.exercise_ids)
        if self.passed is not None:
            parts.append("s.passed = ?")
            args.append(int(self.passed))
        if self.modes:
            parts.append(_in("s.mode", len(self.modes)))
            args += sorted(self.modes)
        if self.ended_only:
            parts.append("s.status NOT IN ('running', 'lost')")
        # by the trainee's row, in a subquery: the condition stays one on ``sessions s``
        who: list[str] = []
        if self.group_ids:
            who.append(_in("group_id", len(self.group_ids)))
            args += sorted(self.group_ids)
        if self.archived is not None:
            who.append("archived = ?")
            args.append(int(self.archived))
        if who:
            parts.append(f"s.trainee_id IN (SELECT id FROM trainees WHERE {' AND '.join(who)})")
        return (" AND ".join(parts) or "1"), args


def _in(column: str, n: int) -> str:
    # an empty set selects nothing (``IN ()`` is not SQL)
    return f"{column} IN ({', '.join('?' * n)})" if n else "0"


def exercise_ids(
    catalog: Catalog, kinds: Iterable[str] = (), languages: Iterable[str] = ()
) -> frozenset[str] | None:
    """The ids of the catalog's exercises of these kinds and languages (None: no such
    condition, any exercise, also one no longer in the catalog)."""
    kinds, languages = set(kinds), set(languages)
    if not kinds and not languages:
        return None
    return frozenset(
        e.exercise.id
        for e in catalog.entries
        if (not kinds or e.exercise.kind in kinds)
        and (not languages or e.exercise.language in languages)
    )
