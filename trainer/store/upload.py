"""Sending the outbox to the central store, from a thread of its own.

The workstation works on its local store whatever the network does; this thread takes the
results waiting in the outbox (``trainer.store.outbox``) to the central store, a batch per
transaction, and takes them out of the outbox only once the server committed them. When the
server cannot be reached it waits and tries again, longer each time (up to a minute), and at
once when told a result was stored (``nudge``). It never touches the GUI: the UI asks
``state()`` (any thread) on a timer.

The exams' files wait in an outbox of their own (``trainer.store.exam_files``) and go after the
results; each turn also sends the workstations' status files (``exams/status/``) that changed,
as heartbeats for the supervisor's ``simultaan exam status``, every few seconds while an exam
goes on.

The central store is PostgreSQL, named by a database URL: ``SIMULTAAN_DATABASE_URL``, or the
settings' ``database_url``; without one, nothing is sent and the outbox only waits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.messages import Message, Said

if TYPE_CHECKING:
    from trainer.store.central import CentralStore
    from trainer.store.db import Store

URL_VARIABLE = "SIMULTAAN_DATABASE_URL"
BATCH = 200  # results per transaction: a day's backlog of a room goes in a few seconds
IDLE_SECONDS = 30.0  # a look at the outbox this often anyway (another app on the same folder)
HEARTBEAT_SECONDS = 4.0  # while an exam goes on here: the supervisor's view at most this late


def database_url(setting: str | None) -> str | None:
    """The central store's URL: the environment's, else the settings' (None: none)."""
    url = os.environ.get(URL_VARIABLE) or setting
    return url.strip() if url and url.strip() else None


@dataclass(frozen=True)
class UploadState:
    """What the uploader last knew: the server (``host:port/database``), the results sent
    since it started, and why the last try failed (None: it worked, or has not tried yet)."""

    server: str
    sent: int = 0
    problem: Message | None = None
    tries: int = 0  # connection attempts and batches, failed or not (for tests and the log)


class Uploader:
    """Empties one local store's outbox into the central store, in a daemon thread.

    ``start`` and ``stop`` on the thread that owns it (the GUI's); ``nudge`` and ``state`` from
    any thread. The thread opens its own connection to the local store (SQLite: one per
    thread) and to the server."""

    def __init__(
        self,
        store_path: Path,
        url: str,
        *,
        first_wait: float = 1.0,
        longest_wait: float = 60.0,
        idle: float = IDLE_SECONDS,
        batch: int = BATCH,
    ) -> None:
        from trainer.store.central import CentralError, server_name

        self.store_path = store_path
        self.url = url
        self._first_wait = first_wait
        self._longest_wait = longest_wait
        self._idle = idle
        self._batch = batch
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._heard: dict[str, str] = {}  # workstation -> its status as last sent
        self._exam_on = False  # an exam's status file here was written lately
        self._swept = False  # the exams' sealed files compared with the server's this run
        try:
            self._state = UploadState(server_name(url))
            self._url_problem: Message | None = None
        except CentralError as exc:  # said as the first problem, nothing is ever tried
            self._state = UploadState("", problem=exc.message)
            self._url_problem = exc.message

    def state(self) -> UploadState:
        """The latest state (any thread)."""
        with self._lock:
            return self._state

    def start(self) -> None:
        """Start sending in the background (a URL that is none is only said)."""
        if self._url_problem is not None or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="central-upload", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """A result was stored: try now, without waiting for the next turn."""
        self._wake.set()

    def stop(self, timeout: float = 0.5) -> None:
        """Stop the thread (what waits stays in the outbox for the next start). Waits for it
        at most ``timeout``: a connection being tried may take seconds to give up, and the
        window must close at once (the thread is a daemon, it ends with the app)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._state = dataclasses.replace(self._state, **changes)  # type: ignore[arg-type]

    def _run(self) -> None:
        from trainer.store.db import Store

        store: Store | None = None
        central: CentralStore | None = None
        failures = 0
        try:
            while not self._stopping.is_set():
                self._wake.clear()  # (a nudge from here on makes the next wait short)
                try:
                    store = store or Store(self.store_path)
                    central = self._send(store, central)
                    failures = 0
                    # an exam going on here: its heartbeat at least every few seconds
                    wait = min(self._idle, HEARTBEAT_SECONDS) if self._exam_on else self._idle
                except Said as exc:  # the server (or the local store) cannot be used now
                    self._set(problem=exc.message)
                    if central is not None:
                        central.close()
                        central = None
                    failures += 1
                    wait = self._backoff(failures)
                except Exception as exc:  # never a dead thread: said, and tried again later
                    self._set(problem=Message("central_failed", {"detail": repr(exc)}))
                    failures += 1
                    wait = self._backoff(failures)
                self._wake.wait(wait)
        finally:
            if central is not None:
                central.close()
            if store is not None:
                with contextlib.suppress(Exception):
                    store.close()

    def _backoff(self, failures: int) -> float:
        """Seconds before the next try: doubling from ``first_wait`` up to ``longest_wait``,
        spread a little so a room's workstations do not all come back at the same moment."""
        wait = min(self._longest_wait, self._first_wait * 2.0 ** min(failures - 1, 16))
        return float(wait * random.uniform(0.8, 1.0))

    def _send(self, store: Store, central: CentralStore | None) -> CentralStore:
        """Send everything waiting, batch by batch; returns the connection, kept open for the
        next turn. The first turn connects even with nothing to send, so a wrong URL or
        password is said as soon as the app starts, not at the end of the first exam."""
        from trainer.store.central import CentralStore

        if central is None:
            self._set(tries=self.state().tries + 1)
            central = CentralStore(self.url)
        while not self._stopping.is_set():
            batch = store.outbox(self._batch)
            if not batch:
                break
            self._set(tries=self.state().tries + 1)
            central.put([result for _id, _revision, result in batch])
            # committed on the server: out of the outbox (a crash before this line sends the
            # batch again, and the server keeps each result once, by its uid)
            store.uploaded([(session_id, revision) for session_id, revision, _ in batch])
            self._set(sent=self.state().sent + len(batch))
        if not self._swept:  # once per start: sealed files the server lacks
            queue_missing_exam_files(store, central)
            self._swept = True
        while not self._stopping.is_set():  # the exams' files: journals, results, seals
            files = store.file_outbox()
            if not files:
                break
            self._set(tries=self.state().tries + 1)
            central.put_files(files)
            store.files_uploaded([(f.path, f.revision) for f in files])  # (as above)
        self._send_statuses(central)
        self._set(problem=None)
        return central

    def _send_statuses(self, central: CentralStore) -> None:
        """The heartbeats: each workstation status file of the data folder
        (``exams/status/``) that changed since it was last sent, so the supervisor's
        ``simultaan exam status`` on any machine sees the room."""
        from trainer.core.exam_status import read_statuses, seconds_since

        found, _unreadable = read_statuses(self.store_path.parent)
        self._exam_on = any(
            s.stage != "finished" and seconds_since(s) < HEARTBEAT_SECONDS * 12 for s in found
        )
        said = {s.workstation: s.model_dump_json() for s in found}
        changed = [s for s in found if self._heard.get(s.workstation) != said[s.workstation]]
        if not changed:
            return
        central.put_statuses([(s.workstation, said[s.workstation], s.updated_at) for s in changed])
        self._heard.update((s.workstation, said[s.workstation]) for s in changed)


def queue_missing_exam_files(store: Store, central: CentralStore) -> int:
    """Queue every sealed file of the data folder's exams (a part's journal, result and seal;
    a sign-off and its seal) that the central store has not got: files sealed before this
    Simultaan queued them, or by one that stopped between the seal and the queue. Returns
    how many were queued. Only names are compared: a file the server holds is never sent
    over it again."""
    from trainer.core.journal_writer import workstation_name
    from trainer.seal.keys import SealError, common_name, load_station, station_folder
    from trainer.seal.parts import seal_names
    from trainer.store.exam_files import exam_of

    sealed: dict[str, list[Path]] = {}
    for seal in sorted((store.folder / "exams").glob("*/*/*.seal")):
        names = [n for n in seal_names(seal) if "/" not in n]
        sealed.setdefault(exam_of(seal.parent), []).extend(
            seal.parent / n for n in [*names, seal.name]
        )
    if not sealed:
        return 0
    there = central.exam_file_names(list(sealed))
    # known there by this data folder's enrolled station, which sealed them (as PartKeeper)
    try:
        workstation = common_name(load_station(station_folder(store.folder)).certificate)
    except SealError:  # (not enrolled: this computer's name, as its journals give it)
        workstation = workstation_name()
    queued = 0
    for exam, paths in sealed.items():
        missing = [p for p in paths if (exam, workstation, p.name) not in there and p.is_file()]
        if missing:
            store.queue_exam_files(missing, workstation)
            queued += len(missing)
    return queued
