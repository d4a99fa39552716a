"""Is a stored exam result still the one sealed? Asked when a past result opens again.

An exam part's journal and result are sealed in the exam's folder (``trainer.seal.parts``);
the store keeps a copy of the result for the lists. A call part's session is its desk's, whose
journal lies with the other journals: its sealed copy in the exam's folder is found by the
journal's SHA-256 (``part_seal``). Opened again, the part is shown as valid only when its seal
verifies against the data folder's exam centre, the files are as sealed, and the store's copy
of the result is the sealed one (an edited row would show another verdict while every file
still verifies). A practice session has no seal and is not asked.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from trainer.core.messages import Message
from trainer.seal.keys import SealError
from trainer.seal.parts import SEAL_SUFFIX, FileCheck, check_seal, seal_names, seal_path_of
from trainer.seal.verify import trusted_centre
from trainer.store.db import SessionRow

EXAMS = "exams"  # the data folder's exam folders (trainer.core.exam_run.exam_folder)


def part_seal(journal: Path, data_folder: Path | None = None) -> Path | None:
    """The seal of the part whose journal this is: beside it, else (a call's desk journal)
    the one in the data folder's exams whose journal has the same bytes."""
    own = seal_path_of(journal)
    if own.is_file():
        return own
    exams = data_folder / EXAMS if data_folder is not None else None
    if exams is None or not exams.is_dir():
        return None
    try:
        digest = hashlib.sha256(journal.read_bytes()).hexdigest()
    except OSError:
        return None
    for seal in sorted(exams.rglob("*.jsonl" + SEAL_SUFFIX)):
        if _journal_digest(seal) == digest:
            return seal
    return None


def seal_check(row: SessionRow, data_folder: Path | None = None) -> FileCheck | None:
    """The seal's word on a stored session: None for a practice session without a seal; an
    intact check (with the station and time) when all holds; else the first thing that
    does not (changed or unsigned, with why)."""
    journal = Path(row.journal_path)
    seal = part_seal(journal, data_folder)
    if seal is None:
        if row.mode != "exam":
            return None
        return FileCheck(journal, "unsigned", Message("no_seal", {"file": str(journal)}))
    try:
        centre = trusted_centre(None, str(data_folder) if data_folder else None)
    except SealError as exc:
        return FileCheck(journal, "unsigned", exc.message)
    checks = check_seal(seal, centre)
    for check in checks:
        if check.status != "intact":
            return check
    intact = checks[0]
    result_file = _result_file(seal)
    if result_file is not None and row.result is not None and _read(result_file) != row.result:
        said = {"file": str(result_file), "station": intact.station, "date": intact.sealed_at}
        return FileCheck(result_file, "changed", Message("stored_result_differs", said))
    return intact


def _journal_digest(seal: Path) -> str | None:
    """The SHA-256 a part's seal gives its journal."""
    try:
        body = json.loads(seal.read_text(encoding="utf-8"))
        found = [f["sha256"] for f in body["files"] if str(f["name"]).endswith(".jsonl")]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(found[0]) if found else None


def _result_file(seal: Path) -> Path | None:
    """The result a part's seal covers (the one that is not the journal)."""
    names = [n for n in seal_names(seal) if n.endswith(".json") and "/" not in n]
    return seal.parent / names[0] if names else None


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
