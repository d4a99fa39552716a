"""Sessions and their results as tables for scripts and spreadsheets: CSV or JSON.

Four tables from the same sessions (chosen with a ``SessionFilter``): ``sessions`` (one row
per session), ``fields`` (one row per form field a call or a chat checked), ``competences``
(one row per competence of the standards a call, a chat or a queue shift judged) and
``rubric`` (one row per criterion a coach scored with the rubric,
``trainer.store.assessments``). Column names are stable English keys that
scripts read (README.md, "Export"); values are in plain machine form whatever the language of
the app: ISO 8601 times as stored, numbers with a dot and every digit of the stored value,
``true``/``false``, an empty cell (``null`` in JSON) for what a session does not have. CSV is
UTF-8 without a byte-order mark, RFC 4180 (comma, CRLF, quotes doubled).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from trainer.store.db import SessionRow, Store
from trainer.store.session_filter import SessionFilter

if TYPE_CHECKING:
    from trainer.core.loader import Catalog

Table = Literal["sessions", "fields", "competences", "rubric"]
Format = Literal["csv", "json"]
FORMAT_VERSION = 1  # of the JSON document; columns are only ever added

_TYPING = (
    "min_wpm",
    "net_wpm",
    "chars_per_minute",
    "keystrokes_per_minute",
    "keystrokes",
    "seconds",
    "reference_words",
    "word_errors",
    "word_error_rate",
    "msd",
    "msd_error_rate",
    "total_error_rate",
    "corrected_error_rate",
    "uncorrected_error_rate",
    "kspc",
    "correct",
    "incorrect_not_fixed",
    "incorrect_fixed",
    "fixes",
)
_SESSION = ("session_id", "trainee", "exercise_id", "started_at")
# the kinds whose result judges the competences of the standards (a typing result has no kind)
JUDGED_KINDS = ("call", "chat", "queue")

COLUMNS: dict[Table, tuple[str, ...]] = {
    "sessions": (
        *_SESSION,
        "exercise_title",
        "kind",
        "language",
        "level",
        "mode",
        "ended_at",
        "status",
        "completed",
        "passed",
        "duration_seconds",
        "error_rate",
        "unit",
        "margin",
        "wpm",
        *_TYPING,
        "fields_checked",
        "fields_right",
        "data_entry_accuracy",
        "competences_assessed",
        "competences_shown",
        "answered_after",
        "handling_time",
        "exercise_changed",
        "damaged_lines",
        "journal",
    ),
    "fields": (
        *_SESSION,
        "field_id",
        "label",
        "field_kind",
        "section",
        "expected",
        "entered",
        "verdict",
        "belongs_in",
        "said_at",
        "committed_at",
        "seconds_after_said",
    ),
    "competences": (*_SESSION, "code", "name", "assessed", "shown", "reasons"),
    "rubric": (*_SESSION, "competence", "criterion", "score", "comment", "coach", "assessed_at"),
}


@dataclass(frozen=True)
class ExerciseInfo:
    """What the export says of an exercise besides its id (from the catalog)."""

    kind: str
    language: str
    level: int


Row = dict[str, Any]


def exercise_info(catalog: Catalog) -> dict[str, ExerciseInfo]:
    """Kind, language and level of every exercise of the catalog, by id."""
    return {
        e.exercise.id: ExerciseInfo(e.exercise.kind, e.exercise.language, e.exercise.level)
        for e in catalog.entries
    }


def _session_part(row: SessionRow) -> Row:
    return {
        "session_id": row.id,
        "trainee": row.trainee,
        "exercise_id": row.exercise_id,
        "started_at": row.started_at,
    }


def _kind_of(row: SessionRow, info: ExerciseInfo | None) -> str | None:
    if info is not None:
        return info.kind
    # an exercise no longer in the catalog: only a call, a chat or a queue shift says what
    # it was (a typing result has no kind)
    kind = (row.result or {}).get("kind")
    return kind if kind in JUDGED_KINDS else None


def session_row(row: SessionRow, info: ExerciseInfo | None) -> Row:
    """The ``sessions`` row of a stored session."""
    result = row.result or {}
    typing = result.get("typing") or {}
    fields = [f for f in result.get("fields", []) if f.get("verdict") != "not_given"]
    right = sum(1 for f in fields if f.get("verdict") == "right")
    judged = [c for c in result.get("competences", []) if c.get("assessed")]
    # a call and a chat have a form; a queue shift is judged per competence too
    has_form = result.get("kind") in ("call", "chat")
    judges = result.get("kind") in JUDGED_KINDS
    out: Row = {
        **_session_part(row),
        "exercise_title": row.exercise_title,
        "kind": _kind_of(row, info),
        "language": info.language if info else None,
        "level": info.level if info else None,
        "mode": row.mode,
        "ended_at": row.ended_at,
        "status": row.status,
        "completed": result.get("completed"),
        "passed": row.passed,
        "duration_seconds": result.get("duration"),
        "error_rate": row.error_rate,
        "unit": row.unit,
        "margin": Decimal(row.margin) if row.margin is not None else None,
        "wpm": row.wpm,
    }
    out.update({key: typing.get(key) for key in _TYPING})
    out.update(
        {
            # fields checked: every field but an optional one left empty
            "fields_checked": len(fields) if has_form else None,
            "fields_right": right if has_form else None,
            "data_entry_accuracy": right / len(fields) if has_form and fields else None,
            "competences_assessed": len(judged) if judges else None,
            "competences_shown": sum(1 for c in judged if c.get("shown")) if judges else None,
            "answered_after": result.get("answered_after"),
            "handling_time": result.get("handling_time"),
            "exercise_changed": result.get("exercise_changed"),
            "damaged_lines": len(result["damaged_lines"]) if "damaged_lines" in result else None,
            "journal": str(row.journal_path),
        }
    )
    return out


def field_rows(row: SessionRow) -> Iterator[Row]:
    """The ``fields`` rows of a stored call: one per form field."""
    for f in (row.result or {}).get("fields", []):
        yield {
            **_session_part(row),
            "field_id": f.get("id"),
            "label": f.get("label"),
            "field_kind": f.get("kind"),
            "section": f.get("section"),
            "expected": f.get("expected"),
            "entered": f.get("value"),
            "verdict": f.get("verdict"),
            "belongs_in": f.get("belongs_in"),
            "said_at": f.get("said_at"),
            "committed_at": f.get("committed_at"),
            "seconds_after_said": f.get("seconds_after_said"),
        }


def competence_rows(row: SessionRow) -> Iterator[Row]:
    """The ``competences`` rows of a stored call: one per competence it judged."""
    for c in (row.result or {}).get("competences", []):
        yield {
            **_session_part(row),
            "code": c.get("code"),
            "name": c.get("name"),
            "assessed": c.get("assessed"),
            "shown": c.get("shown"),
            # the codes only (their values are in the session's result; replay --json)
            "reasons": [r["code"] if isinstance(r, dict) else str(r) for r in c.get("reasons", [])],
        }


def rubric_rows(row: SessionRow, store: Store) -> Iterator[Row]:
    """The ``rubric`` rows of a session a coach assessed: one per criterion scored (by its
    id), and one without a criterion for a competence only commented on."""
    found = store.assessment(row.id)
    if found is None:
        return
    for c in found.competences:
        part = {**_session_part(row), "competence": c.code, "comment": c.comment or None,
                "coach": found.coach, "assessed_at": found.saved_at}  # fmt: skip
        for criterion, score in c.scores.items():
            yield {**part, "criterion": criterion, "score": score}
        if not c.scores:
            yield {**part, "criterion": None, "score": None}


def rows(
    store: Store, chosen: SessionFilter, table: Table, exercises: Mapping[str, ExerciseInfo]
) -> Iterator[Row]:
    """The rows of ``table`` for the sessions the filter selects, oldest session first."""
    for session in store.sessions(chosen):
        if table == "sessions":
            yield session_row(session, exercises.get(session.exercise_id))
        elif table == "fields":
            yield from field_rows(session)
        elif table == "rubric":
            yield from rubric_rows(session, store)
        else:
            yield from competence_rows(session)


# what a spreadsheet may take for the start of a formula (Excel, LibreOffice: =, +, -, @; a
# tab or carriage return before one of them is skipped by some and kept by others)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# a number as a cell holds it (a minus, digits, a decimal dot or comma): no formula, left as is
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell a spreadsheet cannot take for a formula: a leading apostrophe when it
    begins with ``= + - @``, a tab or a carriage return ("=HYPERLINK(...)" in a note,
    "+32 471 23 45 67" as entered), unless it is a plain number ("-3", "0,5"). Spreadsheets
    show the apostrophe's cell as text, so a phone number keeps its + and its spaces."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_value(value: Any) -> str:
    """A cell as scripts read it: '' for nothing, true/false, numbers with a dot and never
    in exponent form (0.00001, not 1e-05), lists joined by ';'; text that a spreadsheet
    could take for a formula with an apostrophe before it (``spreadsheet_safe``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # the shortest text that reads back as the same float, written out in full
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return spreadsheet_safe(";".join(str(v) for v in value))
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


def _json_value(value: Any) -> Any:
    # a margin is a decimal in the store ("0.03"): a JSON number with the same digits
    return float(value) if isinstance(value, Decimal) else value


def write_csv(out: IO[str], table: Table, found: Iterable[Row]) -> int:
    """The rows as RFC 4180 CSV with a header line; returns how many rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    columns = COLUMNS[table]
    writer.writerow(columns)
    count = 0
    for row in found:
        writer.writerow([csv_value(row[c]) for c in columns])
        count += 1
    return count


def write_json(out: IO[str], table: Table, found: Iterable[Row], about: Mapping[str, Any]) -> int:
    """The rows as one JSON document (``about``: the filter, said in it); returns how many.
    Written row by row, so 10,000 sessions are never one string in memory."""
    columns = COLUMNS[table]
    head = {"simultaan_export": FORMAT_VERSION, "table": table, "filter": dict(about)}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "columns": ')
    out.write(json.dumps(list(columns)) + ', "rows": [')
    count = 0
    for row in found:
        out.write(",\n" if count else "\n")
        out.write(json.dumps({c: _json_value(row[c]) for c in columns}, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def export(
    found: Iterable[Row],
    table: Table,
    fmt: Format,
    target: Path | None,
    about: Mapping[str, Any],
    stdout: IO[str] | None = None,
) -> int:
    """Write the rows to ``target`` (None: ``stdout``); returns how many rows. The file
    appears whole or not at all: written beside it under another name, then renamed (a
    spreadsheet never opens half an export). OSError when it cannot be written."""
    write: Callable[[IO[str]], int] = (
        (lambda out: write_csv(out, table, found))
        if fmt == "csv"
        else (lambda out: write_json(out, table, found, about))
    )
    if target is None:
        assert stdout is not None
        return write(stdout)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        # newline="": the csv module writes its own CRLF; JSON keeps its \n
        with open(fd, "w", encoding="utf-8", newline="") as out:
            count = write(out)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count
