"""A candidate's exam as the evaluators read it, and their sign-off.

The parts are the store's exam sessions whose journals sit in one exam folder
(``DATA/exams/PACKAGE/CANDIDATE/``), each with its seal's word (``sealed_result``) and its
evidence per competence: a call's result names each competence shown or not; a copy or a
dictation shows the typing competences when the text was within its margin (as the portfolio
counts them, ``trainer.core.portfolio``).

The sign-off (``sign_off``) is ``signoff.json`` in the exam's folder: the two verdicts, the
decision, and each part's seal by its SHA-256 (so the sign-off is of exactly that evidence),
sealed with the evaluator station's key (``signoff.json.seal``). It is refused unless two
different evaluators agree and every part's seal holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.messages import Message
from trainer.core.portfolio import TYPING_CODES
from trainer.seal.keys import Station, common_name, load_station, station_folder
from trainer.seal.parts import FileCheck, seal_files, seal_path_of
from trainer.store.db import SessionRow, Store
from trainer.store.sealed_result import part_seal, seal_check
from trainer.store.session_filter import SessionFilter
from trainer.store.verdicts import SEATS, Verdict, VerdictRefused

SIGNOFF = "signoff.json"


@dataclass(frozen=True)
class ExamPart:
    """One part: its session, its seal's word, and (code, shown) per competence assessed;
    ``sealed``: its seal file (beside its journal, or a call's in the exam's folder)."""

    row: SessionRow
    seal: FileCheck | None
    evidence: tuple[tuple[str, bool], ...]
    sealed: Path | None = None

    @property
    def name(self) -> str:
        """The part as the exam's folder names it: ``part-01``."""
        journal = self.sealed.name.removesuffix(".seal") if self.sealed else ""
        return Path(journal or Path(self.row.journal_path).name).stem

    @property
    def intact(self) -> bool:
        return self.seal is not None and self.seal.status == "intact"


@dataclass(frozen=True)
class ExamSheet:
    """A candidate's exam: its name (``PACKAGE/CANDIDATE``), folder and parts in order."""

    exam: str
    folder: Path
    candidate: str
    parts: tuple[ExamPart, ...]

    @property
    def signed_off(self) -> bool:
        return seal_path_of(self.folder / SIGNOFF).is_file()

    @property
    def intact(self) -> bool:
        return bool(self.parts) and all(p.intact for p in self.parts)


def exam_sheets(store: Store) -> list[ExamSheet]:
    """Every exam in the store with its parts, by candidate and exam."""
    parts = []
    for row in store.sessions(SessionFilter(modes=frozenset({"exam"}), ended_only=True)):
        sealed = part_seal(Path(row.journal_path), store.folder)
        parts.append(
            ExamPart(row, seal_check(row, store.folder), evidence(row.result or {}), sealed)
        )
    return sheets_of(parts)


def sheets_of(
    parts: Iterable[ExamPart], name: Callable[[Path], str] | None = None
) -> list[ExamSheet]:
    """Parts grouped into their exams (by the folder of their seals), by candidate and exam;
    ``name``: an exam's name from its folder (``exam_name``)."""
    name = name or exam_name
    grouped: dict[Path, list[ExamPart]] = {}
    for part in parts:
        folder = part.sealed.parent if part.sealed else Path(part.row.journal_path).parent
        grouped.setdefault(folder, []).append(part)
    sheets = [
        ExamSheet(name(folder), folder, found[0].row.trainee, _in_order(found))
        for folder, found in grouped.items()
    ]
    return sorted(sheets, key=lambda s: (s.candidate.casefold(), s.exam))


def exam_name(folder: Path) -> str:
    """``PACKAGE/CANDIDATE``: the exam folder's last two names."""
    return f"{folder.parent.name}/{folder.name}"


def evidence(result: Mapping[str, Any]) -> tuple[tuple[str, bool], ...]:
    """(code, shown) for each competence a part's result gives evidence of."""
    if result.get("kind") == "call":
        return tuple(
            (str(c["code"]), bool(c.get("shown")))
            for c in result.get("competences", [])
            if c.get("assessed") and c.get("code")
        )
    typing = result.get("typing")
    if not isinstance(typing, Mapping):
        return ()
    within = bool(typing.get("within_margin"))
    return tuple((code, within) for code in sorted(TYPING_CODES))


def decision(verdicts: Mapping[int, Verdict]) -> str | None:
    """ "pass" or "fail" when both evaluators gave the same verdict; else None."""
    given = [verdicts.get(seat) for seat in SEATS]
    if any(v is None for v in given):
        return None
    found = {v.passed for v in given if v is not None}
    return ("pass" if found == {True} else "fail") if len(found) == 1 else None


def record_verdict(store: Store, sheet: ExamSheet, verdict: Verdict) -> Verdict:
    """Keep an evaluator's verdict, unless the exam is signed off already."""
    if sheet.signed_off:
        raise VerdictRefused(Message("verdict_signed_off", {"exam": sheet.exam}))
    return store.save_verdict(verdict)


def sign_off(store: Store, sheet: ExamSheet, station: Station | None = None) -> Path:
    """Write and seal the sign-off of two agreeing evaluators on intact evidence; returns
    the seal. ``station``: the evaluator station's key (else its enrolment)."""
    verdicts = store.verdicts(sheet.exam)
    if len(verdicts) < len(SEATS):
        raise VerdictRefused(Message("signoff_needs_two", {"exam": sheet.exam}))
    decided = decision(verdicts)
    if decided is None:
        raise VerdictRefused(Message("signoff_disagree", {"exam": sheet.exam}))
    broken = [p for p in sheet.parts if not p.intact]
    if not sheet.parts or broken:
        names = [f"{p.name}.jsonl" for p in broken]
        raise VerdictRefused(Message("signoff_parts_not_intact", {"parts": names}))
    body = {
        "exam": sheet.exam,
        "candidate": sheet.candidate,
        "decision": decided,
        "signed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "verdicts": [_verdict_json(verdicts[seat]) for seat in SEATS],
        "parts": list(_parts_json(sheet.parts)),
    }
    path = sheet.folder / SIGNOFF
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # this store's data folder's enrolment (not the environment's: --data-dir may name another)
    station = station or load_station(station_folder(store.folder))
    seal = seal_files([path], seal_path_of(path), station)
    # the sign-off and its verdicts for the central store (sent when one is named), known
    # there by the station that sealed the parts, beside them
    sealer = sheet.parts[0].seal.station if sheet.parts[0].seal is not None else ""
    store.queue_exam_files([path, seal], sealer or common_name(station.certificate))
    return seal


def signed_verdicts(sheet: ExamSheet) -> dict[int, Verdict]:
    """The verdicts an exam's sign-off holds, by seat (none when it does not read)."""
    try:
        body = json.loads((sheet.folder / SIGNOFF).read_text(encoding="utf-8"))
        return {
            int(v["seat"]): Verdict(
                sheet.exam,
                int(v["seat"]),
                str(v["evaluator"]),
                bool(v["passed"]),
                str(v.get("comment", "")),
                str(v.get("saved_at", "")),
            )
            for v in body["verdicts"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _verdict_json(v: Verdict) -> dict[str, Any]:
    return {
        "seat": v.seat,
        "evaluator": v.evaluator,
        "passed": v.passed,
        "comment": v.comment,
        "saved_at": v.saved_at,
    }


def _parts_json(parts: Iterable[ExamPart]) -> Iterable[dict[str, Any]]:
    for part in parts:
        assert part.sealed is not None  # (only intact parts are signed off)
        yield {
            "journal": f"{part.name}.jsonl",
            "exercise": part.row.exercise_id,
            "seal_sha256": hashlib.sha256(part.sealed.read_bytes()).hexdigest(),
        }


def _in_order(parts: list[ExamPart]) -> tuple[ExamPart, ...]:
    """The parts in the order they were taken (part-01, part-02...: the journal's name)."""
    return tuple(sorted(parts, key=lambda p: (p.name, p.row.started_at)))
