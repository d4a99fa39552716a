"""Exam packages: a fixed exam as a file, ``NAME.exam.yaml`` (format version 1).

A package names the exercises of an exam in the order they are taken, each *part* with its time
limit (seconds on the session clock; the part ends by itself when it runs out), its speed
requirement and, for a dictation, how often each clip may be started. Margin and unit hold for
every part unless a part says otherwise. ``show_result`` says what the candidate sees at the end
(``nothing``, or the ``result``); ``seed`` fixes anything shuffled, so every candidate of a room
gets the same exam; ``allow_subtitles`` lets a call show the customer's words as text when the
headset fails (off: the part waits for the supervisor). ``supervisor_code`` is the scrypt hash
of the code that lets a supervisor leave the exam screen (``supervisor_code_hash``): in the
signed package, so it is set per exam by the centre and cannot be changed on a workstation.

A package is read like an exercise file: every problem is a ``Problem`` at its line, with a
``Message`` code; ``check_exercises`` checks it against the exercises found (ids known, of a
kind the exam screen runs: copy, dictation, call; in the package's language, play limits only
on dictations, speeds not on calls).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from trainer.core.exercise import (
    CopyExercise,
    DictationExercise,
    ErrorUnit,
    ExerciseBase,
    Language,
)
from trainer.core.loader import Catalog
from trainer.core.messages import Message
from trainer.core.scenario import CallExercise
from trainer.core.yaml_source import (
    Problem,
    SourceFileError,
    YamlDocument,
    parse_yaml_mapping,
    read_text_file,
)

PACKAGE_SUFFIX = ".exam.yaml"
ExerciseId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]
# scrypt's cost: about 50 ms a try on a workstation, so trying every six-digit code from a
# copied package takes days, and checking the code the supervisor typed is not felt
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
# the public code the shipped packages carry (exams/README.md): a centre sets its own before
# it signs (``simultaan exam code``), and ``exam sign`` refuses a package still holding it
PLACEHOLDER_CODE = "000000"
MIN_CODE_LENGTH = 6
_CODE_LINE = re.compile(r"^supervisor_code:[^\n]*$", re.MULTILINE)


class ExamPart(BaseModel):
    """One part of the exam: an exercise with the exam's own rules for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    exercise: ExerciseId
    # seconds; the part ends by itself when they run out (at most four hours)
    time_limit: Annotated[int, Field(ge=10, le=4 * 3600)]
    min_wpm: Annotated[Decimal, Field(gt=0, le=200)] | None = None
    max_plays: Annotated[int, Field(ge=1, le=20)] | None = None
    margin: Annotated[Decimal, Field(ge=0, le=1)] | None = None
    unit: ErrorUnit | None = None


class ExamPackage(BaseModel):
    """A fixed exam: its parts in order and what holds for all of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    id: ExerciseId
    title: Annotated[str, Field(min_length=1, max_length=120)]
    language: Language
    instructions: str = ""
    parts: Annotated[list[ExamPart], Field(min_length=1, max_length=20)]
    margin: Annotated[Decimal, Field(ge=0, le=1)] = Decimal("0.03")
    unit: ErrorUnit = "word"
    show_result: Literal["nothing", "result"] = "nothing"
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)]
    allow_subtitles: bool = False
    supervisor_code: Annotated[str, Field(pattern=r"^scrypt\$[0-9a-f]{64}$")]

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("text_empty", "text_empty")
        return value.strip()

    @field_validator("parts")
    @classmethod
    def _each_exercise_once(cls, value: list[ExamPart]) -> list[ExamPart]:
        ids = [part.exercise for part in value]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise PydanticCustomError("listed_twice", "listed_twice", {"twice": doubles})
        return value

    def exercise_for(self, index: int, exercise: ExerciseBase) -> ExerciseBase:
        """The exercise of part ``index`` as the exam asks it: its time limit, speed, margin,
        unit and play limit are the package's (the journal's content hash is of this one)."""
        part = self.parts[index]
        if isinstance(exercise, CallExercise):
            return exercise
        update: dict[str, object] = {
            "margin": part.margin if part.margin is not None else self.margin,
            "error_unit": part.unit or self.unit,
        }
        if part.min_wpm is not None:
            update["min_wpm"] = part.min_wpm
        if isinstance(exercise, CopyExercise):
            update["time_limit"] = part.time_limit
        if isinstance(exercise, DictationExercise) and part.max_plays is not None:
            update["max_plays"] = part.max_plays
        return exercise.model_copy(update=update)

    def code_matches(self, code: str) -> bool:
        """Whether ``code`` is the supervisor's code of this exam."""
        return hmac.compare_digest(supervisor_code_hash(self.id, code), self.supervisor_code)


def supervisor_code_hash(package_id: str, code: str) -> str:
    """The value of a package's ``supervisor_code`` for ``code`` (salted with the package id,
    so one hash fits one exam only)."""
    salt = f"simultaan-exam:{package_id}".encode()
    digest = hashlib.scrypt(code.strip().encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${digest.hex()}"


def has_placeholder_code(package: ExamPackage) -> bool:
    """True while the package's supervisor's code is still the shipped placeholder."""
    return package.code_matches(PLACEHOLDER_CODE)


def code_problem(code: str) -> str | None:
    """Why ``code`` cannot be a supervisor's code (a ``code_*`` message code), or None."""
    code = code.strip()
    if len(code) < MIN_CODE_LENGTH:
        return "code_too_short"
    if code == PLACEHOLDER_CODE:
        return "code_is_placeholder"
    return None


def with_supervisor_code(text: str, package_id: str, code: str) -> str:
    """The package's text with its ``supervisor_code`` line holding ``code``'s hash; every
    other line kept as it was (comments too), except a comment above it naming the
    placeholder. ValueError when the text has no single top-level ``supervisor_code:`` line."""
    found = list(_CODE_LINE.finditer(text))
    if len(found) != 1:
        raise ValueError("no single supervisor_code line")
    line = f'supervisor_code: "{supervisor_code_hash(package_id, code)}"'
    start, end = found[0].span()
    before = text[:start]
    lines = before.split("\n")
    if len(lines) >= 2 and lines[-2].lstrip().startswith("#") and "placeholder" in lines[-2]:
        before = "\n".join([*lines[:-2], ""])  # (that comment is no longer true)
    return before + line + text[end:]


def parse_package(text: str, path: Path) -> tuple[ExamPackage, YamlDocument]:
    """Validate a package's YAML text; SourceFileError with every problem at its line."""
    doc = parse_yaml_mapping(text, path)
    if not path.name.endswith(PACKAGE_SUFFIX):
        doc.problems.append(Problem(path, 1, Message("package_name", {"suffix": PACKAGE_SUFFIX})))
    package = doc.validate(ExamPackage)
    if doc.problems or package is None:
        raise SourceFileError(sorted(doc.problems, key=lambda p: p.line))
    return package, doc


def load_package(path: Path, catalog: Catalog | None = None) -> ExamPackage:
    """Read and validate a package file; with ``catalog``, its exercises must be there and fit
    (``check_exercises``). SourceFileError names the file and every problem's line."""
    package, doc = parse_package(read_text_file(path, "exam package"), path)
    if catalog is not None:
        problems = check_exercises(package, doc, catalog)
        if problems:
            raise SourceFileError(problems)
    return package


def check_exercises(package: ExamPackage, doc: YamlDocument, catalog: Catalog) -> list[Problem]:
    """What does not fit between the package and the exercises found, at the package's lines."""
    problems: list[Problem] = []
    for index, part in enumerate(package.parts):
        entry = catalog.by_id(part.exercise)
        here = ("parts", index, "exercise")
        if entry is None:
            problems.append(doc.problem(here, Message("unknown_exercise", {"id": part.exercise})))
            continue
        exercise = entry.exercise
        if not isinstance(exercise, CopyExercise | DictationExercise | CallExercise):
            # the exam screen runs typing drills and calls only: a queue shift or a chat
            # would start nothing there, so the package is refused before any room uses it
            said = Message("package_kind_not_in_exams", {"id": exercise.id, "kind": exercise.kind})
            problems.append(doc.problem(here, said))
            continue
        if exercise.language != package.language:
            values = {"id": exercise.id, "language": exercise.language, "own": package.language}
            problems.append(doc.problem(here, Message("package_exercise_language", values)))
        if part.max_plays is not None and not isinstance(exercise, DictationExercise):
            said = Message("package_plays_not_dictation", {"id": exercise.id})
            problems.append(doc.problem(("parts", index, "max_plays"), said))
        if isinstance(exercise, CallExercise):
            for key in ("min_wpm", "margin", "unit"):
                if getattr(part, key) is not None:
                    said = Message("package_key_not_for_call", {"id": exercise.id, "key": key})
                    problems.append(doc.problem(("parts", index, key), said))
        elif isinstance(exercise, CopyExercise) and part.min_wpm is None and not exercise.min_wpm:
            # a timed copy drill is passed on speed too (design.md); a dictation may ask one
            said = Message("package_needs_speed", {"id": exercise.id})
            problems.append(doc.problem(("parts", index), said))
    return sorted(problems, key=lambda p: p.line)


def package_files(paths: Iterable[Path]) -> list[Path]:
    """The ``*.exam.yaml`` files named or found below the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.rglob(f"*{PACKAGE_SUFFIX}")) if path.is_dir() else [path]
    return found
