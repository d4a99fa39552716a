"""An exam on this workstation: everything checked before it starts, and each finished part
sealed and stored.

``prepare_exam`` says at once, before the candidate sees anything, what would stop the exam
later: a data folder that is missing, read-only or full, a store that is damaged, a workstation
not enrolled by the exam centre (it could not seal the parts), a package whose signature fails,
a package that does not fit the exercises. It also says whether this candidate's exam is new,
to be resumed (and where), or already over. ``PartKeeper`` is the run's ``on_part_done``: the
part's journal and result are sealed with the workstation's key and stored as a session in
mode ``exam``.
"""

from __future__ import annotations

import errno
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.call_resume import call_resume_of
from trainer.core.clips import ClipLibrary, load_shipped_library
from trainer.core.exam_package import ExamPackage, check_exercises, parse_package
from trainer.core.exam_run import ExamError, ExamRun, ExamState, exam_folder, read_state
from trainer.core.exercise import ExerciseBase
from trainer.core.journal import read_journal
from trainer.core.loader import load_catalog
from trainer.core.messages import Message, Value
from trainer.core.yaml_source import SourceFileError
from trainer.paths import STORE_FILE, audio_dir, data_modes, exercises_dir
from trainer.store.data_folder import check_data_folder
from trainer.store.db import Store

# an exam's journals, results and seals: a few MiB for hours of typing; room for the store
EXAM_FREE_BYTES = 32 * 1024 * 1024


def check_signature(path: Path, data_folder: Path) -> bytes:
    """The package's bytes when the exam centre this workstation was enrolled by (its
    certificate in ``data_folder``'s ``exam/``) signed exactly them (trainer.seal); a
    SealError (a ``Said``) naming the package and what failed, else."""
    from trainer.seal.keys import CENTRE_CERT, station_folder
    from trainer.seal.packages import check_package

    return check_package(path, station_folder(data_folder) / CENTRE_CERT)


def station_ready(data_folder: Path) -> None:
    """SealError when this workstation cannot seal a part (not enrolled, expired...)."""
    from trainer.seal.keys import load_station, station_folder

    load_station(station_folder(data_folder))


@dataclass
class PreparedExam:
    """A package checked for this workstation and candidate; ``state``: the exam so far (None:
    a new one)."""

    data_folder: Path
    package_path: Path
    package: ExamPackage
    digest: str
    exercises: list[ExerciseBase]
    library: ClipLibrary
    candidate: str
    state: ExamState | None

    @property
    def folder(self) -> Path:
        """The candidate's exam folder."""
        return exam_folder(self.data_folder, self.package.id, self.candidate)

    @property
    def workstation(self) -> str:
        """This workstation's name for the room: its enrolled station's (exam rooms clone
        their computers, which then share one computer's name), else the computer's."""
        from trainer.core.journal_writer import workstation_name
        from trainer.seal.keys import SealError, common_name, load_station, station_folder

        try:
            return common_name(load_station(station_folder(self.data_folder)).certificate)
        except SealError:
            return workstation_name()

    @property
    def resumable(self) -> bool:
        """True when the candidate's exam started here and is not over."""
        return self.state is not None and not self.state.finished

    def begin(self, name: str, **kwargs: Any) -> ExamRun:
        """The candidate's new exam (``name`` as checked in)."""
        return ExamRun.begin(
            self.folder, self.package, self.digest, self.exercises, self.candidate, name,
            **self._run_options(kwargs),
        )  # fmt: skip

    def resume(self, **kwargs: Any) -> ExamRun:
        """The candidate's exam, on at the point where it stopped."""
        return ExamRun.resume(
            self.folder, self.package, self.digest, self.exercises, **self._run_options(kwargs)
        )

    def call_scored_as_is(self) -> bool:
        """Whether the exam was cut off in a call part that cannot go on where it stood (its
        journal does not rebuild it): a resume scores it with what its journal holds."""
        state = self.state
        if state is None or state.finished:
            return False
        part = state.parts[state.part]
        if not (part.hosted and part.status == "running"):
            return False
        limit = float(self.package.parts[state.part].time_limit)
        return call_resume_of(part, self.exercises[state.part], limit) is None

    def _run_options(self, given: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {
            "transcripts": self.library.transcripts,
            "modes": data_modes(self.data_folder),
            "on_part_done": PartKeeper(self.data_folder, [e.title for e in self.exercises]),
            "workstation": self.workstation,
        }
        return options | given


def prepare_exam(
    data_folder: Path, package_path: Path, candidate: str, central_url: str | None = None
) -> PreparedExam:
    """Check everything an exam needs, in the order a supervisor fixes it; raises a ``Said``
    (ExamError, StoreError, SealError) or SourceFileError (the package's lines) at the first
    problem. ``central_url``: the settings' central store (the environment's wins), where a
    candidate number taken on another workstation is looked for."""
    check = check_data_folder(data_folder, EXAM_FREE_BYTES)
    if check.problem == "no_space":
        values: dict[str, Value] = {
            "path": str(data_folder),
            "free": check.free_bytes // (1024 * 1024),
            "needed": check.needed_bytes // (1024 * 1024),
        }
        raise ExamError(Message("exam_no_space", values))
    if not check.ok:
        values = {"path": str(data_folder), "detail": errno.errorcode.get(check.errno, "?")}
        raise ExamError(
            {
                "missing": Message("exam_folder_missing", values),
                "not_a_folder": Message("exam_folder_not_a_folder", values),
                "read_only": Message("exam_folder_read_only", values),
            }.get(check.problem, Message("exam_folder_unwritable", values))
        )
    Store(data_folder / STORE_FILE, file_mode=data_modes(data_folder)[0]).close()
    station_ready(data_folder)
    data = check_signature(package_path, data_folder)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")  # the parser says where it is not YAML
    package, doc = parse_package(text, package_path)
    library = load_shipped_library(audio_dir())
    catalog = load_catalog([exercises_dir()], library.languages)
    problems = check_exercises(package, doc, catalog)
    if problems:
        raise SourceFileError(problems)
    exercises = []
    for index, part in enumerate(package.parts):
        entry = catalog.by_id(part.exercise)
        assert entry is not None  # (check_exercises said so otherwise)
        exercises.append(package.exercise_for(index, entry.exercise))
    digest = hashlib.sha256(data).hexdigest()
    state = read_state(exam_folder(data_folder, package.id, candidate))
    if state is not None and state.finished:
        raise ExamError(Message("exam_finished", {"candidate": candidate}))
    if state is None:  # (an exam begun here is this workstation's, whatever the room says)
        candidate_free(data_folder, package.id, candidate, central_url)
    return PreparedExam(
        data_folder, package_path, package, digest, exercises, library, candidate,
        state,
    )  # fmt: skip


def candidate_free(
    data_folder: Path, package_id: str, candidate: str, central_url: str | None = None
) -> None:
    """Refuse (ExamError) a candidate number that another workstation holds for this package
    in the central store: its parts sent there, or its screen open for it (its heartbeat),
    each known by the station's enrolled name.
    Without a central store, or with one that cannot be reached, nothing is refused: the
    central store keeps each workstation's files apart, so nothing is lost either way."""
    from trainer.seal.keys import common_name, load_station, station_folder
    from trainer.store.exam_files import exam_of
    from trainer.store.upload import database_url

    url = database_url(central_url)
    if url is None:
        return
    from trainer.store.central import CentralError, CentralStore

    exam = exam_of(exam_folder(data_folder, package_id, candidate))
    try:
        central = CentralStore(url)
        try:
            station = common_name(load_station(station_folder(data_folder)).certificate)
            others = central.candidate_elsewhere(exam, station)
        finally:
            central.close()
    except CentralError:
        return
    if others:
        values: dict[str, Value] = {
            "candidate": candidate,
            "package": package_id,
            "workstation": ", ".join(others),
            "server": central.server,
        }
        raise ExamError(Message("exam_candidate_elsewhere", values))


class PartKeeper:
    """Seals a finished part's journal and result and stores it as an exam session."""

    def __init__(self, data_folder: Path, titles: list[str]) -> None:
        self.data_folder = data_folder
        self.titles = titles  # each part's exercise's title, as the sessions list shows it

    def __call__(
        self, index: int, journal_path: Path, result_path: Path, hosted: Path | None = None
    ) -> None:
        """``hosted``: a call's journal as its desk wrote it, stored by the desk already (its
        session is finished here when a crash left it running)."""
        from trainer.seal.keys import common_name, load_station, station_folder
        from trainer.seal.parts import seal_part

        # this data folder's enrolment (not the environment's: --data-dir may name another)
        station = load_station(station_folder(self.data_folder))
        seal = seal_part(journal_path, result_path, station)
        journal = read_journal(journal_path)
        result = json.loads(result_path.read_text(encoding="utf-8"))
        store = Store(self.data_folder / STORE_FILE, file_mode=data_modes(self.data_folder)[0])
        try:
            # the part's evidence for the central store (sent when one is named), known there
            # by the station's enrolled name: one per workstation, where cloned workstations
            # may share their computer's name
            store.queue_exam_files(
                [journal_path, result_path, seal], common_name(station.certificate)
            )
            if hosted is not None:
                for row in store.unfinished_sessions():
                    if row.journal_path.resolve() == hosted.resolve():
                        store.finish_session(row.id, "recovered", result)
                return
            trainee = store.trainee_named(journal.header.trainee)
            session = store.start_session(
                trainee.id,
                journal.header.exercise_id,
                journal.header.exercise_hash,
                self.titles[index],
                "exam",
                journal_path,
                started_at=journal.header.started_at,
            )
            status = journal.end.reason if journal.end is not None else "recovered"
            store.finish_session(session, status, result)
        finally:
            store.close()
