"""Which workstation is at which part: a small file per workstation for the room's supervisor.

Each running exam writes ``DATA/exams/status/WORKSTATION.json`` (atomically, whenever its state
is saved: at least every second while a part runs), so the supervisor's ``simultaan exam
status`` or the room's own tooling reads one folder, shared or copied, and sees every
workstation: its candidate, the part and the seconds left, and since when nothing was heard
(a workstation that stopped writing is a workstation to walk to).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

STATUS_FOLDER = "status"
Stage = Literal["check_in", "waiting", "running", "stopped", "finished"]


class WorkstationStatus(BaseModel):
    """What one workstation is doing, as its last save said."""

    model_config = ConfigDict(extra="ignore")

    workstation: str
    candidate: str
    name: str
    package: str
    part: int  # 1-based; parts + 1 once finished
    parts: int
    stage: Stage
    remaining: float  # seconds left of the part
    updated_at: str  # ISO 8601, UTC


def status_folder(data_folder: Path) -> Path:
    """Where the workstations' status files are."""
    return data_folder / "exams" / STATUS_FOLDER


def status_file(data_folder: Path, workstation: str) -> Path:
    """A workstation's status file (its name made safe for a file name)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", workstation) or "_"
    return status_folder(data_folder) / f"{safe}.json"


def write_check_in(
    data_folder: Path,
    *,
    workstation: str,
    candidate: str,
    package: str,
    parts: int,
    remaining: float,
    modes: tuple[int, int] = (0o600, 0o700),
) -> None:
    """Say that this workstation opened the exam screen for ``candidate`` and is checking in
    (no name yet): the room sees it before the first part starts. ``modes``: the data
    folder's file and folder modes. OSError when it cannot be written."""
    from trainer.core.exam_state import write_atomically
    from trainer.core.journal_writer import make_folders

    status = WorkstationStatus(
        workstation=workstation,
        candidate=candidate,
        name="",
        package=package,
        part=1,
        parts=parts,
        stage="check_in",
        remaining=remaining,
        updated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    make_folders(status_folder(data_folder), modes[1])
    path = status_file(data_folder, workstation)
    write_atomically(path, status.model_dump_json(indent=1).encode(), modes[0])


def read_statuses(data_folder: Path) -> tuple[list[WorkstationStatus], list[Path]]:
    """Every workstation's status, by name, and the files that could not be read."""
    found: list[WorkstationStatus] = []
    unreadable: list[Path] = []
    folder = status_folder(data_folder)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found.append(WorkstationStatus.model_validate_json(path.read_bytes()))
        except (OSError, ValidationError):
            unreadable.append(path)
    return found, unreadable


def seconds_since(status: WorkstationStatus, now: dt.datetime | None = None) -> float:
    """Seconds since the workstation last wrote its status."""
    then = dt.datetime.fromisoformat(status.updated_at)
    return ((now or dt.datetime.now(dt.UTC)) - then).total_seconds()
