"""One candidate's exam, headless: the parts in order, each ending by itself at its time limit.

``ExamRun`` owns the exam's folder (``DATA/exams/PACKAGE/CANDIDATE/``): ``state.json`` (which
part, how much of its time is used: written atomically, at least every second), one journal per
part (mode ``exam``, written by ``JournalWriter``: flushed at once, fsync'ed every second) and
each finished part's result (``part-NN.result.json``). There is no pause, no retry and no choice
of exercise: ``start_part`` always starts the part the state names, ``tick`` ends it when its
time is up (``time_up``, at exactly the limit on the session clock). Play limits hold across the
whole exam: ``plays`` counts every start of every clip, and is read back from the journals on a
resume, so nothing resets it.

After a crash or a power cut ``ExamRun.resume`` goes on at the same point: the part that was
running gets a new journal holding everything the old one kept (its keystrokes, its plays) and
its clock runs on from the time already used (the later of the last checkpoint and the last
event journaled), so a resumed part ends at its limit as it would have. The old journal is kept
beside it as evidence. A call part goes on the same way when its journal rebuilds the call line
for line (``call_resume``: ``call_resume_of``, ``trainer.core.call_resume``); its desk starts
from it (``start_hosted_part``). One that does not is scored with what its journal holds.

The caller (the kiosk window, ``simultaan exam start``, a test) drives it from one thread and
turns keys into ``key`` calls; ``on_part_done`` is told each finished part's journal and result
(to seal and store them), and for a call the journal its desk wrote (and stored). Codes and
numbers only.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from trainer.core.call_resume import CallResume, call_resume_of
from trainer.core.exam_package import ExamPackage
from trainer.core.exam_state import (  # (the names the run's users know)
    CANDIDATE_PATTERN,
    CHECKPOINT_SECONDS,
    STATE_FILE,
    ExamError,
    ExamState,
    PartState,
    exam_folder,
    plays_in,
    read_state,
    write_atomically,
)
from trainer.core.exam_status import Stage, WorkstationStatus, status_file, status_folder
from trainer.core.exercise import ExerciseBase, content_hash
from trainer.core.journal import (
    AnyEvent,
    EndEvent,
    EndReason,
    Header,
    KeyEvent,
    PauseEvent,
    now_iso,
    read_journal,
)
from trainer.core.journal_writer import (
    JournalWriter,
    journal_holder,
    make_folders,
    workstation_name,
)
from trainer.core.messages import Message
from trainer.core.scoring import score

__all__ = [
    "CANDIDATE_PATTERN",
    "STATE_FILE",
    "ExamError",
    "ExamRun",
    "ExamState",
    "PartState",
    "exam_folder",
    "plays_in",
    "read_state",
    "write_atomically",
]


class ExamRun:
    """One candidate's exam on this workstation. Owned by one thread (the GUI thread in the
    app); ``clock`` is the monotonic source of seconds (a test may run it faster)."""

    def __init__(
        self,
        folder: Path,
        package: ExamPackage,
        exercises: Sequence[ExerciseBase],
        state: ExamState,
        *,
        transcripts: Mapping[str, str] | None = None,
        clock: Callable[[], float] = time.perf_counter,
        on_part_done: Callable[[int, Path, Path, Path | None], None] | None = None,
        modes: tuple[int, int] = (0o600, 0o700),
        workstation: str | None = None,
    ) -> None:
        """``exercises``: each part's exercise as the package asks it
        (``ExamPackage.exercise_for``); ``workstation``: this workstation's name for the room
        (its enrolled station's: cloned computers share their own), else the computer's."""
        self.folder = folder
        self.workstation = workstation or workstation_name()
        self.package = package
        self.exercises = list(exercises)
        self.state = state
        self.transcripts = transcripts
        self._clock = clock
        self._on_part_done = on_part_done
        self._file_mode, self._dir_mode = modes
        # every clip's starts in the whole exam: the dictation's player counts in this very
        # dict (DictationEngine(plays=run.plays)); a resume reads it back from the journals
        self.plays: dict[str, int] = {}
        self.writer: JournalWriter | None = None
        self._hosted: Path | None = None  # the journal of a running call, written by its desk
        self._end_waits = False  # the part's end was given to a writer the disk refused
        self._zero = 0.0  # the clock's reading when the part's session clock was at 0
        self._last_checkpoint = 0.0
        self.typed: list[KeyEvent] = []  # this part's keystrokes (a resume starts with the kept)
        self.events: list[AnyEvent] = []  # this part's other events kept (a resumed dictation)
        # a call cut off that goes on: rebuilt from its journal, for the desk that goes on
        self.call_resume: CallResume | None = None

    # starting --------------------------------------------------------------------------
    @classmethod
    def begin(
        cls,
        folder: Path,
        package: ExamPackage,
        package_sha256: str,
        exercises: Sequence[ExerciseBase],
        candidate: str,
        name: str,
        **kwargs: Any,
    ) -> ExamRun:
        """A new exam for ``candidate``; ExamError when this candidate's exam exists."""
        found = read_state(folder)
        if found is not None:
            values = {"candidate": candidate, "workstation": found.workstation}
            if found.finished:
                raise ExamError(Message("exam_finished", values))
            raise ExamError(Message("exam_already_running", values))
        state = ExamState(
            package_id=package.id,
            package_sha256=package_sha256,
            candidate=candidate,
            name=name,
            workstation=kwargs.get("workstation") or workstation_name(),
            started_at=now_iso(),
            parts=[PartState(exercise=p.exercise) for p in package.parts],
        )
        run = cls(folder, package, exercises, state, **kwargs)
        make_folders(folder, run._dir_mode)
        run.save()
        return run

    @classmethod
    def resume(
        cls,
        folder: Path,
        package: ExamPackage,
        package_sha256: str,
        exercises: Sequence[ExerciseBase],
        **kwargs: Any,
    ) -> ExamRun:
        """Go on with an exam that was cut off, at the same point (see the module's text)."""
        state = read_state(folder)
        if state is None or state.package_sha256 != package_sha256:
            said = {"path": str(folder / STATE_FILE), "package": package.id}
            raise ExamError(Message("exam_package_changed", said))
        run = cls(folder, package, exercises, state, **kwargs)
        for part in state.parts:  # plays of the parts done count too (a part's last journal
            # holds everything its earlier ones did)
            if part.status == "done" and part.journal:
                run._add_plays(plays_in(read_journal(folder / part.journal).events))
        state.resumes += 1
        if not state.finished and state.parts[state.part].status == "running":
            if state.parts[state.part].hosted:
                run._resume_hosted_part()
            else:
                run._continue_part()
        run.save()
        return run

    def _add_plays(self, found: Mapping[str, int]) -> None:
        for clip, count in found.items():
            self.plays[clip] = self.plays.get(clip, 0) + count

    # the part being taken ---------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """True once every part is done."""
        return self.state.finished

    @property
    def index(self) -> int:
        """The part being taken (0-based)."""
        return self.state.part

    @property
    def exercise(self) -> ExerciseBase:
        """The exercise of the part being taken, as the package asks it."""
        return self.exercises[self.state.part]

    @property
    def time_limit(self) -> float:
        """Seconds the part being taken may last."""
        return float(self.package.parts[self.state.part].time_limit)

    @property
    def running(self) -> bool:
        """True while a part's clock runs."""
        return self.writer is not None or self._hosted is not None

    @property
    def time_up(self) -> bool:
        """True once the running part's time is used up."""
        return self.running and self.now() >= self.time_limit

    def now(self) -> float:
        """Seconds on the running part's session clock (its time used)."""
        return self._clock() - self._zero

    def remaining(self) -> float:
        """Seconds left of the part being taken (its whole limit before it starts)."""
        if self.finished:
            return 0.0
        used = self.now() if self.running else self.state.parts[self.state.part].used
        return max(0.0, self.time_limit - used)

    def _journal_name(self) -> str:
        part = self.state.parts[self.state.part]
        count = len(part.earlier_journals) + (1 if part.journal else 0)
        while True:  # (a resume cut off itself may have left the next name's file behind)
            suffix = f"-{count + 1}" if count else ""
            name = f"part-{self.state.part + 1:02d}{suffix}.jsonl"
            if not (self.folder / name).exists():
                return name
            count += 1

    def _header(self) -> Header:
        exercise = self.exercise
        return Header(
            exercise_id=exercise.id,
            exercise_hash=content_hash(exercise),
            trainee=f"{self.state.name} ({self.state.candidate})",
            mode="exam",
            app_version=_app_version(),
            started_at=now_iso(),
            workstation=self.workstation,
        )

    def start_part(self) -> None:
        """Start the part the state names (there is no other to choose); its clock runs."""
        if self.finished or self.running:
            return
        part = self.state.parts[self.state.part]
        part.journal = self._journal_name()
        self.writer = self._new_writer(part.journal)
        self.typed, self.events = [], []
        self._zero = self._clock()
        part.status = "running"
        self.save()

    def start_hosted_part(self, journal: Path) -> None:
        """Start the part the state names when the call desk writes its journal (``journal``,
        its path); its time runs on this run's clock all the same, and ``finish_hosted_part``
        ends it. A call cut off goes on (``call_resume``: the desk starts from it, its new
        journal holding the old one's lines) with the time it used counted."""
        if self.finished or self.running:
            return
        part = self.state.parts[self.state.part]
        resumed, self.call_resume = self.call_resume, None
        if resumed is not None:  # the desk's journal cut off: kept in the exam's folder as
            # evidence (among the desk's journals it would be taken for a session of its own)
            kept = self._journal_name()
            Path(part.journal).replace(self.folder / kept)
            part.earlier_journals.append(kept)
        part.journal, part.hosted = str(journal), True
        self._hosted = journal
        self._zero = self._clock() - (resumed.used if resumed is not None else 0.0)
        part.status = "running"
        self.save()

    def _resume_hosted_part(self) -> None:
        """A call cut off by a crash: it goes on where it stood when its journal rebuilds it
        line for line (``call_resume``, for the desk); else (a journal the call engine cannot
        have written, a call already wrapped up) it is scored with what its journal holds."""
        part = self.state.parts[self.state.part]
        holder = journal_holder(Path(part.journal))
        if holder is not None:
            values = {"candidate": self.state.candidate, "workstation": holder}
            raise ExamError(Message("exam_already_running", values))
        self.call_resume = call_resume_of(part, self.exercise, self.time_limit)
        if self.call_resume is not None:
            part.used = self.call_resume.used
        else:
            self._close_hosted_part()

    def finish_hosted_part(self, result: dict[str, Any]) -> None:
        """The call ended (``result``: its score, as the desk stored it): its journal is
        copied into the exam's folder beside the result, both handed to ``on_part_done``."""
        assert self._hosted is not None, "no call is running"
        journal, self._hosted = self._hosted, None
        used = min(self.now(), self.time_limit)
        self._keep_part(journal, result, used)

    def _close_hosted_part(self) -> None:
        """A call cut off by a crash: scored from what its journal holds (``recovered``)."""
        part = self.state.parts[self.state.part]
        journal = Path(part.journal)
        holder = journal_holder(journal)
        if holder is not None:
            values = {"candidate": self.state.candidate, "workstation": holder}
            raise ExamError(Message("exam_already_running", values))
        found = read_journal(journal)
        result = score(self.exercise, found, transcripts=self.transcripts)
        last = max([part.used, *(getattr(e, "t", 0.0) for e in found.events)])
        self._keep_part(journal, result.model_dump(mode="json"), min(last, self.time_limit))

    def _keep_part(self, journal: Path, result: dict[str, Any], used: float) -> None:
        part = self.state.parts[self.state.part]
        name = f"part-{self.state.part + 1:02d}.jsonl"
        write_atomically(self.folder / name, journal.read_bytes(), self._file_mode)
        part.earlier_journals.append(str(journal))
        part.journal = name
        self._finish(result, used, self.folder / name, journal)

    def _new_writer(self, name: str) -> JournalWriter:
        return JournalWriter(
            self.folder / name,
            self._header(),
            file_mode=self._file_mode,
            dir_mode=self._dir_mode,
        )

    def _continue_part(self) -> None:
        """The running part after a crash: a new journal with everything the old one kept,
        its clock on from the time used."""
        part = self.state.parts[self.state.part]
        holder = journal_holder(self.folder / part.journal)
        if holder is not None:  # the app that ran it is still running it
            values = {"candidate": self.state.candidate, "workstation": holder}
            raise ExamError(Message("exam_already_running", values))
        old = read_journal(self.folder / part.journal)
        kept = [e for e in old.events if not isinstance(e, EndEvent)]
        used = max([part.used, *(getattr(e, "t", 0.0) for e in kept)])
        name = self._journal_name()
        part.earlier_journals.append(part.journal)
        part.journal = name
        writer = self._new_writer(part.journal)
        for event in kept:
            writer.write(event)
        writer.write(PauseEvent(t=used, paused=True, reason="exam interrupted"))
        writer.write(PauseEvent(t=used, paused=False, reason="exam resumed"))
        writer.sync()
        self.writer = writer
        self.typed = [e for e in kept if isinstance(e, KeyEvent)]
        self.events = [e for e in kept if not isinstance(e, KeyEvent)]
        self._add_plays(plays_in(kept))
        part.used = used
        self._zero = self._clock() - used

    def key(
        self, text: str | None = None, key: Literal["Backspace", "Delete"] | None = None
    ) -> None:
        """A keystroke of the candidate, journaled at once."""
        if self.writer is None or self.time_up:
            return  # (after the limit, before the tick that ends the part: not counted)
        event = KeyEvent(t=self.now(), text=text, key=key)
        self.typed.append(event)  # shown and kept even while the disk refuses it:
        self.writer.write(event)  # JournalWriteError then, and the line waits in memory

    def write(self, event: AnyEvent) -> None:
        """Another event of the part (a dictation's player, a call's desk), journaled."""
        if self.writer is None or self.time_up:
            return
        self.events.append(event)
        self.writer.write(event)  # (JournalWriteError: it waits in memory, as a key does)

    def typed_text(self) -> str:
        """The text the part's keystrokes made (to show it again after a resume)."""
        text: list[str] = []
        for event in self.typed:
            if event.key == "Backspace":
                if text:
                    text.pop()
            elif event.text:
                text.append(event.text)
        return "".join(text)

    def tick(self) -> bool:
        """Called at least every second: the journal synced, the time used saved, and the part
        ended when its time is up. True when the part ended. While the disk refuses the
        journal (JournalWriteError, an OSError) or the state (OSError), what waits is tried
        again at every tick and nothing is lost; the time runs on."""
        if not self.running:
            return False
        if self.writer is not None and self.now() >= self.time_limit:
            self.end_part("time_up")  # (raises while the disk refuses: tried again next tick)
            return True
        if self.writer is not None and self.writer.error is not None:
            self.writer.retry()  # raises while the disk still refuses
        if self.writer is not None:
            self.writer.sync_pending()  # (a call's desk syncs its own)
        if self.now() - self._last_checkpoint >= CHECKPOINT_SECONDS:
            self.state.parts[self.state.part].used = round(self.now(), 3)
            self._last_checkpoint = self.now()
            self.save()
        return False

    def end_part(self, reason: EndReason = "time_up") -> dict[str, Any]:
        """End the running part: journal closed, scored, result written, the next part next.
        Returns the result (its JSON)."""
        assert self.writer is not None, "no part is running"
        at = self.time_limit if reason == "time_up" else min(self.now(), self.time_limit)
        if self._end_waits:  # the end is written already, or waits with the rest in memory
            self.writer.close()
        else:
            self._end_waits = True
            self.writer.close(EndEvent(t=at, reason=reason, ended_at=now_iso()))
        self._end_waits = False
        journal_path = self.writer.path
        self.writer = None
        result = score(self.exercise, read_journal(journal_path), transcripts=self.transcripts)
        found = result.model_dump(mode="json")
        self._finish(found, at, journal_path, None)
        return found

    def _finish(
        self, found: dict[str, Any], used: float, journal_path: Path, hosted: Path | None
    ) -> None:
        """The part's result written, the part handed on (sealed, stored), the next next."""
        part = self.state.parts[self.state.part]
        part.result = f"part-{self.state.part + 1:02d}.result.json"
        result_path = self.folder / part.result
        data = (json.dumps(found, ensure_ascii=False, indent=1) + "\n").encode()
        write_atomically(result_path, data, self._file_mode)
        part.used, part.passed, part.status = used, bool(found["passed"]), "done"
        if self._on_part_done is not None:
            self._on_part_done(self.state.part, journal_path, result_path, hosted)
        self.state.part += 1
        self.save()

    def close(self) -> None:
        """Let go of the journal (the app quits with the supervisor's code): the part stays
        running in the state, to be resumed."""
        writer, self.writer = self.writer, None
        hosted, self._hosted = self._hosted, None
        if writer is not None or hosted is not None:
            self.state.parts[self.state.part].used = round(self._clock() - self._zero, 3)
            if writer is not None:
                writer.close()  # no end: the part is not over, only stopped here
            self.save()

    def save(self) -> None:
        """Write the state file, and this workstation's status for the supervisor (each
        atomically)."""
        data = self.state.model_dump_json(indent=1).encode()
        write_atomically(self.folder / STATE_FILE, data, self._file_mode)
        self._write_status()

    def _write_status(self) -> None:
        # the exam's folder is DATA/exams/PACKAGE/CANDIDATE
        data_folder = self.folder.parent.parent.parent
        make_folders(status_folder(data_folder), self._dir_mode)
        state = self.state
        stage: Stage = "finished"
        if not state.finished:
            stage = "running" if self.running else "waiting"
            if not self.running and state.parts[state.part].status == "running":
                stage = "stopped"  # cut off, or closed with the code: to be resumed
        status = WorkstationStatus(
            workstation=state.workstation,
            candidate=state.candidate,
            name=state.name,
            package=state.package_id,
            part=state.part + 1,
            parts=len(state.parts),
            stage=stage,
            remaining=round(self.remaining(), 1),
            updated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        path = status_file(data_folder, state.workstation)
        write_atomically(path, status.model_dump_json(indent=1).encode(), self._file_mode)


def _app_version() -> str:
    from trainer import __version__

    return __version__
