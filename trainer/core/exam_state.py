"""An exam's state on disk: where a candidate's exam lives, what ``state.json`` holds (which
part, how much of its time is used), written so that a crash leaves the old file or the new
one. Read by the exam run, ``simultaan exam start --check`` and the exam screen's resume offer.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trainer.core.journal import AnyEvent, AudioEvent
from trainer.core.messages import Message, Said

STATE_FILE = "state.json"
CHECKPOINT_SECONDS = 1.0
CANDIDATE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"
PartStatus = Literal["waiting", "running", "done"]


class ExamError(Said):
    """An exam that cannot start or go on; the message says why (for the supervisor)."""


class PartState(BaseModel):
    """Where one part stands."""

    model_config = ConfigDict(extra="forbid")

    exercise: str
    status: PartStatus = "waiting"
    journal: str = ""  # the part's journal, a file name in the exam's folder
    earlier_journals: list[str] = []  # its journals before a resume, kept as evidence
    used: float = 0.0  # seconds of its time limit used, at the last checkpoint
    result: str = ""  # the result's file name, once done
    passed: bool | None = None
    # a call: its journal is written by the call desk (``hosted``: an absolute path outside
    # the exam's folder, copied in as ``part-NN.jsonl`` when the part ends)
    hosted: bool = False


class ExamState(BaseModel):
    """Everything needed to go on with an exam after a crash (``state.json``)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = 1
    package_id: str
    package_sha256: str
    candidate: Annotated[str, Field(pattern=CANDIDATE_PATTERN)]
    name: str
    workstation: str
    started_at: str
    part: int = 0  # the part being taken (len(parts): the exam is over)
    parts: list[PartState]
    resumes: int = 0

    @property
    def finished(self) -> bool:
        """True once every part is done."""
        return self.part >= len(self.parts)


def exam_folder(data_folder: Path, package_id: str, candidate: str) -> Path:
    """Where a candidate's exam lives in the data folder."""
    return data_folder / "exams" / package_id / candidate


def read_state(folder: Path) -> ExamState | None:
    """The exam's saved state, or None when it never started; ExamError when it is damaged."""
    path = folder / STATE_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        said = {"path": str(path), "detail": exc.strerror or str(exc)}
        raise ExamError(Message("exam_state_damaged", said)) from None
    try:
        return ExamState.model_validate_json(data)
    except ValidationError as exc:
        said = {"path": str(path), "detail": str(exc.errors()[0]["msg"])}
        raise ExamError(Message("exam_state_damaged", said)) from None


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, mode)
    try:
        done = 0
        while done < len(data):
            done += os.write(fd, data[done:])
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    finally:
        os.close(dir_fd)


def plays_in(events: Sequence[AnyEvent]) -> dict[str, int]:
    """How often each clip was started (played from its beginning), as the dictation's
    player counts them."""
    counted: dict[str, int] = {}
    for event in events:
        if isinstance(event, AudioEvent) and event.action == "play" and event.position == 0.0:
            counted[event.clip] = counted.get(event.clip, 0) + 1
    return counted
