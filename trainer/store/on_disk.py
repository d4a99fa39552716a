"""What is on disk beside the store: the journals, which of them still run, and a damaged store.

The journals are the truth (design.md): the store only lists them with their results. So a
journal the store does not know (a row lost with a torn SQLite ``-wal``, or a store rebuilt after
damage) is found here and adopted as a session, and a damaged store is moved aside and made again
from the journals. A journal whose session still runs, in this app or another one sharing the
folder, is held by its writer's lock (``journal_holder``) and never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.messages import Message
from trainer.store.db import Store, StoreCorrupt, StoreError

# The journal's models (pydantic, about 70 ms) load in the functions that read journals, not
# with the store at every start; scoring (numpy) only when something is recovered.
if TYPE_CHECKING:
    from trainer.core.loader import Catalog
    from trainer.store.recovery import Recovery

JOURNALS = "journals"


@dataclass(frozen=True)
class LiveSession:
    """A session still running somewhere: its journal and the workstation that holds it."""

    journal: Path
    workstation: str


def journals_on_disk(data_dir: Path) -> list[Path]:
    """Every journal file below the data folder's ``journals`` folder, oldest first."""
    folder = data_dir / JOURNALS
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.jsonl") if p.is_file() and not p.is_symlink())


def unknown_journals(store: Store, data_dir: Path) -> list[Path]:
    """Journals on disk that no session of the store refers to. A journal is also known by
    its day folder and file name (unique to the microsecond): a store of an earlier version
    keeps absolute paths, which no longer match once the data folder moved."""
    known = store.known_journals()
    paths = {p.resolve() for p in known}
    names = {(p.parent.name, p.name) for p in known}
    return [
        p
        for p in journals_on_disk(data_dir)
        if p.resolve() not in paths and (p.parent.name, p.name) not in names
    ]


def live_sessions(paths: list[Path]) -> list[LiveSession]:
    """Those of ``paths`` whose session still runs (their writer holds them)."""
    from trainer.core.journal_writer import journal_holder

    found = []
    for path in paths:
        holder = journal_holder(path)
        if holder is not None:
            found.append(LiveSession(path, holder))
    return found


def adopt_journals(
    store: Store,
    catalog: Catalog,
    paths: list[Path],
    transcripts: Mapping[str, str] | None = None,
    progress: Callable[[int], bool] | None = None,
) -> list[Recovery]:
    """Add each journal as a session of its trainee (made when new) and score it; journals
    still held by a running session, and those without a readable header, are left alone.
    ``progress(done)`` is told after each; when it returns False the rest waits (cancelled)."""
    from trainer.core.journal import JournalError, read_journal
    from trainer.core.journal_writer import journal_holder
    from trainer.store.recovery import recover_session

    outcomes: list[Recovery] = []
    for done, path in enumerate(paths):
        if progress is not None and not progress(done):
            break
        if journal_holder(path) is not None:
            continue
        try:
            journal = read_journal(path)  # read once: its header here, its events scored
        except JournalError:
            continue  # no header, nothing to say whose or what it was; the file stays
        header = journal.header
        entry = catalog.by_id(header.exercise_id)
        trainee = store.trainee_named(header.trainee)
        session_id = store.start_session(
            trainee.id,
            header.exercise_id,
            header.exercise_hash,
            entry.exercise.title if entry else header.exercise_id,
            header.mode,
            path,
            started_at=header.started_at,
        )
        row = store.session(session_id)
        assert row is not None  # just added
        outcomes.append(recover_session(store, catalog, row, transcripts, journal))
    return outcomes


def move_aside(path: Path) -> Path:
    """Rename a damaged store (and its ``-wal``/``-shm``) out of the way; returns the new
    name of the store file. Nothing is deleted: a person can still look at it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.replace(aside.with_name(aside.name + suffix))
    return aside


def open_store(path: Path, file_mode: int = 0o600) -> tuple[Store, Path | None]:
    """The store at ``path``; when SQLite finds it damaged, it is moved aside and a new one
    made: the second value is then where the damaged one went (its sessions come back with
    ``adopt_journals`` over every journal on disk). StoreError for any other trouble."""
    try:
        return Store(path, file_mode=file_mode), None
    except StoreCorrupt as exc:
        try:
            aside = move_aside(path)
        except OSError as failed:  # a folder that is read only: the damaged store stays
            said = Message(
                "store_damaged_stays",
                {
                    "path": str(path),
                    "damage": str(exc.message.params.get("detail", "")),
                    "detail": failed.strerror or str(failed),
                },
            )
            raise StoreError(said) from None
        return Store(path, file_mode=file_mode), aside
