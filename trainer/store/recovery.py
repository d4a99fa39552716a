"""Recovering sessions the app lost (killed, crashed, power cut) from their journals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.core.journal import Journal, read_journal
from trainer.core.loader import Catalog
from trainer.core.messages import Message, Said
from trainer.core.scoring import score
from trainer.store.db import SessionRow, Store


@dataclass(frozen=True)
class Recovery:
    """What became of one lost session: recovered, or why it could not be (``problem``, for
    the UI to word); ``damaged_lines``: the journal's lines skipped as damaged (the rest was
    scored)."""

    session: SessionRow
    recovered: bool
    problem: Message | None = None
    damaged_lines: tuple[int, ...] = ()


def recover_sessions(
    store: Store,
    catalog: Catalog,
    session_ids: list[int] | None = None,
    transcripts: Mapping[str, str] | None = None,
) -> list[Recovery]:
    """Score sessions still marked running (all, or those named) from their journals.

    A journal with damaged lines is scored on its valid lines (the result names the lines
    skipped). A session whose journal is gone or has no valid header, or whose exercise is
    gone, is closed as ``lost`` with the reason, so it is not offered again.
    """
    outcomes: list[Recovery] = []
    for row in store.unfinished_sessions():
        if session_ids is None or row.id in session_ids:
            outcomes.append(recover_session(store, catalog, row, transcripts))
    return outcomes


def recover_session(
    store: Store,
    catalog: Catalog,
    row: SessionRow,
    transcripts: Mapping[str, str] | None = None,
    journal: Journal | None = None,
) -> Recovery:
    """Score one unfinished session from its journal (``journal`` when the caller already read
    it), or close it as ``lost`` with the reason (see ``recover_sessions``)."""
    entry = catalog.by_id(row.exercise_id)
    try:
        if entry is None:
            raise Said(Message("exercise_gone", {"id": row.exercise_id}))
        if journal is None:
            journal = read_journal(row.journal_path)
        result = score(entry.exercise, journal, transcripts=transcripts)
    except Said as exc:  # a journal that cannot be read (JournalError), an exercise gone
        store.mark_lost(row.id, str(exc))  # (the code and its values, kept with the session)
        return Recovery(row, False, exc.message)
    except TypeError as exc:  # a journal of another kind of exercise than the one found now
        said = Message("journal_does_not_fit", {"id": row.exercise_id, "detail": str(exc)})
        store.mark_lost(row.id, str(said))
        return Recovery(row, False, said)
    store.finish_session(row.id, result.ended, result.model_dump(mode="json"))
    return Recovery(row, True, damaged_lines=tuple(d.line for d in journal.damage))
