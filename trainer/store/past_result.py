"""A past session's result, to show again on the results screen a trainee saw.

The stored result is shown as it is: it is what the trainee saw, scored with the exercise as it
was that day (a text or margin edited since would change a re-scored verdict). The journal is
scored again only when there is no stored result to show (``missing``: none was kept) or it no
longer reads as today's result (``older``: stored by an earlier Simultaan whose results had
other fields); ``score`` is a pure function of the journal, so that gives the same figures
whenever the exercise did not change since. A session still running, lost, or whose exercise
is gone cannot be shown and says why (a ``Message``). An exam part's seal is checked too
(``seal``, ``trainer.store.sealed_result``): the UI does not show an altered one as valid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from trainer.core.call_scoring import CallResult
from trainer.core.chat_scoring import ChatResult
from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import read_journal
from trainer.core.loader import Catalog
from trainer.core.messages import Message, Said
from trainer.core.queue_scoring import QueueResult
from trainer.core.scoring import SessionResult, score
from trainer.seal.parts import FileCheck
from trainer.store.db import SessionRow
from trainer.store.sealed_result import seal_check

Rescored = Literal["missing", "older"]
Result = SessionResult | CallResult | ChatResult | QueueResult  # as score() gives them


class CannotOpen(Said):
    """This session has no result to show; the message says why."""


@dataclass(frozen=True)
class PastResult:
    """A stored session with its exercise and result; ``rescored``: why the result came from
    its journal instead of the store (None: as stored); ``exercise_changed``: the exercise
    file changed since the session ran (its text shown now may differ from the one typed)."""

    row: SessionRow
    exercise: ExerciseBase
    result: Result
    rescored: Rescored | None = None
    exercise_changed: bool = False
    seal: FileCheck | None = None  # an exam part's seal: None for a practice session


def past_result(
    row: SessionRow,
    catalog: Catalog,
    transcripts: Mapping[str, str] | None = None,
    data_folder: Path | None = None,
) -> PastResult:
    """The result of a session that ended, to show again (CannotOpen when there is none);
    ``data_folder``: the store's, where an exam's sealed parts and centre are found."""
    if row.status == "running":
        raise CannotOpen(Message("session_still_running", {"id": row.id}))
    if row.status == "lost":
        raise CannotOpen(Message("session_lost", {"id": row.id}))
    entry = catalog.by_id(row.exercise_id)
    if entry is None:
        raise CannotOpen(Message("exercise_gone", {"id": row.exercise_id}))
    exercise = entry.exercise
    models: dict[str, type[Result]] = {
        "call": CallResult,
        "chat": ChatResult,
        "queue": QueueResult,
    }
    model = models.get(exercise.kind, SessionResult)
    rescored: Rescored = "missing"
    if row.result and "passed" in row.result:
        try:
            result = model.model_validate(row.result)
        except ValidationError:
            rescored = "older"
        else:
            changed = result.exercise_hash != content_hash(exercise)
            return PastResult(row, exercise, result, None, changed, seal_check(row, data_folder))
    journal = read_journal(row.journal_path)  # (JournalError says why it cannot be read)
    try:
        result = score(exercise, journal, transcripts=transcripts)
    except (TypeError, LookupError) as exc:  # another kind of journal, a clip gone
        said = Message("journal_does_not_fit", {"id": row.exercise_id, "detail": str(exc)})
        raise CannotOpen(said) from None
    return PastResult(
        row, exercise, result, rescored, result.exercise_changed, seal_check(row, data_folder)
    )
