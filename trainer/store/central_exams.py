"""The room's exams as the evaluators read them from the central store.

An evaluator station with the central store's URL sees every workstation's exams: each exam
file the workstations sent (journals, results, seals, sign-offs; ``trainer.store.exam_files``)
is fetched into ``DATA/central/WORKSTATION/PACKAGE/CANDIDATE/`` (two workstations given the same
candidate number for one package are two exams) and checked there exactly as a local exam
folder is (``trainer.store.exam_sheet``): its seal against this station's exam centre, the
bytes as sealed, and the central store's copy of the result as the sealed one. A file whose
bytes the server holds differently from the last fetch (SHA-256 computed by the server) is
fetched again, so a part altered on the server shows as altered. The sign-off is written in
that folder and queued for the central store like a workstation's files.

When the server cannot be reached, the exams as last fetched are read (without the server's
copy of each result: the sealed result file stands for it).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from trainer.core.exam_state import write_atomically
from trainer.seal.parts import SEAL_SUFFIX, seal_path_of
from trainer.store.db import SessionRow
from trainer.store.exam_sheet import SIGNOFF, ExamPart, ExamSheet, evidence, sheets_of
from trainer.store.sealed_result import _journal_digest, _result_file, seal_check

CACHE = "central"  # in the data folder: the central store's exam files as last fetched
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")  # one file or folder name, no '..'


def safe_name(workstation: str) -> str:
    """A workstation's name as one folder name: as it is when it is one, else its characters
    outside letters, digits, '.', '_' and '-' made '_' and a short hash added, so that two
    names never share a folder."""
    if _NAME.match(workstation) and ".." not in workstation:
        return workstation
    digest = hashlib.sha256(workstation.encode("utf-8")).hexdigest()[:8]
    return f"{re.sub(r'[^A-Za-z0-9._-]', '_', workstation)[:100].strip('.')}-{digest}"


def cached_path(cache: Path, exam: str, workstation: str, name: str) -> Path | None:
    """Where an exam file is kept here; None for a name that would leave the cache (a
    server's row is not trusted to name a path)."""
    names = [safe_name(workstation), *exam.split("/"), name]
    if len(names) != 4 or not all(_NAME.match(n) and ".." not in n for n in names):
        return None
    return cache.joinpath(*names)


WORKSTATION_NAME = ".workstation"  # in a workstation's cache folder: its name as the server has it


def cached_exam_name(folder: Path) -> str:
    """A fetched exam's name: ``PACKAGE/CANDIDATE (WORKSTATION)``, the workstation as the
    central store knows it, its enrolled name (the evaluators keep their verdicts by it: two
    workstations' candidates of one number are two exams)."""
    station = folder.parent.parent
    try:
        workstation = (station / WORKSTATION_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        workstation = station.name
    return f"{folder.parent.name}/{folder.name} ({workstation or station.name})"


def fetch(url: str, data_folder: Path) -> dict[str, dict[str, Any]]:
    """Bring the cache up to the central store's exam files; returns the exam results the
    server holds by their journal's SHA-256. CentralError when the server cannot be used."""
    from trainer.store.central import CentralStore

    cache = data_folder / CACHE
    central = CentralStore(url)
    try:
        there: set[Path] = set()
        for exam, workstation, name, digest in central.exam_file_digests():
            path = cached_path(cache, exam, workstation, name)
            if path is None:
                continue
            there.add(path)
            named = path.parents[2] / WORKSTATION_NAME
            if not named.is_file():
                named.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(named, workstation.encode("utf-8"))
            if _digest(path) == digest:
                continue
            content = central.exam_file(exam, workstation, name)
            if content is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, content)
        results = {str(r["journal_sha256"]): r for r in central.exam_results()}
    finally:
        central.close()
    # a file gone from the server is gone here too; a sign-off of this station still waiting
    # for the server stays
    for path in cache.glob("*/*/*/*") if cache.is_dir() else []:
        if path.is_file() and path not in there and not path.name.startswith(SIGNOFF):
            path.unlink()
    return results


def cached_sheets(data_folder: Path, results: dict[str, dict[str, Any]]) -> list[ExamSheet]:
    """The exams in the cache, each part checked (``results``: the server's, by journal)."""
    cache = data_folder / CACHE
    parts = []
    for seal in sorted(cache.glob("*/*/*/*.jsonl" + SEAL_SUFFIX)) if cache.is_dir() else []:
        journal = seal.with_name(seal.name.removesuffix(SEAL_SUFFIX))
        row = _row(journal, results.get(_journal_digest(seal) or ""))
        parts.append(ExamPart(row, seal_check(row, data_folder), evidence(row.result or {}), seal))
    return sheets_of(parts, cached_exam_name)


def central_sheets(url: str, data_folder: Path) -> list[ExamSheet]:
    """Every exam in the central store, fetched and checked."""
    return cached_sheets(data_folder, fetch(url, data_folder))


def _row(journal: Path, sent: dict[str, Any] | None) -> SessionRow:
    """A part as the lists show a session: from the server's result row, else from the sealed
    files themselves (a result row not sent yet)."""
    if sent is not None:
        result = sent["result"]
        return SessionRow(
            id=0, trainee_id=0, trainee=str(sent["trainee"]),
            exercise_id=str(sent["exercise_id"]), exercise_title=str(sent["exercise_title"]),
            mode="exam", started_at=_text(sent["started_at"]) or "", status=str(sent["status"]),
            journal_path=journal, passed=sent["passed"], error_rate=sent["error_rate"],
            unit=sent["unit"], margin=sent["margin"], wpm=sent["wpm"],
            result=result if isinstance(result, dict) else None,
            ended_at=_text(sent["ended_at"]),
        )  # fmt: skip
    header: dict[str, Any] = _json(journal, first_line=True) or {}
    result_file = _result_file(seal_path_of(journal))
    found = _json(result_file) if result_file else None
    return SessionRow(
        id=0, trainee_id=0, trainee=str(header.get("trainee") or journal.parent.name),
        exercise_id=str(header.get("exercise_id", "")), exercise_title="", mode="exam",
        started_at=str(header.get("started_at", "")), status="finished", journal_path=journal,
        passed=found.get("passed") if found else None,
        error_rate=found.get("error_rate") if found else None,
        unit=None, margin=None, wpm=None, result=found,
    )  # fmt: skip


def _json(path: Path, first_line: bool = False) -> dict[str, Any] | None:
    try:
        with path.open("rb") as file:
            data = file.readline(64 * 1024) if first_line else file.read()
        value = json.loads(data)
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _text(moment: object) -> str | None:
    """A server's timestamp as the local store writes it (ISO 8601)."""
    if moment is None:
        return None
    iso = getattr(moment, "isoformat", None)
    return str(iso(timespec="seconds") if iso else moment)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
