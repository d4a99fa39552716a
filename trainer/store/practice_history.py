"""A trainee's recent sessions as adaptive practice reads them, and the drill made from them.

The store lists the sessions; each one's journal and stored result say what went wrong
(``trainer.core.adaptive.recorded_errors``); the catalog gives the exercise it was (a
generated drill too: they are saved in the data folder's ``generated/`` and read with the
library). Generated drills are exercise files like any other, so their sessions are scored
again, recovered and reopened as any session is; their ids start with ``adaptive-``.

``prune_generated`` keeps that folder from growing without end: a drill a stored session
refers to is kept for good (its result must open and replay); of the others, the newest
``KEEP_UNUSED`` and any made in the last ``KEEP_UNUSED_DAYS`` days stay, the rest is removed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.loader import Catalog, CatalogEntry, load_catalog
from trainer.core.practice_ids import ADAPTIVE_PREFIX, is_adaptive
from trainer.store.session_filter import SessionFilter

if TYPE_CHECKING:
    from trainer.core.adaptive import SessionErrors
    from trainer.store.db import Store

GENERATED_FOLDER = "generated"  # in the data folder: the drills made for trainees
# a session that teaches what went wrong: it ended, by itself or stopped (errors made in a
# stopped drill are errors all the same), or came back after a crash
_READ_STATUSES = ("finished", "time_up", "abandoned", "recovered")
# drills made but never started (a trainee who looked and went home): the newest this many, and
# any younger than this many days, are kept (one waiting per trainee of a class and more; a
# second Simultaan on a shared data folder may be showing one made this week)
KEEP_UNUSED = 30
KEEP_UNUSED_DAYS = 7


def generated_folder(data_dir: Path) -> Path:
    """Where generated drills are saved."""
    return data_dir / GENERATED_FOLDER


def history(
    store: Store,
    catalog: Catalog,
    trainee_id: int,
    transcripts: Mapping[str, str] | None = None,
) -> list[SessionErrors]:
    """What went wrong in the trainee's recent sessions, newest first, as far back as
    ``HISTORY_SESSIONS`` sessions or ``HISTORY_CHARS`` characters of their texts go; a session
    whose exercise is no longer in the library, or whose journal cannot be read, is left out."""
    # (the scorer's libraries: loaded when a drill is made, not with the home screen)
    from trainer.core.adaptive import HISTORY_CHARS, HISTORY_SESSIONS, recorded_errors

    out: list[SessionErrors] = []
    read = 0  # characters of the sessions' texts
    for row in store.recent_sessions(trainee_id, HISTORY_SESSIONS):
        entry = catalog.by_id(row.exercise_id)
        if entry is None or row.status not in _READ_STATUSES or not row.result:
            continue
        errors = recorded_errors(entry.exercise, row.journal_path, row.result, transcripts)
        if errors is not None:
            out.append(errors)
            read += errors.chars.total()
            if read >= HISTORY_CHARS:
                break
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
    gone = {p.stem for p in prune_generated(store, data_dir)}  # (never the one just written)
    catalog.entries[:] = [e for e in catalog.entries if e.exercise.id not in gone]
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


def prune_generated(store: Store, data_dir: Path, now: float | None = None) -> list[Path]:
    """Remove the generated drills no stored session refers to, but for the newest
    ``KEEP_UNUSED`` of them and those made in the last ``KEEP_UNUSED_DAYS`` days; returns the
    files removed. A drill any session was started on (finished, stopped, lost, still
    running) is never removed. A file that cannot be removed stays until the next time."""
    folder = generated_folder(data_dir)
    try:
        files = [p for p in folder.glob(f"{ADAPTIVE_PREFIX}*.yaml") if p.is_file()]
    except OSError:
        return []
    if len(files) <= KEEP_UNUSED:
        return []
    chosen = SessionFilter(exercise_ids=frozenset(p.stem for p in files))
    used = {row.exercise_id for row in store.sessions(chosen, brief=True)}

    def made(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return float("inf")  # (gone or unreadable: not ours to judge now)

    unused = sorted((p for p in files if p.stem not in used), key=made, reverse=True)
    since = (time.time() if now is None else now) - KEEP_UNUSED_DAYS * 86400
    removed: list[Path] = []
    for path in unused[KEEP_UNUSED:]:
        if made(path) >= since:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed
