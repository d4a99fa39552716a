"""Is a stored exam result still the one sealed? Asked when a past result opens again.

An exam part's journal and result are sealed beside the journal (``trainer.seal.parts``); the
store keeps a copy of the result for the lists. Opened again, the part is shown as valid only
when its seal verifies against this workstation's exam centre, the files are as sealed, and
the store's copy of the result is the sealed one (an edited row would show another verdict
while every file still verifies). A practice session has no seal and is not asked.
"""

from __future__ import annotations

import json
from pathlib import Path

from trainer.core.messages import Message
from trainer.seal.keys import SealError
from trainer.seal.parts import FileCheck, check_seal, seal_names, seal_path_of
from trainer.seal.verify import trusted_centre
from trainer.store.db import SessionRow


def seal_check(row: SessionRow) -> FileCheck | None:
    """The seal's word on a stored session: None for a practice session without a seal; an
    intact check (with the station and time) when all holds; else the first thing that
    does not (changed or unsigned, with why)."""
    journal = Path(row.journal_path)
    seal = seal_path_of(journal)
    if not seal.is_file():
        if row.mode != "exam":
            return None
        return FileCheck(journal, "unsigned", Message("no_seal", {"file": str(journal)}))
    try:
        centre = trusted_centre()
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


def _result_file(seal: Path) -> Path | None:
    """The result a part's seal covers (the one that is not the journal)."""
    names = [n for n in seal_names(seal) if n.endswith(".json") and "/" not in n]
    return seal.parent / names[0] if names else None


def _read(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
