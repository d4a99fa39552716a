"""A trainee's recent sessions as adaptive practice reads them, and the drill made from them.

The store lists the sessions; each one's journal and stored result say what went wrong
(``trainer.core.adaptive.recorded_errors``); the catalog gives the exercise it was (a
generated drill too: they are saved in the data folder's ``generated/`` and read with the
library). Generated drills are exercise files like any other, so their sessions are scored
again, recovered and reopened as any session is; their ids start with ``adaptive-``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.loader import Catalog, CatalogEntry, load_catalog
from trainer.core.practice_ids import is_adaptive

if TYPE_CHECKING:
    from trainer.core.adaptive import SessionErrors
    from trainer.store.db import Store

GENERATED_FOLDER = "generated"  # in the data folder: the drills made for trainees
# a session that teaches what went wrong: it ended, by itself or stopped (errors made in a
# stopped drill are errors all the same), or came back after a crash
_READ_STATUSES = ("finished", "time_up", "abandoned", "recovered")


def generated_folder(data_dir: Path) -> Path:
    """Where generated drills are saved."""
    return data_dir / GENERATED_FOLDER


def history(
    store: Store,
    catalog: Catalog,
    trainee_id: int,
    transcripts: Mapping[str, str] | None = None,
) -> list[SessionErrors]:
    """What went wrong in the trainee's recent sessions, newest first; a session whose
    exercise is no longer in the library, or whose journal cannot be read, is left out."""
    # (the scorer's libraries: loaded when a drill is made, not with the home screen)
    from trainer.core.adaptive import HISTORY_SESSIONS, recorded_errors

    out: list[SessionErrors] = []
    for row in store.recent_sessions(trainee_id, HISTORY_SESSIONS):
        entry = catalog.by_id(row.exercise_id)
        if entry is None or row.status not in _READ_STATUSES or not row.result:
            continue
        errors = recorded_errors(entry.exercise, row.journal_path, row.result, transcripts)
        if errors is not None:
            out.append(errors)
    return out


def make_drill(
    store: Store,
    catalog: Catalog,
    trainee_id: int,
    data_dir: Path,
    transcripts: Mapping[str, str],
    *,
    file_mode: int = 0o600,
) -> CatalogEntry:
    """The practice drill for the trainee, saved in the data folder and added to the
    catalog (once: the same history gives the same drill). NothingToPractise when there is
    nothing to practise; OSError when it cannot be saved."""
    from trainer.core.adaptive import build_drill, library_texts, write_drill

    past = history(store, catalog, trainee_id, transcripts)
    exercises = [entry.exercise for entry in catalog.entries]
    drill = build_drill(past, library_texts(exercises, transcripts))
    path = write_drill(generated_folder(data_dir), drill.exercise, file_mode)
    known = catalog.by_id(drill.exercise.id)
    if known is not None:
        return known
    entry = CatalogEntry(drill.exercise, path)
    catalog.entries.append(entry)
    return entry


def with_generated(
    catalog: Catalog, data_dir: Path, clip_languages: Mapping[str, str] | None = None
) -> Catalog:
    """The catalog with the drills generated earlier (from the data folder), so their
    sessions can be recovered, scored again and reopened. A generated file that cannot be
    read is left out (it is the app's own, not a coach's to fix)."""
    folder = generated_folder(data_dir)
    if not folder.is_dir():
        return catalog
    known = {entry.exercise.id for entry in catalog.entries}
    for entry in load_catalog([folder], clip_languages).entries:
        if is_adaptive(entry.exercise.id) and entry.exercise.id not in known:
            catalog.entries.append(entry)
            known.add(entry.exercise.id)
    return catalog
