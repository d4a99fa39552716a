"""A trainee's portfolio from the store: their ended sessions with a result, through one
indexed query, and the coaches' assessments of them, through another (``trainer.core.portfolio``
makes the facts)."""

from __future__ import annotations

from trainer.core.loader import Catalog
from trainer.core.portfolio import JUDGED_KINDS, Portfolio, Session, portfolio
from trainer.store.db import Store, Trainee
from trainer.store.session_filter import SessionFilter


def _kind(catalog: Catalog | None, exercise_id: str, result: dict[str, object]) -> str:
    """The exercise's kind from the catalog; for one no longer in it (or a generated drill),
    from its result and id."""
    entry = catalog.by_id(exercise_id) if catalog is not None else None
    if entry is not None:
        return entry.exercise.kind
    if result.get("kind") in JUDGED_KINDS:
        return str(result["kind"])
    return "dictation" if "dict" in exercise_id else "copy"


def trainee_portfolio(store: Store, trainee: Trainee, catalog: Catalog | None) -> Portfolio:
    """The portfolio of ``trainee`` over all their ended sessions."""
    chosen = SessionFilter(trainee_ids=frozenset({trainee.id}), ended_only=True)
    sessions = (
        Session(
            r.id,
            r.started_at,
            r.exercise_id,
            r.exercise_title or r.exercise_id,
            _kind(catalog, r.exercise_id, dict(r.result)),
            r.result,
        )
        for r in store.sessions(chosen)
        if r.result is not None
    )
    return portfolio(trainee.name, sessions, store.assessments_of(trainee.id))
