"""The coach's progress view's data from the store: a trainee's series, a group's rows and the
per-key statistics of all a trainee's journals (``trainer.core.progress``, ``key_stats``).

Series and rows come from the stored results through one indexed query each (a trainee's 200
sessions in ~10 ms, 10,000 sessions for a group table in ~0.35 s). Per-key statistics read
every journal again (~8 ms each: 200 journals ~1.6 s), so each session's part is kept in a
``KeyPartsCache`` by its journal's path, size and change time (in memory and in the data
folder), and the view computes them in a worker thread: ``key_parts`` touches no store and no
Qt.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from trainer.core.journal import JournalError, read_journal
from trainer.core.key_stats import SessionKeys, session_keys
from trainer.core.keyboard import KeyboardLayout
from trainer.core.loader import Catalog
from trainer.core.progress import Period, Progress, Stored, TraineeSummary, progress, summaries
from trainer.core.scoring import SessionResult, reference_of
from trainer.core.stored_results import stored_result
from trainer.store.db import SessionRow, Store
from trainer.store.session_filter import SessionFilter

# of the per-key parts kept on disk: a new version of ``SessionKeys`` or of how it is counted
# makes the old files be read as none
CACHE_VERSION = 2  # 2: a call's free text counts on the keys too
KEYS_CACHE = "key-statistics"  # the folder of the parts kept, in the data folder


def _judged(rows: Iterable[SessionRow]) -> Iterable[SessionRow]:
    """Sessions with a result to chart (not running, not lost)."""
    return (r for r in rows if r.result is not None and "passed" in r.result)


def trainee_progress(store: Store, trainee_id: int, period: Period = "week") -> Progress:
    """A trainee's series over all their ended sessions."""
    chosen = SessionFilter(trainee_ids=frozenset({trainee_id}), ended_only=True)
    rows = _judged(store.sessions(chosen))
    return progress((Stored(r.id, r.started_at, r.result or {}) for r in rows), period)


def group_rows(store: Store, trainees: Mapping[int, str]) -> list[TraineeSummary]:
    """One row per trainee of ``trainees`` (id -> name), by name."""
    chosen = SessionFilter(trainee_ids=frozenset(trainees), ended_only=True)
    rows = _judged(store.sessions(chosen)) if trainees else iter(())
    return summaries(
        trainees, ((r.trainee_id, Stored(r.id, r.started_at, r.result or {})) for r in rows)
    )


@dataclass(frozen=True)
class Journaled:
    """What a worker needs of a session to read its keys: no store row, no connection."""

    session_id: int
    exercise_id: str
    journal: Path
    result: Mapping[str, object]


def journaled(store: Store, trainee_id: int) -> list[Journaled]:
    """A trainee's ended sessions with a result, for ``key_parts`` (on the store's thread)."""
    chosen = SessionFilter(trainee_ids=frozenset({trainee_id}), ended_only=True)
    return [
        Journaled(r.id, r.exercise_id, r.journal_path, r.result or {})
        for r in _judged(store.sessions(chosen))
    ]


class KeyPartsCache:
    """Each session's ``SessionKeys`` by session, kept while the journal file is the same
    (path, size, change time) and the layout too. With a ``folder``, a trainee's parts are
    also kept on disk there (``load``, ``save``: one JSON file per trainee, the owner's only),
    so a start of the app does not read every journal again. Safe from one worker and the
    GUI thread."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._parts: dict[tuple[int, str], tuple[tuple[str, int, int], SessionKeys]] = {}
        self._loaded: set[int] = set()
        self._lock = threading.Lock()

    @staticmethod
    def _signature(path: Path) -> tuple[str, int, int] | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        return str(path), stat.st_size, stat.st_mtime_ns

    def get(self, session: Journaled, layout: str) -> SessionKeys | None:
        """The part kept for this session, if its journal did not change."""
        signature = self._signature(session.journal)
        with self._lock:
            kept = self._parts.get((session.session_id, layout))
        return kept[1] if kept is not None and kept[0] == signature else None

    def put(self, session: Journaled, layout: str, part: SessionKeys) -> None:
        """Keep a session's part."""
        signature = self._signature(session.journal)
        if signature is not None:
            with self._lock:
                self._parts[(session.session_id, layout)] = (signature, part)

    def _file(self, trainee_id: int) -> Path | None:
        return self.folder / f"keys-{trainee_id}.json" if self.folder is not None else None

    def load(self, trainee_id: int) -> None:
        """Read a trainee's parts kept on disk (once a run); a damaged or old file is as if
        there were none: the journals are the truth."""
        file = self._file(trainee_id)
        if file is None or trainee_id in self._loaded:
            return
        self._loaded.add(trainee_id)
        try:
            kept = json.loads(file.read_text(encoding="utf-8"))
            if kept.get("version") != CACHE_VERSION:
                return
            found = {
                (int(e["session"]), str(e["layout"])): (
                    (str(e["journal"]), int(e["size"]), int(e["mtime_ns"])),
                    SessionKeys.model_validate(e["part"]),
                )
                for e in kept["parts"]
            }
        except (OSError, ValueError, KeyError, TypeError):
            return
        with self._lock:
            for key, value in found.items():
                self._parts.setdefault(key, value)

    def save(self, trainee_id: int, sessions: Iterable[Journaled]) -> None:
        """Keep the parts of these sessions (a trainee's) on disk; a disk that cannot take
        it only costs reading the journals again next time."""
        file = self._file(trainee_id)
        if file is None:
            return
        ids = {s.session_id for s in sessions}
        with self._lock:
            parts = [
                {
                    "session": sid,
                    "layout": layout,
                    "journal": sig[0],
                    "size": sig[1],
                    "mtime_ns": sig[2],
                    "part": part.model_dump(mode="json"),
                }
                for (sid, layout), (sig, part) in self._parts.items()
                if sid in ids
            ]
        text = json.dumps({"version": CACHE_VERSION, "parts": parts}, separators=(",", ":"))
        partial = file.with_name(file.name + ".partial")
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(partial, file)
        except OSError:
            partial.unlink(missing_ok=True)


def key_parts(
    sessions: list[Journaled],
    catalog: Catalog,
    transcripts: Mapping[str, str],
    layout: KeyboardLayout,
    cache: KeyPartsCache | None = None,
    progress: Callable[[int], bool] | None = None,
) -> tuple[list[SessionKeys], int]:
    """Each session's part of the per-key statistics (any thread), and how many sessions
    could not count (journal gone or unreadable, exercise no longer in the catalog).
    ``progress(done)`` after each; it returns False to stop."""
    parts: list[SessionKeys] = []
    skipped = 0
    for done, session in enumerate(sessions, 1):
        part = cache.get(session, layout.id) if cache is not None else None
        if part is None:
            part = _part(session, catalog, transcripts, layout)
            if part is not None and cache is not None:
                cache.put(session, layout.id, part)
        if part is None:
            skipped += 1
        else:
            parts.append(part)
        if progress is not None and not progress(done):
            break
    return parts, skipped


def _part(
    session: Journaled,
    catalog: Catalog,
    transcripts: Mapping[str, str],
    layout: KeyboardLayout,
) -> SessionKeys | None:
    entry = catalog.by_id(session.exercise_id)
    if entry is None:
        return None
    try:
        journal = read_journal(session.journal)
        result = stored_result(session.result)  # (a call, a chat, a shift: their own words)
        typed = isinstance(result, SessionResult)
        reference = reference_of(entry.exercise, transcripts) if typed else None
    except (JournalError, OSError, ValueError, LookupError, TypeError):
        return None  # (a result stored by an older version, a clip gone: it does not count)
    return session_keys(layout, journal, result, reference)
